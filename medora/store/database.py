"""Opening a store: an engine from a URL, brought to the newest schema by the Alembic migrations."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError

from medora.errors import StoreError

SCHEMA_REVISION = "0003"  # the newest migration in store/migrations/versions; a test keeps the two equal
BASELINE_REVISION = "0001"  # the tables stores had before migrations existed


def _tune_sqlite(dbapi_connection, _record) -> None:  # noqa: ANN001 (DB-API objects are untyped)
    """WAL lets readers run while an ingest writes; foreign keys make cascades real; a busy writer is waited for."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def open_store(url: str) -> Engine:
    """Open (and if new, create or upgrade) the store at ``url``; SQLite parents are created as needed."""
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
        try:
            upgrade_store(engine)
        except DBAPIError as error:
            raise StoreError(
                f"cannot create or upgrade the store at {engine.url} ({error.orig}): "
                "check that the data folder is writable (MEDORA_HOME) or the database URL is right"
            ) from error
    return engine


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
