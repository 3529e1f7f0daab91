"""Derived index files in the data directory, rebuilt from the store whenever they fall behind it.

Layout: each build writes a new version folder (``v-…``) with ``manifest.json`` written last, then a pointer file
(``CURRENT``) is atomically replaced to name it, and older folders are removed. A build killed at any point leaves
the previous version in use (or no index at all), never a half-written one. The manifest records each file's size
and a sampled checksum, so a file truncated or replaced later is found before it is read and reported as
IndexDamagedError instead of a traceback."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, select

from medora.errors import IndexDamagedError, IndexNotReadyError
from medora.retrieve import protocols
from medora.retrieve.dense import VectorIndex, choose_storage
from medora.retrieve.embedded import EmbeddedLexical, EmbeddedVectors
from medora.retrieve.lexical import LexicalIndex, ScoreType
from medora.store import repository
from medora.store.schema import passages, sources
from medora.types import Kind

INDEX_FORMAT = 2
KIND_CODES = [kind.value for kind in Kind]
POINTER = "CURRENT"
MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
INT8_FROM_PASSAGES = 200_000  # auto vector storage: float32 below (pinned rankings), int8 from here (bench/scale.py)
NEIGHBOURS, LARGE_NEIGHBOURS = 32, 16  # HNSW M below / from the large-store size (docs/scale.md: −19 % of the file)
_SAMPLE_BYTES = 1 << 16  # checksummed at each end of a file: cheap on a multi-gigabyte vector file


@dataclass
class PassageTable:
    """Per-passage arrays in lexical-index order: the filters and priors read these, not the database."""

    ids: np.ndarray
    source_ids: np.ndarray
    kinds: np.ndarray
    years: np.ndarray

    FILE = "passages.npz"

    def write(self, folder: Path) -> None:
        np.savez(
            folder / self.FILE,
            ids=np.asarray(self.ids, dtype=np.int64),
            source_ids=np.asarray(self.source_ids, dtype=np.int64),
            kinds=np.asarray(self.kinds, dtype=np.int16),
            years=np.asarray(self.years, dtype=np.int16),
        )

    @classmethod
    def read(cls, folder: Path) -> PassageTable:
        """The table saved in ``folder``; IndexDamagedError (not a numpy or zip traceback) when it is unreadable."""
        path = folder / cls.FILE
        try:
            with np.load(path) as arrays:
                return cls(ids=arrays["ids"], source_ids=arrays["source_ids"], kinds=arrays["kinds"], years=arrays["years"])
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
            raise IndexDamagedError(path, f"unreadable passage table ({type(error).__name__})") from error

    def position(self) -> dict[int, int]:
        return {int(pid): i for i, pid in enumerate(self.ids)}

    @cached_property
    def position_of(self) -> dict[int, int]:
        return self.position()

    def positions(self, ids: Iterable[int]) -> list[int]:
        """Index order of each passage id; -1 for an id the table does not hold."""
        position = self.position_of
        return [position.get(int(pid), -1) for pid in ids]

    def facts(self, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """(kind codes, years) of these ids (the PassageFacts protocol); kind -1 and year 0 for unknown ids."""
        positions = np.array(self.positions(ids), dtype=np.int64)
        known = positions >= 0
        kinds = np.where(known, self.kinds[np.maximum(positions, 0)] if len(self.ids) else -1, -1)
        years = np.where(known, self.years[np.maximum(positions, 0)] if len(self.ids) else 0, 0)
        return kinds.astype(np.int16), years.astype(np.int16)

    def mask(self, where: protocols.SearchFilter) -> np.ndarray:
        """One 0/1 per passage in index order: whether ``where`` admits it (a missing year fails a year bound)."""
        keep = np.ones(len(self.ids), dtype=bool)
        if where.year_from:
            keep &= self.years >= where.year_from
        if where.year_to:
            keep &= (self.years <= where.year_to) & (self.years > 0)
        if where.kinds:
            keep &= np.isin(self.kinds, [KIND_CODES.index(kind) for kind in where.kinds if kind in KIND_CODES])
        return keep.astype(np.float32)


@dataclass
class Indexes:
    """The search backends a Retriever reads: embedded (files here) or PostgreSQL (``retrieve.postgres``)."""

    lexical: protocols.LexicalIndex
    vectors: protocols.VectorIndex | None
    table: protocols.PassageFacts
    manifest: dict


@dataclass(frozen=True)
class Layout:
    """How the index files are stored: vector storage, HNSW neighbours (M) and BM25 score type."""

    vector_storage: str
    hnsw_neighbours: int
    bm25_scores: ScoreType


def choose_layout(storage_setting: str, *, passages: int, large_from: int) -> Layout:
    """Stores of ``large_from`` passages or more (``retrieve.int8_from_passages``) take the large-store layout: int8
    vectors under auto, HNSW M 16 and float16 BM25 scores, which brings 1 M passages under 1 GB of index; smaller
    stores keep float32 vectors (under auto), M 32 and float32 scores, so their rankings stay as pinned."""
    storage = choose_storage(storage_setting, passages=passages, int8_from=large_from)
    if passages >= large_from:
        return Layout(storage, LARGE_NEIGHBOURS, "float16")
    return Layout(storage, NEIGHBOURS, "float32")


def file_fingerprint(path: Path) -> dict:
    """Size and a SHA-256 of the first and last 64 KiB (the whole file when it is smaller): catches truncation
    and replaced files without reading gigabytes on every question; a flipped byte mid-file can pass."""
    size = path.stat().st_size
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        digest.update(handle.read(_SAMPLE_BYTES))
        if size > _SAMPLE_BYTES:
            handle.seek(max(size - _SAMPLE_BYTES, _SAMPLE_BYTES))
            digest.update(handle.read())
    return {"bytes": size, "sample_sha256": digest.hexdigest()}


def verify_files(folder: Path, manifest: dict) -> None:
    """Raise IndexDamagedError naming the first file that is missing or differs from the manifest."""
    for name, expected in sorted(manifest.get("files", {}).items()):
        path = folder / name
        if not path.is_file():
            raise IndexDamagedError(path, "missing")
        found = file_fingerprint(path)
        if found["bytes"] != expected["bytes"]:
            raise IndexDamagedError(path, f"{found['bytes']} bytes, the manifest says {expected['bytes']}")
        if found["sample_sha256"] != expected["sample_sha256"]:
            raise IndexDamagedError(path, "contents differ from the manifest")


def current_folder(directory: Path) -> Path | None:
    """The version folder the pointer names, or None when no index was ever completed here."""
    try:
        name = (directory / POINTER).read_text().strip()
    except OSError:
        return None
    if not name.startswith("v-") or "/" in name or "\\" in name:
        raise IndexDamagedError(directory / POINTER, f"names {name!r}, not an index version")
    return directory / name


def _read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not folder.is_dir():
        raise IndexDamagedError(folder, "the folder named by CURRENT is missing")
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise IndexDamagedError(path, f"missing or unreadable ({type(error).__name__})") from error
    if not isinstance(manifest, dict) or manifest.get("format") != INDEX_FORMAT:
        raise IndexDamagedError(path, f"not an index manifest of format {INDEX_FORMAT}")
    return manifest


def current_manifest(directory: Path) -> tuple[Path, dict] | None:
    """The current version folder and its manifest when every file it lists is there and unchanged, else None."""
    try:
        folder = current_folder(directory)
        if folder is None:
            return None
        manifest = _read_manifest(folder)
        verify_files(folder, manifest)
    except IndexDamagedError:
        return None
    return folder, manifest


def is_current(
    directory: Path, *, engine: Engine, model: str | None, bm25: tuple[float, float], vector_storage: str = "float32"
) -> bool:
    """True when a complete, undamaged index matches the store's passages, the model, the BM25 settings and the
    vector storage (``auto`` matches whichever the build chose)."""
    current = current_manifest(directory)
    if current is None:
        return False
    manifest = current[1]
    with engine.connect() as conn:
        state = repository.passage_state(conn)
    storage_matches = vector_storage == "auto" or manifest.get("vector_storage", "float32") == vector_storage
    return manifest.get("state") == state and (
        manifest.get("model") == model and tuple(manifest.get("bm25", ())) == tuple(bm25) and storage_matches
    )


def build_indexes(
    directory: Path,
    *,
    engine: Engine,
    model: str | None,
    bm25: tuple[float, float],
    show_progress: bool = False,
    vector_storage: str = "float32",
    int8_from: int = INT8_FROM_PASSAGES,
) -> dict:
    """Rebuild every index from the store into a new version folder, then point CURRENT at it. From ``int8_from``
    passages on the large-store layout applies (``choose_layout``: int8 vectors under auto, M 16, float16 scores)."""
    started = time.perf_counter()
    with new_version(directory) as folder:
        state, embedded, layout, fixes, stage_seconds = _write_index_files(
            folder, engine=engine, model=model, bm25=bm25, show_progress=show_progress,
            storage_setting=vector_storage, int8_from=int8_from,
        )
        manifest = {
            "format": INDEX_FORMAT,
            "state": state,
            "model": model,
            "bm25": list(bm25),
            "embedded_passages": embedded,
            "vector_storage": layout.vector_storage,
            "hnsw_neighbours": layout.hnsw_neighbours,
            "bm25_scores": layout.bm25_scores,
            "bm25_frequency_fixes": fixes,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": round(time.perf_counter() - started, 2),
            "stage_seconds": stage_seconds,
            "version": f"{state['passages']}-{state['max_passage_id']}",
        }
        manifest = publish_version(directory, folder, manifest)
    return manifest


@contextmanager
def new_version(directory: Path) -> Iterator[Path]:
    """A fresh version folder to write a build into. Removed if the build fails; once it is through (published
    with ``publish_version``), the older versions are removed instead."""
    directory.mkdir(parents=True, exist_ok=True)
    folder = directory / f"v-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}-{time.time_ns() % 10**9}"
    folder.mkdir()
    try:
        yield folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _remove_all_but(directory, keep={POINTER, folder.name})


def _write_index_files(
    folder: Path,
    *,
    engine: Engine,
    model: str | None,
    bm25: tuple[float, float],
    show_progress: bool,
    storage_setting: str = "float32",
    int8_from: int = INT8_FROM_PASSAGES,
) -> tuple[dict, int, Layout, int, dict]:
    """The lexical index, the passage table and (with a model) the vector index; returns (store state, vectors,
    layout, float16 frequency fixes kept, seconds per stage)."""
    seconds: dict[str, float] = {}
    tick = time.perf_counter()
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
        seconds["read_texts"] = round(time.perf_counter() - tick, 2)
        tick = time.perf_counter()
        layout = choose_layout(storage_setting, passages=state["passages"], large_from=int8_from)
        lexical = LexicalIndex(k1=bm25[0], b=bm25[1], scores=layout.bm25_scores)
        lexical.add(ids, texts, show_progress=show_progress)
        lexical.save(folder / "lexical")
        del texts
        seconds["lexical"] = round(time.perf_counter() - tick, 2)
        PassageTable(
            ids=np.array([r.id for r in rows]),
            source_ids=np.array([r.source_id for r in rows]),
            kinds=np.array([KIND_CODES.index(r.kind) for r in rows]),
            years=np.array([r.year or 0 for r in rows]),
        ).write(folder)
        embedded = 0
        if model:
            tick = time.perf_counter()
            vectors = VectorIndex(storage=layout.vector_storage, neighbours=layout.hnsw_neighbours)
            for batch_ids, matrix in repository.iter_embeddings(conn, model=model):
                vectors.add(batch_ids, matrix)
                embedded += len(batch_ids)
            vectors.save(folder / VECTORS)
            seconds["vectors"] = round(time.perf_counter() - tick, 2)
    return state, embedded, layout, lexical.fixes, seconds


def load_indexes(directory: Path) -> Indexes:
    """The current index, checked against its manifest first; IndexDamagedError names a bad file. When a build
    finished elsewhere while this one was being read (its old folder removed under us), the new one is read."""
    folder = current_folder(directory)
    if folder is None:
        raise IndexNotReadyError(f"no index in {directory}: run `medora index` or `medora ingest` first")
    try:
        return _load_folder(folder)
    except IndexDamagedError:
        newer = current_folder(directory)
        if newer is None or newer == folder:
            raise
        return _load_folder(newer)


def _load_folder(folder: Path) -> Indexes:
    manifest = _read_manifest(folder)
    verify_files(folder, manifest)
    vectors_expected = bool(manifest.get("model"))  # built with embeddings on: a missing vector file is damage
    table = PassageTable.read(folder)
    vectors = VectorIndex.load(folder / VECTORS) if vectors_expected and manifest.get("embedded_passages") else None
    if manifest.get("deltas") or manifest.get("deleted"):  # written by a later ingest: main plus delta segments
        from medora.retrieve.delta import load_segmented

        return load_segmented(
            folder, manifest, main_lexical=LexicalIndex.load(folder / "lexical"), main_vectors=vectors, main_table=table
        )
    return Indexes(
        lexical=EmbeddedLexical(LexicalIndex.load(folder / "lexical"), table),
        vectors=EmbeddedVectors(vectors, table) if vectors is not None else None,
        table=table,
        manifest=manifest,
    )


def index_size_bytes(directory: Path) -> int:
    return sum(path.stat().st_size for path in directory.rglob("*") if path.is_file())


def publish_version(directory: Path, folder: Path, manifest: dict) -> dict:
    """Fingerprint every file of the finished version ``folder`` into its manifest, write the manifest last, then
    point CURRENT at it: a reader finds the old version or the whole new one, never a half-written one."""
    manifest = manifest | {
        "files": {
            path.relative_to(folder).as_posix(): file_fingerprint(path)
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }
    }
    _write_atomically(folder / MANIFEST, json.dumps(manifest, indent=2))
    _write_atomically(directory / POINTER, folder.name + "\n")
    return manifest


def _write_atomically(path: Path, text: str) -> None:
    """Write to a temporary sibling, flush it to disk, then rename over ``path``: readers see old or new, whole."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def _remove_all_but(directory: Path, *, keep: set[str]) -> None:
    """Drop older versions, builds killed part-way and the files of the format-1 layout (manifest in the folder
    itself), but not the folder of a build another live process is still writing."""
    for entry in directory.iterdir():
        being_built = entry.name.startswith("v-") and not (entry / MANIFEST).exists() and _builder_alive(entry)
        if entry.name in keep or being_built:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    for leftover in (directory.with_name(directory.name + ".building"), directory.with_name(directory.name + ".old")):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def _builder_alive(folder: Path) -> bool:
    """Whether the process named in a version folder (``v-<time>-<pid>-<n>``) still runs (POSIX; elsewhere no)."""
    try:
        pid = int(folder.name.split("-")[2])
    except (IndexError, ValueError):
        return False
    if os.name != "posix" or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
