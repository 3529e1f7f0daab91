"""Every read and write of the store. Keyword-only arguments; rows in, models out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import Connection, delete, func, insert, select

from medora.store.articles import mark_citing
from medora.store.schema import embeddings, ingested_files, passages, sources
from medora.types import Kind, Reference, Section, Source


def is_file_ingested(conn: Connection, *, sha256: str) -> bool:
    """True when a file with these exact bytes finished ingesting before."""
    return conn.execute(select(ingested_files.c.sha256).where(ingested_files.c.sha256 == sha256)).first() is not None


def is_current_file(conn: Connection, *, sha256: str, path: str) -> bool:
    """True when these bytes are what was last ingested from ``path``: an overview edited and then reverted to bytes
    ingested before is not (its stored passages are the edit's, session 40), so it is read again. Bytes ingested
    from another path only (an install moved) count as current: nothing was read from this path since."""
    latest = conn.execute(
        select(ingested_files.c.sha256).where(ingested_files.c.path == path)
        .order_by(ingested_files.c.finished_at.desc()).limit(1)
    ).first()
    return latest.sha256 == sha256 if latest is not None else is_file_ingested(conn, sha256=sha256)


def record_ingested_file(conn: Connection, *, sha256: str, path: str, records: int, seconds: float) -> None:
    """Record the file as ingested now; bytes ingested before (a reverted edit) move to now."""
    conn.execute(delete(ingested_files).where(ingested_files.c.sha256 == sha256))
    conn.execute(
        insert(ingested_files).values(
            sha256=sha256, path=path, records=records, seconds=seconds, finished_at=datetime.now(UTC)
        )
    )


def existing_source_keys(conn: Connection, *, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = list(keys[start : start + 500])
        found.update(conn.execute(select(sources.c.key).where(sources.c.key.in_(chunk))).scalars())
    return found


def _source_row(source: Source) -> dict:
    return {
        "key": source.key,
        "kind": source.kind.value,
        "title": source.title,
        "authors": source.authors,
        "journal": source.journal,
        "year": source.year,
        "pmid": source.pmid,
        "doi": source.doi,
        "url": source.url,
        "mesh": source.mesh,
        "licence": source.licence,
        "origin": source.origin,
        "sections": [section.model_dump() for section in source.sections],
        "references": [reference.model_dump(exclude_none=True) for reference in source.references],
        "review_status": source.review_status,
        "last_reviewed": source.last_reviewed,
    }


def source_from_row(row) -> Source:
    return Source(
        key=row.key,
        kind=Kind(row.kind),
        title=row.title or "",
        authors=row.authors or [],
        journal=row.journal,
        year=row.year,
        pmid=row.pmid,
        doi=row.doi,
        url=row.url,
        mesh=row.mesh or [],
        licence=row.licence,
        origin=row.origin or "",
        sections=[Section(**section) for section in row.sections or []],
        references=[Reference(**reference) for reference in row.references or []],
        review_status=row.review_status,
        last_reviewed=row.last_reviewed,
    )


def count_passages(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(passages)).scalar_one()


def max_source_id(conn: Connection) -> int:
    """The newest source's id (0 for an empty store): sources added later have higher ids."""
    return conn.execute(select(func.max(sources.c.id))).scalar() or 0


def count_sources(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(sources)).scalar_one()


def passage_state(conn: Connection) -> dict:
    """What an index must match to be current: passage count and highest id."""
    count, highest = conn.execute(select(func.count(), func.max(passages.c.id)).select_from(passages)).one()
    return {"passages": count, "max_passage_id": highest or 0}


def iter_passage_texts(conn: Connection, *, batch: int = 5000) -> Iterator[tuple[list[int], list[str]]]:
    """Passage ids and texts in id order, in batches, for building the lexical index."""
    last = 0
    while True:
        rows = conn.execute(
            select(passages.c.id, sources.c.title, passages.c.text)
            .join(sources, sources.c.id == passages.c.source_id)
            .where(passages.c.id > last)
            .order_by(passages.c.id)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield [row.id for row in rows], [f"{row.title}\n{row.text}" for row in rows]
        last = rows[-1].id


def iter_embeddings(conn: Connection, *, model: str, batch: int = 20000) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Stored vectors for ``model`` as (ids, matrix) batches, for building the vector index."""
    last = 0
    while True:
        rows = conn.execute(
            select(embeddings.c.passage_id, embeddings.c.vector)
            .where(embeddings.c.model == model, embeddings.c.passage_id > last)
            .order_by(embeddings.c.passage_id)
            .limit(batch)
        ).all()
        if not rows:
            return
        ids = np.fromiter((row.passage_id for row in rows), dtype=np.int64, count=len(rows))
        matrix = np.vstack([np.frombuffer(row.vector, dtype=np.float32) for row in rows])
        yield ids, matrix
        last = int(ids[-1])


def fetch_passages(conn: Connection, *, passage_ids: Sequence[int]) -> dict[int, tuple]:
    """passage id → (passage row, source id, Source) for the given ids that still exist."""
    if not passage_ids:
        return {}
    rows = conn.execute(select(passages).where(passages.c.id.in_(list(passage_ids)))).all()
    source_ids = {row.source_id for row in rows}
    by_id = {
        row.id: source_from_row(row) for row in conn.execute(select(sources).where(sources.c.id.in_(source_ids)))
    }
    return {row.id: (row, row.source_id, by_id[row.source_id]) for row in rows}


def passage_ids_of_source(conn: Connection, *, source_id: int) -> list[int]:
    return list(
        conn.execute(select(passages.c.id).where(passages.c.source_id == source_id).order_by(passages.c.ordinal)).scalars()
    )


def source_id_of(conn: Connection, *, key: str) -> int | None:
    return conn.execute(select(sources.c.id).where(sources.c.key == key)).scalar()


def delete_source(conn: Connection, *, key: str) -> list[str] | None:
    """Remove a source with its passages and vectors (an overview replaced by a newer version), marking in the same
    transaction the stored article versions that cite those passages. None when no such source is stored; else the
    slugs of the articles whose newest version this marked (``store.articles.mark_citing``)."""
    source_id = source_id_of(conn, key=key)
    if source_id is None:
        return None
    passage_ids = select(passages.c.id).where(passages.c.source_id == source_id)
    marked = mark_citing(conn, passage_ids=passage_ids, at=datetime.now(UTC))
    conn.execute(embeddings.delete().where(embeddings.c.passage_id.in_(passage_ids)))
    conn.execute(passages.delete().where(passages.c.source_id == source_id))
    conn.execute(sources.delete().where(sources.c.id == source_id))
    return marked


def passages_without_embedding(conn: Connection, *, model: str, limit: int) -> list[tuple[int, str, str]]:
    """(id, source title, text) of passages that still lack a vector from ``model``, oldest first."""
    embedded = select(embeddings.c.passage_id).where(embeddings.c.model == model)
    rows = conn.execute(
        select(passages.c.id, sources.c.title, passages.c.text)
        .join(sources, sources.c.id == passages.c.source_id)
        .where(passages.c.id.not_in(embedded))
        .order_by(passages.c.id)
        .limit(limit)
    ).all()
    return [(row.id, row.title, row.text) for row in rows]


def insert_embeddings(conn: Connection, *, passage_ids: Sequence[int], vectors: np.ndarray, model: str) -> None:
    conn.execute(
        insert(embeddings),
        [
            {"passage_id": passage_id, "model": model, "vector": vector.astype(np.float32).tobytes()}
            for passage_id, vector in zip(passage_ids, vectors, strict=True)
        ],
    )


def source_keys_of_kind(conn: Connection, *, kind: str) -> list[str]:
    return list(conn.execute(select(sources.c.key).where(sources.c.kind == kind).order_by(sources.c.id)).scalars())


def sources_of_kind(conn: Connection, *, kind: str) -> list[tuple[int, Source]]:
    """(id, Source) of every stored source of ``kind``, oldest first."""
    return [(row.id, source_from_row(row)) for row in conn.execute(select(sources).where(sources.c.kind == kind).order_by(sources.c.id))]


def all_passage_ids(conn: Connection) -> np.ndarray:
    """Every passage id, ascending: what an index update compares its own ids with (new ones, deleted ones)."""
    return np.fromiter(conn.execute(select(passages.c.id).order_by(passages.c.id)).scalars(), dtype=np.int64)


def passages_for_index(conn: Connection, *, passage_ids: Sequence[int], batch: int = 5000) -> list[tuple]:
    """(id, source id, kind, year, 'title\\ntext') of these passages in id order: a delta segment's rows, read in
    batches so a long id list stays within the database's parameter limit."""
    chosen = sorted(int(i) for i in passage_ids)
    rows: list[tuple] = []
    for start in range(0, len(chosen), batch):
        rows += conn.execute(
            select(passages.c.id, passages.c.source_id, sources.c.kind, sources.c.year, sources.c.title, passages.c.text)
            .join(sources, sources.c.id == passages.c.source_id)
            .where(passages.c.id.in_(chosen[start : start + batch]))
            .order_by(passages.c.id)
        ).all()
    return [(r.id, r.source_id, r.kind, r.year or 0, f"{r.title}\n{r.text}") for r in rows]


def embeddings_of(conn: Connection, *, passage_ids: Sequence[int], model: str, batch: int = 5000) -> tuple:
    """(ids, matrix) of the stored ``model`` vectors of these passages, in id order (those without one left out)."""
    chosen = sorted(int(i) for i in passage_ids)
    ids: list[int] = []
    vectors: list[np.ndarray] = []
    for start in range(0, len(chosen), batch):
        for row in conn.execute(
            select(embeddings.c.passage_id, embeddings.c.vector)
            .where(embeddings.c.model == model, embeddings.c.passage_id.in_(chosen[start : start + batch]))
            .order_by(embeddings.c.passage_id)
        ):
            ids.append(row.passage_id)
            vectors.append(np.frombuffer(row.vector, dtype=np.float32))
    return np.array(ids, dtype=np.int64), (np.vstack(vectors) if vectors else np.zeros((0, 384), dtype=np.float32))
