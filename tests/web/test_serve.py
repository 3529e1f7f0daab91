"""`medora serve` prepares a fresh data folder, then answers HTTP on the port it was given."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_prepares_a_fresh_home_and_answers_on_its_port(tmp_path: Path):
    port = _free_port()
    env = {**os.environ, "MEDORA_HOME": str(tmp_path / "home"), "MEDORA_INGEST__EMBED": "false"}
    server = subprocess.Popen(
        [sys.executable, "-m", "medora.cli", "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.3)
        assert (health.status_code, health.json()["status"]) == (200, "ok")
        library = httpx.get(f"http://127.0.0.1:{port}/api/articles", params={"origin": "library", "limit": 1})
        assert library.json()["total"] == 61
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert f"Preparing the data folder {tmp_path / 'home'} (first run" in output
    assert "Registering the library's articles…" in output
    assert f"Serving Medora at http://127.0.0.1:{port}/" in output
