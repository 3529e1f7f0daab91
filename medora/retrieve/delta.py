"""Incremental index updates: a later ingest writes a small delta segment instead of rebuilding the main index.

A new version folder is published as a full build's is (files first, ``manifest.json`` last, then the ``CURRENT``
pointer swapped), but the main index's files (and earlier deltas) enter it as hard links: they are not rewritten, so
an update costs time in proportion to the new passages, not to the store. Passages deleted from the store are listed
in ``deleted.npy`` and hidden. When the deltas and deletions pass a share of the main index (``max_share``), or on
``medora index --force``, the caller does a full rebuild instead (the compaction), which ranks exactly as before."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import numpy as np
from sqlalchemy import Engine

from medora.errors import IndexDamagedError
from medora.retrieve.dense import VectorIndex
from medora.retrieve.indexes import (
    KIND_CODES,
    VECTORS,
    Indexes,
    PassageTable,
    current_manifest,
    new_version,
    publish_version,
)
from medora.retrieve.lexical import LexicalIndex
from medora.retrieve.segments import FlatVectors, Segment, SegmentedLexical, SegmentedVectors
from medora.store import repository

MAIN_FILES = ("lexical", PassageTable.FILE, VECTORS)
DELETED = "deleted.npy"
MAX_DELTAS = 8  # past this many, the deltas are merged into one (a query visits every segment)


def update_indexes(
    directory: Path,
    *,
    engine: Engine,
    model: str | None,
    bm25: tuple[float, float],
    max_share: float = 0.1,
    vector_storage: str = "auto",
) -> dict | None:
    """Add the store's new passages as a delta segment and hide its deleted ones, in a new version folder; None
    when a full rebuild is due instead (no usable index, other settings, too large a delta, a reused passage id)."""
    started = time.perf_counter()
    current = current_manifest(directory)
    if current is None:
        return None
    folder, manifest = current
    if manifest.get("model") != model or tuple(manifest.get("bm25", ())) != tuple(bm25):
        return None
    if vector_storage != "auto" and manifest.get("vector_storage", "float32") != vector_storage:
        return None  # the main vectors are stored another way than the setting asks: rebuild them
    if not (folder / "lexical" / "lengths.npy").is_file():
        return None  # built before lengths were kept: one full rebuild, then updates
    deltas = list(manifest.get("deltas", []))
    main_ids = _table_ids(folder)
    delta_ids = {name: _table_ids(folder / name) for name in deltas}
    indexed = np.concatenate([main_ids, *delta_ids.values()])
    with engine.connect() as conn:
        state = repository.passage_state(conn)
        stored = repository.all_passage_ids(conn)
    new = np.setdiff1d(stored, indexed)
    if not state["passages"]:
        return None  # the store is empty (an id never comes back: the store hands each out once)
    if len(delta_ids) >= MAX_DELTAS:  # merge: one delta over every delta passage still stored, plus the new ones
        new = np.union1d(np.intersect1d(np.concatenate(list(delta_ids.values())), stored), new)
        deltas, indexed = [], main_ids
    deleted = np.setdiff1d(indexed, stored)
    changed = sum(len(ids) for name, ids in delta_ids.items() if name in deltas) + len(new) + len(deleted)
    if not (len(new) or len(deleted)) or changed > max_share * len(main_ids):
        return None
    with new_version(directory) as target:
        for name in (*MAIN_FILES, *deltas):
            _link_tree(folder / name, target / name)
        embedded = int(manifest.get("main_vectors", manifest.get("embedded_passages", 0)))
        if len(new):
            name = f"delta-{int(time.time_ns())}"
            embedded_new = _write_delta(target / name, engine=engine, ids=new, model=model, bm25=bm25)
            deltas.append(name)
        np.save(target / DELETED, deleted)
        delta_vectors = {d: int(manifest.get("delta_vectors", {}).get(d, 0)) for d in deltas if d in delta_ids}
        if len(new):
            delta_vectors[name] = embedded_new
        written = {
            key: value for key, value in manifest.items() if key not in ("files", "deltas", "delta_vectors", "state")
        } | {
            "state": state,
            "main_vectors": embedded,
            "embedded_passages": embedded + sum(delta_vectors.values()),
            "deltas": deltas,
            "delta_vectors": delta_vectors,
            "delta_passages": int(len(new) + sum(len(delta_ids[d]) for d in deltas if d in delta_ids)),
            "deleted": len(deleted),
            "updated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "update_seconds": round(time.perf_counter() - started, 2),
            "version": f"{state['passages']}-{state['max_passage_id']}",
        }
        written = publish_version(directory, target, written)
    return written


def _write_delta(folder: Path, *, engine: Engine, ids: np.ndarray, model: str | None, bm25: tuple[float, float]) -> int:
    """A delta segment's lexical index, passage table and (with a model) flat vector index; returns its vectors.
    Its BM25 scores stay float32 whatever the main index's layout: a delta is small, and is rescored anyway."""
    folder.mkdir(parents=True)
    with engine.connect() as conn:
        rows = repository.passages_for_index(conn, passage_ids=ids.tolist())
        vector_ids, matrix = (
            repository.embeddings_of(conn, passage_ids=ids.tolist(), model=model) if model else ([], None)
        )
    lexical = LexicalIndex(k1=bm25[0], b=bm25[1])
    lexical.add([row[0] for row in rows], [row[4] for row in rows])
    lexical.save(folder / "lexical")
    PassageTable(
        ids=np.array([row[0] for row in rows]),
        source_ids=np.array([row[1] for row in rows]),
        kinds=np.array([KIND_CODES.index(row[2]) for row in rows]),
        years=np.array([row[3] for row in rows]),
    ).write(folder)
    if model:
        vectors = FlatVectors()
        vectors.add(vector_ids, matrix)
        vectors.save(folder / VECTORS)
    return len(vector_ids)


