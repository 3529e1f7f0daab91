"""Load on the running web server: concurrent askers and readers against `medora serve` on loopback.

Starts a real server (uvicorn, one or several worker processes) on a prepared data folder, then for a bounded time
runs N concurrent clients, each looping: ask a new question through `POST /api/ask`, read a stored article page,
read it from the API. Reports errors and per-request p50/p95 for asking and for serving stored articles. Every
request goes to 127.0.0.1 only, every loop is bounded in time, and the server is stopped at the end.

The store is SQLite in a fresh data folder by default; --postgres starts a throw-away PostgreSQL 16 + pgvector
(pgserver) and --database-url uses an existing database. The data is the packaged library (`medora init`) unless
--bench-workspace first copies the closed pool's 56,074 passages and vectors into PostgreSQL (as
bench/postgres_parity.py does; the library is then added on top of it by `medora init`).

    python bench/load.py                          # 50 clients for 60 s, writes bench/results/load.json
    python bench/load.py --clients 10 --seconds 20
    python bench/load.py --postgres --workers 2   # -> bench/results/load_postgres_2workers.json
    MEDORA_BENCH_HOME=/work/benchhome/home python bench/load.py --postgres --bench-workspace --workers 2
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from common import HOME, ROOT, SHARED, write_results

from medora.eval.datasets import read_jsonl
from medora.web.local_server import running_server


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


@contextlib.contextmanager
def throwaway_postgres(folder: Path) -> Iterator[str]:
    """A PostgreSQL 16 + pgvector server (pgserver) in ``folder`` with an empty database; yields its URL and deletes
    the server at the end."""
    import pgserver

    server = pgserver.get_server(folder, cleanup_mode="delete")
    try:
        server.psql("CREATE DATABASE medora_load;")
        yield server.get_uri("medora_load")
    finally:
        server.cleanup()


def load_bench_workspace(url: str) -> dict:
    """Copy the benchmark store (read-only) into the database at ``url`` and build its search table, HNSW last."""
    from postgres_parity import copy_store, sync_bulk

    from medora.retrieve.embed import MiniLMEmbedder
    from medora.store import open_store

    engine = open_store(url)
    loading = {"copy_seconds": round(copy_store(HOME / "medora.sqlite", url), 1)}
    loading |= sync_bulk(engine, MiniLMEmbedder.model_name)
    engine.dispose()
    return loading


def run(clients: int, seconds: float, env: dict[str, str], log: Path, workers: int = 1) -> dict:
    questions = _questions(clients * 200)
    timings: dict[str, list[float]] = {"ask": [], "article_page": [], "article_api": []}
    errors: list[str] = []
    outcomes = {"answered": 0, "reused": 0, "insufficient_evidence": 0}  # what the timed asks were
    lock = threading.Lock()
    with running_server(env, log, workers=workers, timeout=600, cwd=ROOT) as base:
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
    requests = sum(len(values) for values in timings.values())
    return {
        "clients": clients,
        "workers": workers,
        "seconds": round(wall, 1),
        "requests": requests,
        "requests_per_second": round(requests / wall, 1),
        "errors": len(errors),
        "error_examples": list(dict.fromkeys(errors))[:5],
        **{name: _percentiles(values) for name, values in timings.items()},
        "ask_outcomes": outcomes,
        "load_average_1m_before": round(load_before, 2),
        "load_average_1m_after": round(os.getloadavg()[0], 2),
        "cores": os.cpu_count(),
    }


def results_name(backend: str, workers: int, bench_workspace: bool) -> str:
    """load.json for the first measured setting (SQLite, one worker); the others are named after what differs."""
    if (backend, workers, bench_workspace) == ("sqlite", 1, False):
        return "load.json"
    return f"load_{backend}{'_bench' if bench_workspace else ''}_{workers}workers.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=1, help="server processes (medora serve --workers)")
    store = parser.add_mutually_exclusive_group()
    store.add_argument("--postgres", action="store_true", help="a throw-away PostgreSQL (pgserver) as the store")
    store.add_argument("--database-url", help="an existing, empty PostgreSQL database as the store")
    parser.add_argument("--bench-workspace", action="store_true",
                        help="load the closed pool (MEDORA_BENCH_HOME) into PostgreSQL first")
    parser.add_argument("--results", help="file name under bench/results (default: named after the setting)")
    args = parser.parse_args()
    backend = "postgres" if args.postgres or args.database_url else "sqlite"
    if args.bench_workspace and backend != "postgres":
        parser.error("--bench-workspace needs --postgres or --database-url")
    with tempfile.TemporaryDirectory() as scratch, contextlib.ExitStack() as stack:
        env = {**os.environ, "MEDORA_HOME": str(Path(scratch) / "home")}
        env.pop("MEDORA_DATABASE_URL", None)
        data = "fresh data folder: the packaged library (61 overviews), embedded"
        loading = None
        if backend == "postgres":
            url = args.database_url or stack.enter_context(throwaway_postgres(Path(scratch) / "pg"))
            env["MEDORA_DATABASE_URL"] = url
            if args.bench_workspace:
                loading = load_bench_workspace(url)
                data = "the closed pool (56,074 passages, from MEDORA_BENCH_HOME) plus the packaged library"
            data += "; store and search in PostgreSQL 16 + pgvector (pgserver, default settings)"
        subprocess.run([sys.executable, "-m", "medora.cli", "init"], cwd=ROOT, env=env, check=True)
        log = Path(scratch) / "server.log"
        figures = run(args.clients, args.seconds, env, log, workers=args.workers)
        figures |= {"store": backend, "data": data + "; questions from MedQuAD and BioASQ"}
        if loading:
            figures["postgres_load"] = loading
        if figures["errors"]:
            print("server log (last lines):\n" + "\n".join(log.read_text().splitlines()[-40:]), file=sys.stderr)
    print(figures)
    write_results(args.results or results_name(backend, args.workers, args.bench_workspace), figures)
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
