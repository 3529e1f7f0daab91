"""The ingestion loop. Pure batch steps (chunk, embed) and one transaction per batch, so a kill loses
at most the batch in flight and a re-run skips what is stored (sources are keyed; finished files are hashed).

A batch is embedded before its transaction opens: the write lock is held only while rows are written, never
while the model runs, so readers and other writers of the store are not kept waiting for minutes."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy as np
from sqlalchemy import Engine

from medora.errors import IngestError, MedoraError
from medora.ingest.chunking import chunk_source
from medora.ingest.detect import Parser, detect_parser, iter_input_files
from medora.ingest.progress import IngestProgress
from medora.retrieve.embed import Embedder, passage_text_for_embedding
from medora.settings import IngestSettings
from medora.store import repository
from medora.store.bulk import NewSource, insert_sources_in_bulk
from medora.store.database import write_transaction
from medora.types import Passage, Source


@dataclass
class IngestReport:
    """What an ingest run did; ``failures`` name each bad file and why."""

    files_read: int = 0
    files_skipped: int = 0
    sources_added: int = 0
    sources_already_stored: int = 0
    sources_replaced: int = 0  # stored sources deleted for their new version (``replace``), passages and all
    passages_added: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    replaced_evidence: list[str] = field(default_factory=list)  # slugs of articles whose newest version cited it
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
        (
            source,
            chunk_source(
                source,
                chunk_words=settings.chunk_words,
                overlap_sentences=settings.chunk_overlap_sentences,
                max_chars=settings.chunk_max_chars,
            ),
        )
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


EMBED_SLICE = 32  # sources embedded between two moves of the progress bar

Item = tuple[Source | IngestError, int]  # a parsed record (or the problem met instead) and the file position after it


def positioned_records(path: Path, parser: Parser) -> Iterator[Item]:
    """The parser's stream with the byte position after each item. A parser that raises part-way (a file cut
    short) ends the stream with its error as the last item, so the records read before it are still stored."""
    position = 0

    def note(at: int) -> None:
        nonlocal position
        position = at

    try:
        for item in parser(path, on_bytes=note):
            yield item, position
    except (IngestError, OSError) as error:
        yield IngestError(failure_reason(error, path)), position


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
    """Ingest every file under ``paths``; bad files are reported and skipped, good ones are kept, and in a file
    with bad records or lines the good ones are kept and the bad ones named.

    With ``replace``, a record whose key is stored already replaces the stored one in the same transaction
    (a new version of an editorial overview); otherwise it is skipped."""
    report = IngestReport()
    started = time.perf_counter()
    files = list(iter_input_files(paths))
    progress = IngestProgress(files, enabled=show_progress)
    try:
        for path in files:
            if on_file:
                on_file(path)
            progress.start_file(path)
            try:
                _ingest_file(
                    path, engine=engine, settings=settings, embedder=embedder, report=report, progress=progress,
                    replace=replace,
                )
            except (MedoraError, OSError, UnicodeDecodeError) as error:
                report.failures.append((str(path), failure_reason(error, path)))
            progress.finish_file()
    finally:
        progress.close()
    report.seconds_total = time.perf_counter() - started
    return report


def failure_reason(error: Exception, path: Path) -> str:
    message = str(error)
    return message.removeprefix(f"{path}: ") if isinstance(error, IngestError) else f"{type(error).__name__}: {message}"


def _ingest_file(
    path: Path,
    *,
    engine: Engine,
    settings: IngestSettings,
    embedder: Embedder | None,
    report: IngestReport,
    progress: IngestProgress,
    replace: bool,
) -> None:
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    sha256 = file_sha256(path)
    with engine.connect() as conn:
        # with ``replace``, bytes ingested before are read again when an edit came since (a reverted edit)
        if (repository.is_current_file(conn, sha256=sha256, path=str(path)) if replace
                else repository.is_file_ingested(conn, sha256=sha256)):
            report.files_skipped += 1
            return
    parser = detect_parser(path)
    file_started, records = time.perf_counter(), 0
    problems: list[str] = []
    parsed = positioned_records(path, parser)
    while True:
        tick = time.perf_counter()
        try:
            batch = list(islice(parsed, settings.batch_size))
        finally:
            report.seconds_parsing += time.perf_counter() - tick
        if not batch:
            break
        problems += [str(item) for item, _ in batch if isinstance(item, IngestError)]
        good = [(item, at) for item, at in batch if not isinstance(item, IngestError)]
        _store_batch(
            good, engine=engine, settings=settings, embedder=embedder, report=report, replace=replace, progress=progress
        )
        records += len(good)
        progress.advance_to(batch[-1][1])
        progress.show_records(report.sources_added)
    if problems:
        raise IngestError(problems_message(path, problems, kept=records))
    if not records:
        raise IngestError(f"no records in {path}")
    with engine.begin() as conn:
        repository.record_ingested_file(
            conn, sha256=sha256, path=str(path), records=records, seconds=time.perf_counter() - file_started
        )
    report.files_read += 1


def problems_message(path: Path, problems: list[str], *, kept: int) -> str:
    """One line naming the file, how many good records were kept and the first few problems (line, record)."""
    if len(problems) == 1 and not kept:
        return f"{path}: {problems[0]}"
    shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
    return f"{path}: {kept} good record(s) kept; {len(problems)} problem(s): {shown}"


def _store_batch(
    batch: Sequence[tuple[Source, int]],
    *,
    engine: Engine,
    settings: IngestSettings,
    embedder: Embedder | None,
    report: IngestReport,
    replace: bool,
    progress: IngestProgress,
) -> None:
    """Chunk and embed the batch's new sources with no transaction open, then write them in one transaction."""
    first: dict[str, tuple[Source, int]] = {}
    for source, at in batch:  # a key repeated in a file: its first record is stored, as across batches and by Ray
        first.setdefault(source.key, (source, at))
    unique = list(first.values())
    with engine.connect() as conn:
        stored = set() if replace else repository.existing_source_keys(conn, keys=[s.key for s, _ in unique])
    fresh = [(source, at) for source, at in unique if source.key not in stored]
    tick = time.perf_counter()
    chunked = chunk_batch([source for source, _ in fresh], settings)
    report.seconds_parsing += time.perf_counter() - tick
    vectors: list[np.ndarray | None] = [None] * len(chunked)
    if embedder is not None and settings.embed and chunked:
        tick = time.perf_counter()
        vectors = []
        for begin in range(0, len(chunked), EMBED_SLICE):
            vectors += embed_batch(chunked[begin : begin + EMBED_SLICE], embedder)
            progress.advance_to(fresh[min(begin + EMBED_SLICE, len(fresh)) - 1][1])
        report.seconds_embedding += time.perf_counter() - tick
    new: list[NewSource] = []
    with write_transaction(engine) as conn:  # the write lock first: bulk ids are reserved under it
        # Another writer may have stored some of these keys while this batch was being embedded.
        now_stored = repository.existing_source_keys(conn, keys=[source.key for source, _ in chunked])
        for (source, passages), source_vectors in zip(chunked, vectors, strict=True):
            if source.key in now_stored:
                if not replace:
                    continue
                marked = repository.delete_source(conn, key=source.key)  # marks the articles citing it, here
                if marked is not None:
                    report.sources_replaced += 1
                    report.replaced_evidence.extend(marked)
            new.append((source, passages, source_vectors))
        report.passages_added += insert_sources_in_bulk(
            conn, new=new, model=embedder.model_name if embedder is not None else None)
    added = len(new)
    report.sources_added += added
    report.sources_already_stored += len(batch) - added
