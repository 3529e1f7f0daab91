"""The ingestion loop. Pure batch steps (chunk, embed) and one transaction per batch, so a kill loses
at most the batch in flight and a re-run skips what is stored (sources are keyed; finished files are hashed)."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy as np
from sqlalchemy import Engine
from tqdm import tqdm

from medora.errors import IngestError, MedoraError
from medora.ingest.chunking import chunk_source
from medora.ingest.detect import detect_parser, iter_input_files
from medora.retrieve.embed import Embedder, passage_text_for_embedding
from medora.settings import IngestSettings
from medora.store import repository
from medora.types import Passage, Source


@dataclass
class IngestReport:
    """What an ingest run did; ``failures`` name each bad file and why."""

    files_read: int = 0
    files_skipped: int = 0
    sources_added: int = 0
    sources_already_stored: int = 0
    passages_added: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds_parsing: float = 0.0
    seconds_embedding: float = 0.0
    seconds_total: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def chunk_batch(sources: Iterable[Source], settings: IngestSettings) -> list[tuple[Source, list[Passage]]]:
    """Sources → (source, passages) pairs; pure, so a distributed runner can call it too."""
    return [
        (source, chunk_source(source, chunk_words=settings.chunk_words, overlap_sentences=settings.chunk_overlap_sentences))
        for source in sources
    ]


def embed_batch(chunked: list[tuple[Source, list[Passage]]], embedder: Embedder) -> list[np.ndarray]:
    """One vector matrix per source, in the order of its passages."""
    texts = [passage_text_for_embedding(source.title, p.text) for source, passages in chunked for p in passages]
    vectors = embedder.embed(texts)
    split, position = [], 0
    for _source, passages in chunked:
        split.append(vectors[position : position + len(passages)])
        position += len(passages)
    return split


def _batches(items: Iterator[Source | IngestError], size: int) -> Iterator[list[Source | IngestError]]:
    while batch := list(islice(items, size)):
        yield batch


def ingest_paths(
    paths: list[Path],
    *,
    engine: Engine,
    settings: IngestSettings,
    embedder: Embedder | None = None,
    show_progress: bool = True,
    on_file: Callable[[Path], None] | None = None,
    replace: bool = False,
) -> IngestReport:
    """Ingest every file under ``paths``; bad files are reported and skipped, good ones are kept.

    With ``replace``, a record whose key is stored already replaces the stored one in the same transaction
    (a new version of an editorial overview); otherwise it is skipped."""
    report = IngestReport()
    started = time.perf_counter()
    files = list(iter_input_files(paths))
    progress = tqdm(total=0, unit=" records", disable=not show_progress, dynamic_ncols=True)
    try:
        for path in files:
            if on_file:
                on_file(path)
            try:
                _ingest_file(
                    path, engine=engine, settings=settings, embedder=embedder, report=report, progress=progress,
                    replace=replace,
                )
            except (MedoraError, OSError, UnicodeDecodeError) as error:
                report.failures.append((str(path), _reason(error, path)))
    finally:
        progress.close()
    report.seconds_total = time.perf_counter() - started
    return report


def _reason(error: Exception, path: Path) -> str:
    message = str(error)
    return message.removeprefix(f"{path}: ") if isinstance(error, IngestError) else f"{type(error).__name__}: {message}"


def _ingest_file(
    path: Path,
    *,
    engine: Engine,
    settings: IngestSettings,
    embedder: Embedder | None,
    report: IngestReport,
    progress: tqdm,
    replace: bool,
) -> None:
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    sha256 = file_sha256(path)
    with engine.connect() as conn:
        if repository.is_file_ingested(conn, sha256=sha256):
            report.files_skipped += 1
            return
    parser = detect_parser(path)
    file_started, records = time.perf_counter(), 0
    file_problems: list[str] = []
    progress.set_description(path.name[:40])
    parsed = parser(path)
    while True:
        tick = time.perf_counter()
        try:
            batch = next(_batches(parsed, settings.batch_size), None)
        finally:
            report.seconds_parsing += time.perf_counter() - tick
        if batch is None:
            break
        problems = [item for item in batch if isinstance(item, IngestError)]
        batch = [item for item in batch if not isinstance(item, IngestError)]
        _store_batch(batch, engine=engine, settings=settings, embedder=embedder, report=report, replace=replace)
        records += len(batch)
        file_problems += [str(problem) for problem in problems]
        progress.total += len(batch)
        progress.update(len(batch))
    if file_problems:
        shown = "; ".join(file_problems[:5]) + (f"; and {len(file_problems) - 5} more" if len(file_problems) > 5 else "")
        raise IngestError(f"{path}: {len(file_problems)} unreadable record(s), the others were stored: {shown}")
    with engine.begin() as conn:
        repository.record_ingested_file(
            conn, sha256=sha256, path=str(path), records=records, seconds=time.perf_counter() - file_started
        )
    report.files_read += 1


def _store_batch(
    batch: list[Source],
    *,
    engine: Engine,
    settings: IngestSettings,
    embedder: Embedder | None,
    report: IngestReport,
    replace: bool,
) -> None:
    unique = list({source.key: source for source in batch}.values())
    with engine.begin() as conn:
        stored = repository.existing_source_keys(conn, keys=[s.key for s in unique])
        if replace:
            for key in stored:
                repository.delete_source(conn, key=key)
            stored = set()
        fresh = [source for source in unique if source.key not in stored]
        report.sources_already_stored += len(batch) - len(fresh)
        tick = time.perf_counter()
        chunked = chunk_batch(fresh, settings)
        report.seconds_parsing += time.perf_counter() - tick
        vectors: list[np.ndarray | None] = [None] * len(chunked)
        if embedder is not None and settings.embed and chunked:
            tick = time.perf_counter()
            vectors = list(embed_batch(chunked, embedder))
            report.seconds_embedding += time.perf_counter() - tick
        for (source, passages), source_vectors in zip(chunked, vectors, strict=True):
            repository.insert_source_with_passages(
                conn,
                source=source,
                source_passages=passages,
                vectors=source_vectors,
                model=embedder.model_name if embedder is not None else None,
            )
            report.passages_added += len(passages)
        report.sources_added += len(fresh)
