"""A real `medora serve` for tests that need one (browser tiers, the serve command): a prepared lexical-only data
folder, a free loopback port, start-up awaited on /api/health, and the process stopped afterwards."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
MEDORA = [sys.executable, "-m", "medora.cli"]


def require_browser():  # noqa: ANN201 (the playwright.sync_api module)
    """Playwright's sync API, or a module-level skip saying what is missing (never `playwright install`)."""
    if not CHROMIUM.is_file():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
    return pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright (pip install playwright)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepared_env(home: Path) -> dict[str, str]:
    """The environment of a lexical-only data folder at ``home``, prepared with `medora init`."""
    env = {**os.environ, "MEDORA_HOME": str(home), "MEDORA_INGEST__EMBED": "false"}
    env.pop("MEDORA_DATABASE_URL", None)
    subprocess.run([*MEDORA, "init"], cwd=ROOT, env=env, check=True, capture_output=True)
    return env


@contextmanager
def running_server(env: dict[str, str], log: Path, *, timeout: float = 60, workers: int = 1) -> Iterator[str]:
    """`medora serve` (with ``workers`` processes) on a free port with its output in ``log``; yields the base URL
    once /api/health answers."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("w") as output:
        command = [*MEDORA, "serve", "--port", str(port), "--workers", str(workers)]
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert server.poll() is None and time.monotonic() < deadline, f"medora serve did not start: {log}"
                time.sleep(0.2)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)
