"""Bulk writes of many new sources with their passages and vectors: one statement per table instead of one per row,
and COPY on PostgreSQL. Used by runners that hand the store whole files at once (the Ray runner's Parquet shards).

Ids are reserved before the rows are written, so passages can name their source and vectors their passage without a
round trip per row: PostgreSQL hands out sequence values (safe beside other writers); SQLite takes the ids after the
highest the table ever held (``id_marks``, so an id freed by a delete is never given out again), under the write lock
the caller's transaction holds."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
from sqlalchemy import Connection, Table, insert, select, text

from medora.store.repository import _source_row
from medora.store.schema import embeddings, id_marks, passages, sources
from medora.types import Passage, Source

NewSource = tuple[Source, Sequence[Passage], np.ndarray | None]  # a source, its passages, their vectors (or None)


def insert_sources_in_bulk(conn: Connection, *, new: Sequence[NewSource], model: str | None) -> int:
    """Insert new sources (keys not stored yet) with their passages and vectors, in the order given, in the caller's
    transaction (on SQLite, a ``write_transaction``); returns how many passages were written."""
    if not new:
        return 0
    source_ids = _reserve_ids(conn, sources, len(new))
    passage_count = sum(len(source_passages) for _, source_passages, _ in new)
    passage_ids = iter(_reserve_ids(conn, passages, passage_count))
    source_rows, passage_rows, vector_rows = [], [], []
    for source_id, (source, source_passages, vectors) in zip(source_ids, new, strict=True):
        source_rows.append({"id": source_id, **_source_row(source)})
        for position, passage in enumerate(source_passages):
            passage_id = next(passage_ids)
            passage_rows.append(
                {
                    "id": passage_id,
                    "source_id": source_id,
                    "ordinal": passage.ordinal,
                    "section": passage.section,
                    "text": passage.text,
                    "start": passage.start,
                    "end": passage.end,
                }
            )
            if vectors is not None and model is not None:
                vector = np.asarray(vectors[position], dtype=np.float32).tobytes()
                vector_rows.append({"passage_id": passage_id, "model": model, "vector": vector})
    write = _copy if conn.dialect.name == "postgresql" else _insert_many
    for table, rows in ((sources, source_rows), (passages, passage_rows), (embeddings, vector_rows)):
        write(conn, table, rows)
    return passage_count


def _reserve_ids(conn: Connection, table: Table, count: int) -> list[int]:
    if not count:
        return []
    if conn.dialect.name == "postgresql":
        return list(
            conn.execute(
                text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
                {"table": table.name, "count": count},
            ).scalars()
        )
    highest = conn.execute(select(id_marks.c.highest).where(id_marks.c.table_name == table.name)).scalar()
    first = highest + 1  # the insert triggers raise the mark as the rows go in
    return list(range(first, first + count))


def _insert_many(conn: Connection, table: Table, rows: list[dict]) -> None:
    if rows:
        conn.execute(insert(table), rows)


_JSON_COLUMNS = {"authors", "mesh", "sections", "references"}


def _copy(conn: Connection, table: Table, rows: list[dict]) -> None:
    """COPY … FROM STDIN through psycopg 3, inside the caller's transaction (JSON columns sent as JSON text)."""
    if not rows:
        return
    columns = list(rows[0])
    quoted = ", ".join(f'"{column}"' for column in columns)
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(
                [json.dumps(row[c]) if c in _JSON_COLUMNS and row[c] is not None else row[c] for c in columns]
            )
