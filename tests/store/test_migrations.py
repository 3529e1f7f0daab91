"""The migrations are the schema: they build what the Table objects describe on SQLite and PostgreSQL, upgrade
pre-migration stores, and make the audit log append-only in the database itself."""

import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, delete, inspect, update
from sqlalchemy.exc import DBAPIError

from medora.store.database import SCHEMA_REVISION, current_revision, normalise_url, open_store
from medora.store.review import append_audit_event, audit_events_of
from medora.store.schema import audit_events, metadata


def test_schema_revision_is_the_newest_migration():
    config = Config()
    config.set_main_option("script_location", "medora.store:migrations")
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_REVISION == "0009"


def test_migrated_store_matches_the_table_definitions(database_url: str):
    engine = open_store(database_url)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    assert current_revision(engine) == SCHEMA_REVISION
    assert {"users", "sessions", "login_failures", "review_assignments", "review_comments", "audit_events"} <= set(
        inspect(engine).get_table_names()
    )


def test_the_audit_log_refuses_updates_and_deletes_in_the_database(database_url: str):
    engine = open_store(database_url)
    with engine.begin() as conn:
        append_audit_event(conn, article_id=None, actor="ada", actor_role="admin", action="add user",
                           details={"name": "bea", "role": "reviewer"})
    for statement in (update(audit_events).values(actor="mallory"), delete(audit_events)):
        with pytest.raises(DBAPIError, match="audit_events is append-only"):
            with engine.begin() as conn:
                conn.execute(statement)
    with engine.connect() as conn:
        [event] = audit_events_of(conn, article_id=None)
    assert (event.actor, event.action, event.details) == ("ada", "add user", {"name": "bea", "role": "reviewer"})
    assert event.at.tzinfo is not None and event.at <= datetime.datetime.now(datetime.UTC)


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
    assert {"articles", "article_versions", "audit_events"} <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT title FROM sources").scalar() == "Kept"


def test_a_plain_postgresql_url_means_psycopg_3():
    assert normalise_url("postgresql://medora@db/medora") == "postgresql+psycopg://medora@db/medora"
    assert normalise_url("postgresql+psycopg://medora@db/medora") == "postgresql+psycopg://medora@db/medora"
    assert normalise_url("sqlite:///x.sqlite") == "sqlite:///x.sqlite"


def _source_sql(key: str) -> str:
    return ("INSERT INTO sources (id, key, kind, title, authors, mesh, origin, sections, \"references\") "
            f"VALUES ({{id}}, '{key}', 'rct', 'T', '[]', '[]', '', '[]', '[]')")


def test_an_sqlite_store_refuses_an_id_it_handed_out_before_whoever_writes(tmp_path: Path):
    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    with engine.begin() as conn:
        conn.exec_driver_sql(_source_sql("pmid:1").format(id=1))
        conn.exec_driver_sql(_source_sql("pmid:2").format(id=2))
        conn.exec_driver_sql("DELETE FROM sources WHERE id = 2")
    refused = pytest.raises(DBAPIError, match=r"sources: this id was handed out before \(ids are never reused\)")
    with refused, engine.begin() as conn:
        conn.exec_driver_sql(_source_sql("pmid:3").format(id=2))
    with engine.begin() as conn:
        conn.exec_driver_sql(_source_sql("pmid:3").format(id=3))
        assert conn.exec_driver_sql("SELECT table_name, highest FROM id_marks ORDER BY table_name").all() == [
            ("passages", 0), ("sources", 3)]


def test_upgrading_an_sqlite_store_starts_its_id_marks_at_the_highest_stored_ids(tmp_path: Path):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    config = Config()
    config.set_main_option("script_location", "medora.store:migrations")
    old = create_engine(url)
    with old.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0007")
        for number in (1, 2, 7):
            conn.exec_driver_sql(_source_sql(f"pmid:{number}").format(id=number))
    engine = open_store(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT table_name, highest FROM id_marks ORDER BY table_name").all() == [
            ("passages", 0), ("sources", 7)]


def _store_at_0008(tmp_path: Path, passage: str, versions: list[tuple[int, int, str]]) -> str:
    """A store left at migration 0008 holding one source, its one passage (id 1) and the stored ``versions``
    (article id, version number, content JSON), one article per article id; its URL."""
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    config = Config()
    config.set_main_option("script_location", "medora.store:migrations")
    with create_engine(url).begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0008")
        conn.exec_driver_sql(_source_sql("pmid:1").format(id=1))
        conn.exec_driver_sql("INSERT INTO passages (id, source_id, ordinal, section, text, start, \"end\") "
                             "VALUES (1, 1, 0, '', ?, 0, ?)", (passage, len(passage)))
        for article_id in dict.fromkeys(article_id for article_id, _, _ in versions):
            current = max(number for owner, number, _ in versions if owner == article_id)
            conn.exec_driver_sql(
                "INSERT INTO articles (id, slug, question, question_key, filters_key, title, question_type, origin, "
                "status, specialties, current_version, created_at, updated_at) VALUES "
                f"({article_id}, 'a{article_id}', 'q', 'q{article_id}', '', 't', 'overview', 'asked', 'submitted', "
                f"'[]', {current}, '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
        for version_id, (article_id, number, content) in enumerate(versions, 1):
            conn.exec_driver_sql(
                "INSERT INTO article_versions (id, article_id, number, created_at, composer, index_version, content) "
                f"VALUES ({version_id}, {article_id}, {number}, '2026-01-01 00:00:00', 'extractive', 'v', ?)", (content,))
    return url


def test_upgrading_records_what_each_stored_version_cites_and_marks_those_citing_a_passage_gone(tmp_path: Path):
    kept = '{"bottom_line": [{"text": "Kept.", "passage_id": 1}]}'
    gone = '{"sections": [{"statements": [{"text": "Counted.", "passage_id": null, "grouped_passage_ids": [1, 9]}]}]}'
    dropped = '{"bottom_line": [], "dropped_statements": [{"text": "Failed.", "passage_id": 9}]}'
    url = _store_at_0008(tmp_path, "Kept.", [(1, 1, kept), (1, 2, gone), (2, 1, dropped)])
    engine = open_store(url)
    with engine.connect() as conn:
        marks = conn.exec_driver_sql("SELECT article_id, number, evidence_replaced_at IS NOT NULL FROM article_versions "
                                     "ORDER BY id").all()
        cited = conn.exec_driver_sql("SELECT version_id, passage_id FROM version_citations ORDER BY 1, 2").all()
    assert marks == [(1, 1, 0), (1, 2, 1), (2, 1, 0)]
    assert cited == [(1, 1), (2, 1), (2, 9)]


def test_upgrading_marks_a_version_whose_quoted_sentence_is_no_longer_in_the_passage_its_id_now_names(tmp_path: Path):
    still = '{"bottom_line": [{"text": "Take doxycycline for 14 days.", "passage_id": 1, "quote": true}]}'
    reused = '{"bottom_line": [{"text": "Take doxycycline for 10 days.", "passage_id": 1, "quote": true}]}'
    rewrite = '{"bottom_line": [{"text": "Doxycycline is taken for ten days.", "passage_id": 1, "quote": false}]}'
    passage = "Take doxycycline for 14 days. Review at two weeks."
    url = _store_at_0008(tmp_path, passage, [(1, 1, still), (1, 2, reused), (1, 3, rewrite)])
    engine = open_store(url)
    with engine.connect() as conn:
        marks = conn.exec_driver_sql("SELECT number, evidence_replaced_at IS NOT NULL FROM article_versions "
                                     "ORDER BY id").all()
    assert marks == [(1, 0), (2, 1), (3, 0)]
