"""Opening a store: an engine from a URL, tables created on first use."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError

from medora.store.schema import metadata


def _tune_sqlite(dbapi_connection, _record) -> None:  # noqa: ANN001 (DB-API objects are untyped)
    """WAL lets readers run while an ingest writes; foreign keys make cascades real."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def open_store(url: str) -> Engine:
    """Open (and if new, create) the store at ``url``; SQLite parents are created as needed."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    try:
        metadata.create_all(engine)
    except OperationalError as error:
        if "already exists" not in str(error):
            raise
        metadata.create_all(engine)  # another process created the tables between our check and our create
    return engine
