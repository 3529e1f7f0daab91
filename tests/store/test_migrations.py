"""The migrations are the schema: they build what the Table objects describe, and upgrade pre-migration stores."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from medora.store.database import SCHEMA_REVISION, current_revision, open_store
from medora.store.schema import metadata


def test_schema_revision_is_the_newest_migration():
    config = Config()
    config.set_main_option("script_location", "medora.store:migrations")
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_REVISION


def test_migrated_store_matches_the_table_definitions(tmp_path: Path):
    engine = open_store(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    assert current_revision(engine) == SCHEMA_REVISION


def test_a_store_made_before_migrations_is_upgraded_in_place(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old = create_engine(url)
    for name in ("sources", "passages", "embeddings", "ingested_files"):
        metadata.tables[name].create(old)
    with old.begin() as conn:
        conn.exec_driver_sql("INSERT INTO sources (key, kind, title, authors, mesh, origin, sections, \"references\") "
                             "VALUES ('pmid:1', 'rct', 'Kept', '[]', '[]', '', '[]', '[]')")
    engine = open_store(url)
    assert current_revision(engine) == SCHEMA_REVISION
    assert {"articles", "article_versions"} <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT title FROM sources").scalar() == "Kept"
