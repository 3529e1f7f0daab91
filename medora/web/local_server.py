"""A real `medora serve` on a free loopback port, for the tools that drive one (browser tests, the load benchmark,
the documentation screenshots): started as a subprocess with its output in a log file (a pipe nobody reads would
fill and stall the server), awaited on /api/health, and stopped afterwards."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

MEDORA = [sys.executable, "-m", "medora.cli"]


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(
    env: dict[str, str], log: Path, *, workers: int = 1, timeout: float = 60, cwd: Path | None = None
) -> Iterator[str]:
    """`medora serve` with ``workers`` processes and the environment ``env``; yields its base URL once /api/health
    answers. RuntimeError, naming ``log``, when it exits or is not up within ``timeout`` seconds."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("w") as output:
        command = [*MEDORA, "serve", "--port", str(port), "--workers", str(workers)]
        server = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(url, server, timeout=timeout, log=log)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def _wait_until_up(url: str, server: subprocess.Popen, *, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"medora serve exited with code {server.returncode}; see {log}")
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"medora serve did not come up within {timeout:.0f} s; see {log}")
        time.sleep(0.2)
