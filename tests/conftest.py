"""Shared fixtures: real data from ../shared (skipped with a reason when absent) and fresh data directories."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from medora.settings import Settings
from medora.types import Evidence, Kind, Source

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MEDORA_SHARED", ROOT.parent / "shared"))
DATA = Path(__file__).parent / "data"


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set MEDORA_SHARED); CI always has it")
    return SHARED / "data"


def head_lines(source: Path, target: Path, count: int) -> Path:
    """The first ``count`` lines of a JSONL file, written to ``target`` (samples cut from ../shared)."""
    with source.open(encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(count)]
    target.write_text("".join(lines), encoding="utf-8")
    return target


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashing():
    """argon2id with small parameters in tests: the production ones (64 MiB, 3 passes) take about 0.8 s per hash on
    these 2-core machines, and the tests hash hundreds of times. tests/accounts checks the production parameters."""
    from argon2 import PasswordHasher

    from medora.accounts import passwords

    production = passwords._HASHER
    passwords._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    passwords.dummy_hash.cache_clear()
    yield
    passwords._HASHER = production
    passwords.dummy_hash.cache_clear()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home")


@pytest.fixture
def lexical_settings(tmp_path: Path) -> Settings:
    """Settings that skip embedding, for tests about storage rather than dense retrieval."""
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    return settings


def make_evidence(passage_id: int, text: str) -> Evidence:
    """A retrieved RCT passage with its own source, for composer tests that need no store."""
    source = Source(key=f"pmid:{passage_id}", kind=Kind.RCT, title="Trial", pmid=str(passage_id))
    return Evidence(
        passage_id=passage_id, source_id=passage_id, source=source, section="", text=text, start=0, end=len(text), score=1.0
    )


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory):
    """A real PostgreSQL 16 server (PyPI pgserver) on a unix socket for the whole run, stopped and deleted at the
    end. Skips with the install command when pgserver is not installed (the test extra installs it)."""
    try:
        import pgserver
    except ImportError:
        pytest.skip("PostgreSQL tests need pgserver and psycopg: pip install '.[test]'")
    server = pgserver.get_server(tmp_path_factory.mktemp("postgres") / "data", cleanup_mode="delete")
    for setting in ("fsync", "synchronous_commit", "full_page_writes"):  # a throw-away server: no need to be durable
        server.psql(f"ALTER SYSTEM SET {setting} = off;")
    server.psql("SELECT pg_reload_conf();")
    yield server
    server.cleanup()


_databases = itertools.count(1)


def postgres_url(server) -> str:  # noqa: ANN001 (a pgserver server)
    """A new, empty database on ``server`` as a SQLAlchemy URL (psycopg 3 driver)."""
    name = f"medora_test_{os.getpid()}_{next(_databases)}"
    server.psql(f"CREATE DATABASE {name};")
    return server.get_uri(name).replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The store's URL on each backend: SQLite in a fresh folder, and a fresh database on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return postgres_url(request.getfixturevalue("postgres"))