def load_segmented(
    folder: Path, manifest: dict, *, main_lexical: LexicalIndex, main_vectors: VectorIndex | None, main_table
) -> Indexes:
    """The Indexes of a version with deltas: one passage table over all segments (main first), searched together."""
    tables = [main_table] + [PassageTable.read(folder / name) for name in manifest["deltas"]]
    table = PassageTable(
        ids=np.concatenate([t.ids for t in tables]),
        source_ids=np.concatenate([t.source_ids for t in tables]),
        kinds=np.concatenate([t.kinds for t in tables]),
        years=np.concatenate([t.years for t in tables]),
    )
    segments = [Segment(main_lexical, main_vectors, 0)]
    offset = len(main_table.ids)
    for name in manifest["deltas"]:
        vectors_path = folder / name / VECTORS
        vectors = FlatVectors.load(vectors_path) if main_vectors is not None and vectors_path.is_file() else None
        segments.append(Segment(LexicalIndex.load(folder / name / "lexical"), vectors, offset))
        offset += len(segments[-1].lexical)
    if any(s.lexical.lengths is None for s in segments):
        raise IndexDamagedError(folder, "a segment lacks its passage lengths (lexical/lengths.npy)")
    hidden = _deleted(folder).tolist()
    return Indexes(
        lexical=SegmentedLexical(segments, table, hidden=hidden),
        vectors=SegmentedVectors(segments, table, hidden=hidden) if main_vectors is not None else None,
        table=table,
        manifest=manifest,
    )


def _table_ids(folder: Path) -> np.ndarray:
    return PassageTable.read(folder).ids


def _deleted(folder: Path) -> np.ndarray:
    path = folder / DELETED
    return np.load(path) if path.is_file() else np.zeros(0, dtype=np.int64)


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link a file or every file under a folder (copy where the file system cannot link): same inode, so the
    main index is neither rewritten nor duplicated on disk."""
    if source.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        for child in source.iterdir():
            _link_tree(child, target / child.name)
    elif source.is_file():
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
