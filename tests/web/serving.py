"""A real `medora serve` for tests that need one (browser tiers, the serve command): a prepared lexical-only data
folder, a free loopback port, start-up awaited on /api/health, and the process stopped afterwards."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from medora.web import local_server
from medora.web.local_server import MEDORA

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")


def require_browser():  # noqa: ANN201 (the playwright.sync_api module)
    """Playwright's sync API, or a module-level skip saying what is missing (never `playwright install`)."""
    if not CHROMIUM.is_file():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
    return pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright (pip install playwright)")


def prepared_env(home: Path) -> dict[str, str]:
    """The environment of a lexical-only data folder at ``home``, prepared with `medora init`."""
    env = {**os.environ, "MEDORA_HOME": str(home), "MEDORA_INGEST__EMBED": "false"}
    env.pop("MEDORA_DATABASE_URL", None)
    subprocess.run([*MEDORA, "init"], cwd=ROOT, env=env, check=True, capture_output=True)
    return env


@contextmanager
def running_server(env: dict[str, str], log: Path, *, timeout: float = 60, workers: int = 1) -> Iterator[str]:
    """`medora serve` from the checkout (medora/web/local_server.py); yields the base URL once it answers."""
    with local_server.running_server(env, log, workers=workers, timeout=timeout, cwd=ROOT) as url:
        yield url
