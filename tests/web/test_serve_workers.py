"""`medora serve --workers 2` on SQLite (WAL) and on PostgreSQL: the data folder is prepared once, before the
workers start; two processes answer on one port; each answers /api/ask and an article page; a session cookie
signed in on one worker is honoured by the other (sessions are rows in the store, not per-process secrets)."""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import postgres_url
from tests.web.serving import MEDORA, ROOT, running_server

PASSWORD = "correct horse battery"


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """A fresh lexical-only data folder (not prepared: `serve` does that) with one reviewer account."""
    env = {**os.environ, "MEDORA_HOME": str(tmp_path / "home"), "MEDORA_INGEST__EMBED": "false"}
    env.pop("MEDORA_DATABASE_URL", None)
    if request.param == "postgresql":
        env["MEDORA_DATABASE_URL"] = postgres_url(request.getfixturevalue("postgres"))
    subprocess.run([*MEDORA, "users", "add", "Ada Lovelace", "--role", "reviewer", "--password-stdin"], cwd=ROOT,
                   env=env, input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    return env


def _clients_by_process(url: str, wanted: int = 2, tries: int = 40) -> dict[int, httpx.Client]:
    """Kept-alive connections, one per server process that accepted one (a connection stays with its process)."""
    found: dict[int, httpx.Client] = {}
    for _round in range(tries):
        batch = [httpx.Client(base_url=url, timeout=60) for _ in range(4)]
        with ThreadPoolExecutor(4) as pool:
            processes = list(pool.map(lambda client: client.get("/api/health").json()["process"], batch))
        for client, process in zip(batch, processes):
            if process in found:
                client.close()
            else:
                found[process] = client
        if len(found) >= wanted:
            return found
    raise AssertionError(f"only {len(found)} server process(es) answered")


def test_two_workers_answer_asks_pages_and_honour_each_others_session_cookie(env: dict[str, str], tmp_path: Path):
    log = tmp_path / "serve.log"
    with running_server(env, log, timeout=180, workers=2) as url:
        first, second = _clients_by_process(url).values()
        answers = [client.post("/api/ask", json={"question": "How is gout treated during a flare?"}) for client in
                   (first, second)]
        assert [answer.status_code for answer in answers] == [200, 200], answers[0].text
        assert [answer.json()["reused"] for answer in answers] == [False, True]  # the second worker read the first's
        for client, answer in zip((first, second), answers):
            page = client.get(f"/articles/{answer.json()['slug']}")
            assert (page.status_code, answer.json()["article"]["title"] in page.text) == (200, True)
        login = first.post("/api/login", json={"name": "Ada Lovelace", "password": PASSWORD})
        assert login.status_code == 200, login.text
        second.cookies.set("medora_session", login.cookies["medora_session"])
        me = second.get("/api/me")
        assert (me.status_code, me.json()["name"], me.json()["csrf_token"]) == (200, "Ada Lovelace", login.json()["csrf_token"])
        library = second.get("/api/articles", params={"origin": "library", "limit": 1}).json()["total"]
        for client in (first, second):
            client.close()
    output = log.read_text()
    assert (output.count("Registering the library's articles…"), library) == (1, 61)  # prepared once, not per worker
    assert output.count("Started server process") == 2
