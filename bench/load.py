"""Load on the running web server: concurrent askers and readers against `medora serve` on loopback.

Starts a real server (uvicorn, one process) on a prepared data folder, then for a bounded time runs N concurrent
clients, each looping: ask a new question through `POST /api/ask`, read a stored article page, read it from the
API. Reports errors and per-request p50/p95 for asking and for serving stored articles. Every request goes to
127.0.0.1 only, every loop is bounded in time, and the server is stopped at the end.

    python bench/load.py                          # 50 clients for 60 s, writes bench/results/load.json
    python bench/load.py --clients 10 --seconds 20
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from common import ROOT, SHARED, write_results

from medora.eval.datasets import read_jsonl


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _questions(count: int) -> list[str]:
    """Real clinician-style and consumer questions: MedQuAD treatment questions, then BioASQ questions."""
    found: list[str] = []
    for record in read_jsonl(SHARED / "medquad" / "qa.jsonl"):
        if record.get("qtype") == "treatment":
            found.append(record["question"])
    for record in read_jsonl(SHARED / "bioasq" / "dev.jsonl"):
        found.append(record["question"])
    random.Random(7).shuffle(found)
    return list(dict.fromkeys(found))[:count]


def _percentiles(values: list[float]) -> dict:
    if not values:
        return {"count": 0}
    ordered = sorted(values)
    return {
        "count": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def _wait_until_up(base: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode}")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise RuntimeError("the server did not come up in time")


def run(clients: int, seconds: float, home: Path, log: Path) -> dict:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "MEDORA_HOME": str(home)}
    # The server's output goes to a file: a pipe nobody reads fills up and stalls the server on its next log line.
    with log.open("w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "medora.cli", "serve", "--port", str(port)], cwd=ROOT, env=env, stdout=sink,
            stderr=subprocess.STDOUT,
        )
    questions = _questions(clients * 200)
    timings: dict[str, list[float]] = {"ask": [], "article_page": [], "article_api": []}
    errors: list[str] = []
    outcomes = {"answered": 0, "reused": 0, "insufficient_evidence": 0}  # what the timed asks were
    lock = threading.Lock()
    try:
        _wait_until_up(base, server, timeout=600)
        load_before = os.getloadavg()[0]  # the machine may be shared: say how busy it was
        stop_at = time.monotonic() + seconds

        def timed(http: httpx.Client, name: str, method: str, path: str, **options: object) -> httpx.Response | None:
            """One request, timed; a failure (status >= 400 or a transport error) is counted, not raised."""
            tick = time.perf_counter()
            try:
                response = http.request(method, path, **options)
            except httpx.HTTPError as error:
                with lock:
                    errors.append(f"{name} {type(error).__name__}")
                return None
            elapsed = time.perf_counter() - tick
            with lock:
                if response.status_code >= 400:
                    errors.append(f"{name} {response.status_code} {response.text[:200]}")
                    return None
                timings[name].append(elapsed)
            return response

        def client(number: int) -> None:
            own = questions[number::clients]
            with httpx.Client(base_url=base, timeout=60) as http:
                for question in own:
                    if time.monotonic() >= stop_at:
                        return
                    response = timed(http, "ask", "POST", "/api/ask", json={"question": question})
                    if response is None:
                        continue
                    reply = response.json()
                    with lock:
                        outcomes["reused" if reply["reused"] else "answered"] += 1
                        outcomes["insufficient_evidence"] += bool(reply["article"]["insufficient_evidence"])
                    slug = reply["slug"]
                    timed(http, "article_page", "GET", f"/articles/{slug}")
                    timed(http, "article_api", "GET", f"/api/articles/{slug}")

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + 120)
        wall = time.monotonic() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    requests = sum(len(values) for values in timings.values())
    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": requests,
        "requests_per_second": round(requests / wall, 1),
        "errors": len(errors),
        "error_examples": list(dict.fromkeys(errors))[:5],
        **{name: _percentiles(values) for name, values in timings.items()},
        "ask_outcomes": outcomes,
        "load_average_1m_before": round(load_before, 2),
        "data": "fresh data folder: the packaged library (61 overviews), embedded; questions from MedQuAD and BioASQ",
        "cores": os.cpu_count(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        env = {**os.environ, "MEDORA_HOME": str(home)}
        subprocess.run([sys.executable, "-m", "medora.cli", "init"], cwd=ROOT, env=env, check=True)
        log = Path(scratch) / "server.log"
        figures = run(args.clients, args.seconds, home, log)
        if figures["errors"]:
            print("server log (last lines):\n" + "\n".join(log.read_text().splitlines()[-40:]), file=sys.stderr)
    print(figures)
    write_results("load.json", figures)
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
