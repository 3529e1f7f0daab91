"""Opening a store: an engine from a URL, brought to the newest schema by the Alembic migrations."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError

from medora.errors import StoreError

SCHEMA_REVISION = "0009"  # the newest migration in store/migrations/versions; a test keeps the two equal
BASELINE_REVISION = "0001"  # the tables stores had before migrations existed


def _tune_sqlite(dbapi_connection, _record) -> None:  # noqa: ANN001 (DB-API objects are untyped)
    """WAL lets readers run while an ingest writes; foreign keys make cascades real; a busy writer is waited for."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that takes SQLite's write lock when it starts (BEGIN IMMEDIATE), waiting up to busy_timeout.

    A plain (deferred) transaction that reads before it writes cannot upgrade while another connection is writing:
    SQLite then fails at once with "database is locked" and never waits. Concurrent askers on one server do exactly
    that (look up a free slug, then insert), so their write goes through here. Other databases begin as usual."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        yield conn


def sqlite_read_only(url: str) -> bool:
    """True for an SQLite store whose folder cannot be written (a read-only mount, a shared snapshot)."""
    if not url.startswith("sqlite:///"):
        return False
    path = Path(url.removeprefix("sqlite:///"))
    return path.is_file() and not os.access(path.parent, os.W_OK)


def normalise_url(url: str) -> str:
    """``postgresql://…`` means PostgreSQL through psycopg 3 (SQLAlchemy's bare default would be psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def open_store(url: str) -> Engine:
    """Open (and if new, create or upgrade) the store at ``url``; SQLite parents are created as needed. An SQLite
    store on a read-only folder is opened read-only (immutable), so questions can still be answered from it."""
    url = normalise_url(url)
    if sqlite_read_only(url):
        return _open_read_only_sqlite(Path(url.removeprefix("sqlite:///")))
    if url.startswith("sqlite:///"):
        folder = Path(url.removeprefix("sqlite:///")).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"cannot create the data folder {folder} ({error.strerror}): set MEDORA_HOME to a folder you can write"
            ) from error
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    if current_revision(engine) != SCHEMA_REVISION:
        with _creation_lock(url):  # two processes opening a new store at once ("medora ingest" beside the web
            # server, a test beside a subprocess): one creates it, the other then finds it made
            if current_revision(engine) != SCHEMA_REVISION:
                try:
                    upgrade_store(engine)
                except DBAPIError as error:
                    raise StoreError(
                        f"cannot create or upgrade the store at {engine.url} ({error.orig}): "
                        "check that the data folder is writable (MEDORA_HOME) or the database URL is right"
                    ) from error
    return engine


def _creation_lock(url: str) -> AbstractContextManager:
    """A lock file beside an SQLite store (``medora.sqlite.lock``) held while the store is created or upgraded; none
    for a server database."""
    if not url.startswith("sqlite:///"):
        return nullcontext()
    return FileLock(url.removeprefix("sqlite:///") + ".lock")


def _open_read_only_sqlite(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&immutable=1&uri=true", future=True)
    revision = current_revision(engine)
    if revision != SCHEMA_REVISION:
        raise StoreError(
            f"the store at {path} is read-only and at schema {revision or 'none'} (this Medora needs {SCHEMA_REVISION}): "
            "run `medora init` once with write access to upgrade it"
        )
    return engine


def checkpoint(engine: Engine) -> None:
    """Fold SQLite's write-ahead log into the database file, so a copy or a read-only mount of the folder holds
    everything written so far (a read-only open cannot replay the log)."""
    if engine.dialect.name == "sqlite" and not is_read_only(engine):
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


_PREPARE_LOCK_KEY = 7_150_311  # PostgreSQL advisory lock id for preparing a store; any fixed number no one else takes


@contextmanager
def prepare_lock(engine: Engine, *, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Held while a process brings a store up to date (library, indexes, library articles). Two processes preparing
    one data folder at once (``medora init`` beside ``medora serve``) take turns; the second then finds the work done
    instead of registering the same articles again. A file beside an SQLite store, an advisory lock on PostgreSQL;
    ``on_wait`` hears when the lock is held elsewhere, before waiting for it."""
    waiting = on_wait or (lambda: None)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            key = {"key": _PREPARE_LOCK_KEY}
            if not conn.execute(text("SELECT pg_try_advisory_lock(:key)"), key).scalar():
                waiting()
                conn.execute(text("SELECT pg_advisory_lock(:key)"), key)
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), key)
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:" or is_read_only(engine):
        yield
        return
    lock = FileLock(database + ".prepare.lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        waiting()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def is_read_only(engine: Engine) -> bool:
    return "mode=ro" in str(engine.url)


def current_revision(engine: Engine) -> str | None:
    """The store's schema revision (None for an empty store or one made before migrations)."""
    try:
        with engine.connect() as conn:
            if "alembic_version" not in inspect(conn).get_table_names():
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as error:  # not a database at all, or a damaged one
        raise StoreError(
            f"the store at {engine.url} cannot be read ({error.orig}): restore it from a backup, "
            "or move it away and run `medora init` to start a new one"
        ) from error


def upgrade_store(engine: Engine) -> None:
    """Run the migrations up to the newest; a store made before migrations is first stamped at the baseline."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "medora.store:migrations")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        tables = set(inspect(conn).get_table_names())
        if "sources" in tables and "alembic_version" not in tables:
            command.stamp(config, BASELINE_REVISION)
        command.upgrade(config, "head")
