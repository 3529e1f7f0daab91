"""Bulk writes of many new sources with their passages and vectors: one statement per table instead of one per row,
and COPY on PostgreSQL. Used by runners that hand the store whole files at once (the Ray runner's Parquet shards).

Ids are reserved before the rows are written, so passages can name their source and vectors their passage without a
round trip per row: PostgreSQL hands out sequence values (safe beside other writers); SQLite takes the next ids after
the highest, which is what it would assign itself, under the write lock the caller's transaction holds."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
from sqlalchemy import Connection, Table, func, insert, select, text

from medora.store.repository import _source_row
from medora.store.schema import embeddings, passages, sources
from medora.types import Passage, Source

NewSource = tuple[Source, Sequence[Passage], np.ndarray | None]  # a source, its passages, their vectors (or None)


def insert_sources_in_bulk(
    conn: Connection, *, new: Sequence[NewSource], model: str | None, above: dict[str, int] | None = None
) -> int:
    """Insert new sources (keys not stored yet) with their passages and vectors, in the order given, in the caller's
    transaction (on SQLite, a ``write_transaction``); returns how many passages were written.

    ``above`` gives, per table, an id the new rows must exceed: the highest ids before a replaced source was deleted
    in this transaction, so that SQLite does not hand its ids to the new version (an index that counts passages and
    their highest id would take the store as unchanged, and a stored article would quote another text)."""
    if not new:
        return 0
    above = above or {}
    source_ids = _reserve_ids(conn, sources, len(new), above=above.get(sources.name, 0))
    passage_count = sum(len(source_passages) for _, source_passages, _ in new)
    passage_ids = iter(_reserve_ids(conn, passages, passage_count, above=above.get(passages.name, 0)))
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


def highest_ids(conn: Connection) -> dict[str, int]:
    """The highest source and passage ids stored now (see ``insert_sources_in_bulk``'s ``above``)."""
    return {table.name: conn.execute(select(func.max(table.c.id))).scalar() or 0 for table in (sources, passages)}


def _reserve_ids(conn: Connection, table: Table, count: int, *, above: int = 0) -> list[int]:
    if not count:
        return []
    if conn.dialect.name == "postgresql":
        return list(
            conn.execute(
                text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
                {"table": table.name, "count": count},
            ).scalars()
        )
    first = max(conn.execute(select(func.max(table.c.id))).scalar() or 0, above) + 1
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
