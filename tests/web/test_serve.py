"""`medora serve` prepares a fresh data folder, then answers HTTP on the port it was given."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from tests.web.serving import running_server


def test_serve_prepares_a_fresh_home_and_answers_on_its_port(tmp_path: Path):
    env = {**os.environ, "MEDORA_HOME": str(tmp_path / "home"), "MEDORA_INGEST__EMBED": "false"}
    env.pop("MEDORA_DATABASE_URL", None)
    log = tmp_path / "serve.log"
    with running_server(env, log, timeout=120) as url:
        health = httpx.get(f"{url}/api/health", timeout=2)
        assert (health.status_code, health.json()["status"]) == (200, "ok")
        library = httpx.get(f"{url}/api/articles", params={"origin": "library", "limit": 1})
        assert library.json()["total"] == 61
    output = log.read_text()
    assert f"Preparing the data folder {tmp_path / 'home'} (first run" in output
    assert "Registering the library's articles…" in output
    assert f"Serving Medora at {url}/" in output


def test_a_server_that_cannot_start_is_reported_with_its_log(tmp_path: Path):
    home = tmp_path / "home"
    home.write_text("a file where the data folder should be")
    env = {**os.environ, "MEDORA_HOME": str(home)}
    env.pop("MEDORA_DATABASE_URL", None)
    log = tmp_path / "serve.log"
    with pytest.raises(RuntimeError, match=rf"medora serve exited with code \d+; see {log}"):
        with running_server(env, log, timeout=60):
            pass
