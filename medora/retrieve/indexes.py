"""Derived index files in the data directory, rebuilt from the store whenever they fall behind it."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, select

from medora.errors import IndexNotReadyError
from medora.retrieve.dense import VectorIndex
from medora.retrieve.lexical import LexicalIndex
from medora.store import repository
from medora.store.schema import passages, sources
from medora.types import Kind

INDEX_FORMAT = 1
KIND_CODES = [kind.value for kind in Kind]


@dataclass
class PassageTable:
    """Per-passage arrays in lexical-index order: the filters and priors read these, not the database."""

    ids: np.ndarray
    source_ids: np.ndarray
    kinds: np.ndarray
    years: np.ndarray

    def position(self) -> dict[int, int]:
        return {int(pid): i for i, pid in enumerate(self.ids)}


@dataclass
class Indexes:
    lexical: LexicalIndex
    vectors: VectorIndex | None
    table: PassageTable
    manifest: dict


def _manifest_path(directory: Path) -> Path:
    return directory / "manifest.json"


def _read_manifest(directory: Path) -> dict | None:
    try:
        return json.loads(_manifest_path(directory).read_text())
    except (OSError, ValueError):
        return None


def is_current(directory: Path, *, engine: Engine, model: str | None, bm25: tuple[float, float]) -> bool:
    manifest = _read_manifest(directory)
    with engine.connect() as conn:
        state = repository.passage_state(conn)
    return bool(manifest) and manifest.get("format") == INDEX_FORMAT and manifest.get("state") == state and (
        manifest.get("model") == model and tuple(manifest.get("bm25", ())) == tuple(bm25)
    )


def build_indexes(
    directory: Path, *, engine: Engine, model: str | None, bm25: tuple[float, float], show_progress: bool = False
) -> dict:
    """Rebuild every index from the store into a temporary folder, then swap it in (no half-written index)."""
    started = time.perf_counter()
    staging = directory.with_name(directory.name + ".building")
    if staging.exists():
        _remove_tree(staging)
    staging.mkdir(parents=True)
    with engine.connect() as conn:
        state = repository.passage_state(conn)
        if not state["passages"]:
            raise IndexNotReadyError("the store has no passages yet: run `medora ingest PATH` first")
        ids, texts = [], []
        for batch_ids, batch_texts in repository.iter_passage_texts(conn):
            ids += batch_ids
            texts += batch_texts
        rows = conn.execute(
            select(passages.c.id, passages.c.source_id, sources.c.kind, sources.c.year)
            .join(sources, sources.c.id == passages.c.source_id)
            .order_by(passages.c.id)
        ).all()
        lexical = LexicalIndex(k1=bm25[0], b=bm25[1])
        lexical.add(ids, texts, show_progress=show_progress)
        lexical.save(staging / "lexical")
        del texts
        table = PassageTable(
            ids=np.array([r.id for r in rows], dtype=np.int64),
            source_ids=np.array([r.source_id for r in rows], dtype=np.int64),
            kinds=np.array([KIND_CODES.index(r.kind) for r in rows], dtype=np.int16),
            years=np.array([r.year or 0 for r in rows], dtype=np.int16),
        )
        np.savez(staging / "passages.npz", ids=table.ids, source_ids=table.source_ids, kinds=table.kinds, years=table.years)
        embedded = 0
        if model:
            vectors = VectorIndex()
            for batch_ids, matrix in repository.iter_embeddings(conn, model=model):
                vectors.add(batch_ids, matrix)
                embedded += len(batch_ids)
            vectors.save(staging / "vectors.faiss")
    manifest = {
        "format": INDEX_FORMAT,
        "state": state,
        "model": model,
        "bm25": list(bm25),
        "embedded_passages": embedded,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "build_seconds": round(time.perf_counter() - started, 2),
        "version": f"{state['passages']}-{state['max_passage_id']}",
    }
    _manifest_path(staging).write_text(json.dumps(manifest, indent=2))
    if directory.exists():
        old = directory.with_name(directory.name + ".old")
        if old.exists():
            _remove_tree(old)
        directory.rename(old)
        staging.rename(directory)
        _remove_tree(old)
    else:
        staging.rename(directory)
    return manifest


def load_indexes(directory: Path) -> Indexes:
    manifest = _read_manifest(directory)
    if manifest is None:
        raise IndexNotReadyError(f"no index in {directory}: run `medora index` or `medora ingest` first")
    arrays = np.load(directory / "passages.npz")
    vectors_path = directory / "vectors.faiss"
    return Indexes(
        lexical=LexicalIndex.load(directory / "lexical"),
        vectors=VectorIndex.load(vectors_path) if manifest.get("embedded_passages") and vectors_path.exists() else None,
        table=PassageTable(ids=arrays["ids"], source_ids=arrays["source_ids"], kinds=arrays["kinds"], years=arrays["years"]),
        manifest=manifest,
    )


def index_size_bytes(directory: Path) -> int:
    return sum(path.stat().st_size for path in directory.rglob("*") if path.is_file())


def _remove_tree(path: Path) -> None:
    for child in sorted(path.rglob("*"), reverse=True):
        child.rmdir() if child.is_dir() else child.unlink()
    path.rmdir()
