"""Bulk writes (COPY on PostgreSQL) store exactly what the row-by-row repository functions store, ids included."""

from __future__ import annotations

import numpy as np
from sqlalchemy import Engine, select

from medora.store import open_store, repository
from medora.store.bulk import insert_sources_in_bulk
from medora.store.database import write_transaction
from medora.store.schema import embeddings, passages, sources
from medora.types import Passage, Reference, Section, Source


def _sources() -> list[tuple[Source, list[Passage], np.ndarray]]:
    first = Source(
        key="pmid:1",
        title="Aspirin after stroke",
        authors=["Doe J"],
        year=2020,
        pmid="1",
        mesh=["Stroke"],
        sections=[Section(label="RESULTS", text="Aspirin cut recurrence. It was safe.")],
        references=[Reference(id="r1", kind="guideline", title="A guideline", pmid="2")],
    )
    second = Source(key="doi:10.1/x", title="O'Brien's \"quoted\"\ttitle", sections=[Section(label="", text="One.")])
    rows = []
    for number, source in enumerate((first, second)):
        texts = ["Aspirin cut recurrence.", "It was safe."] if number == 0 else ["One."]
        made = [Passage(source_key=source.key, ordinal=i, section="RESULTS", text=t, start=0, end=len(t)) for i, t in enumerate(texts)]
        rows.append((source, made, np.full((len(made), 4), 0.25 * (number + 1), dtype=np.float32)))
    return rows


def _snapshot(engine: Engine) -> tuple[list, list, list]:
    with engine.connect() as conn:
        stored_sources = [(row.id, repository.source_from_row(row)) for row in conn.execute(select(sources).order_by(sources.c.id))]
        stored_passages = [tuple(row) for row in conn.execute(select(passages).order_by(passages.c.id))]
        stored_vectors = [tuple(row) for row in conn.execute(select(embeddings).order_by(embeddings.c.passage_id))]
    return stored_sources, stored_passages, stored_vectors


def test_bulk_insert_stores_what_row_by_row_inserts_store(database_url: str):
    one_by_one = open_store(database_url)
    with one_by_one.begin() as conn:  # a first source, so the bulk ids must follow stored ones
        repository.insert_source_with_passages(conn, source=Source(key="x"), source_passages=[], vectors=None, model=None)
        for source, made, vectors in _sources():
            repository.insert_source_with_passages(conn, source=source, source_passages=made, vectors=vectors, model="m")
    expected = _snapshot(one_by_one)
    with one_by_one.begin() as conn:
        for source, _, _ in _sources():
            repository.delete_source(conn, key=source.key)
    one_by_one.dispose()

    bulk = open_store(database_url.replace("store.sqlite", "bulk.sqlite"))
    if bulk.dialect.name == "postgresql":  # the same database, emptied: its sequences go on from where they were
        bulk = open_store(database_url)
    with write_transaction(bulk) as conn:
        if bulk.dialect.name == "sqlite":
            repository.insert_source_with_passages(conn, source=Source(key="x"), source_passages=[], vectors=None, model=None)
        written = insert_sources_in_bulk(conn, new=_sources(), model="m")
    stored = _snapshot(bulk)
    assert written == 3
    if bulk.dialect.name == "postgresql":  # sequences never go back: the bulk rows take the next ids
        assert [source_id for source_id, _ in stored[0]] == [1, 4, 5]
        assert [row[0] for row in stored[1]] == [4, 5, 6]
    else:
        assert stored == expected
    assert [source for _, source in stored[0]] == [source for _, source in expected[0]]
    assert [row[2:] for row in stored[1]] == [row[2:] for row in expected[1]]
    assert [row[1:] for row in stored[2]] == [row[1:] for row in expected[2]]
