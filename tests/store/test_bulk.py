"""Bulk writes (COPY on PostgreSQL) store every source, passage and vector, with ids after the stored ones."""

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


def test_bulk_insert_stores_sources_passages_and_vectors_with_ids_after_the_stored_ones(database_url: str):
    engine = open_store(database_url)
    with write_transaction(engine) as conn:  # a first source, so the bulk ids must follow stored ones
        assert insert_sources_in_bulk(conn, new=[(Source(key="x"), [], None)], model=None) == 0
    with write_transaction(engine) as conn:
        written = insert_sources_in_bulk(conn, new=_sources(), model="m")
    stored_sources, stored_passages, stored_vectors = _snapshot(engine)
    assert written == 3
    assert [(source_id, source.key) for source_id, source in stored_sources] == [(1, "x"), (2, "pmid:1"), (3, "doi:10.1/x")]
    assert [source for _, source in stored_sources[1:]] == [source for source, _, _ in _sources()]
    assert stored_passages == [
        (1, 2, 0, "RESULTS", "Aspirin cut recurrence.", 0, 23),
        (2, 2, 1, "RESULTS", "It was safe.", 0, 12),
        (3, 3, 0, "RESULTS", "One.", 0, 4),
    ]
    quarter, half = (np.full(4, value, dtype=np.float32).tobytes() for value in (0.25, 0.5))
    assert [(passage_id, model, bytes(vector)) for passage_id, model, vector in stored_vectors] == [
        (1, "m", quarter), (2, "m", quarter), (3, "m", half)
    ]


def test_a_deleted_newest_passage_or_source_never_hands_its_id_to_a_new_one(database_url: str):
    """A stored article cites passages by id: an id handed out again would make its citation point at other text.
    Fails on SQLite before migration 0008; PostgreSQL's sequences never went back, so there it passed already."""
    engine = open_store(database_url)
    with write_transaction(engine) as conn:
        insert_sources_in_bulk(conn, new=_sources(), model="m")  # sources 1-2, passages 1-3
    with engine.begin() as conn:
        conn.execute(passages.delete().where(passages.c.id == 3))  # the newest passage withdrawn
        repository.delete_source(conn, key="doi:10.1/x")  # and then the newest source
    newer = Source(key="pmid:3", title="Newer", sections=[Section(label="", text="Two.")])
    passage = Passage(source_key="pmid:3", ordinal=0, section="", text="Two.", start=0, end=4)
    with write_transaction(engine) as conn:
        insert_sources_in_bulk(conn, new=[(newer, [passage], None)], model=None)
    with engine.connect() as conn:
        assert conn.execute(select(sources.c.id, sources.c.key).order_by(sources.c.id)).all() == [(1, "pmid:1"), (3, "pmid:3")]
        assert conn.execute(select(passages.c.id, passages.c.text).order_by(passages.c.id)).all() == [
            (1, "Aspirin cut recurrence."), (2, "It was safe."), (4, "Two.")]
