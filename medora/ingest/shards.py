"""Parquet shards of finished input files, the manifest that lists them, and loading a shard into the store.

A distributed run writes each input file's rows (``stages.ROW_SCHEMA``) into its own shard folder
(``…/file_sha256=<sha>/``) and then lists the file in ``manifest.json``; loading a listed file stores its records in
one transaction, marks the file ingested in the store (as the local runner does) and only then drops the shard. So a
run killed while writing redoes the unlisted files, and one killed while loading loads the listed ones without
parsing or embedding them again; a file the store has marked is skipped by its sha256."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
from sqlalchemy import Engine

from medora.errors import IngestError
from medora.ingest.pipeline import IngestReport, failure_reason, problems_message
from medora.ingest.stages import ROW_SCHEMA, read_chunked
from medora.store import repository
from medora.store.bulk import insert_sources_in_bulk
from medora.store.database import write_transaction

MANIFEST = "manifest.json"


@dataclass
class Manifest:
    """Files whose shards are complete but not yet loaded: sha256 → {"path": input file, "shard": shard folder}."""

    folder: Path
    files: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path) -> Manifest:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / MANIFEST
        return cls(folder, json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {})

    def shard(self, sha256: str) -> Path | None:
        """The complete shard of a file, or None when it must be (re)made."""
        entry = self.files.get(sha256)
        return self.folder / entry["shard"] if entry else None

    def add(self, sha256: str, *, path: Path, shard: Path) -> None:
        self.files[sha256] = {"path": str(path), "shard": str(shard.relative_to(self.folder))}
        self._save()

    def drop(self, sha256: str) -> None:
        """Forget a loaded file and delete its shard."""
        entry = self.files.pop(sha256, None)
        self._save()
        if entry:
            shutil.rmtree(self.folder / entry["shard"], ignore_errors=True)

    def _save(self) -> None:
        temporary = self.folder / (MANIFEST + ".tmp")
        temporary.write_text(json.dumps(self.files, indent=1, sort_keys=True), encoding="utf-8")
        temporary.replace(self.folder / MANIFEST)  # atomic: a kill leaves the old list or the new one


def shard_folder(run_folder: Path, sha256: str) -> Path:
    """Where a partitioned Parquet write puts one file's rows (Hive-style ``column=value`` folder)."""
    return run_folder / f"file_sha256={sha256}"


def load_file(
    engine: Engine, *, path: Path, sha256: str, shard: Path, model: str | None, seconds: float, report: IngestReport
) -> None:
    """Store one file's shard: its new records in file order, bad records and unreadable files reported as the
    local runner reports them; the file is marked ingested only when all of it was read."""
    rows = pq.read_table(shard, schema=ROW_SCHEMA.remove(0)).to_pylist() if shard.is_dir() else []
    rows.sort(key=lambda row: row["record"])
    fatal = next((row["problem"] for row in rows if row["fatal"]), None)
    problems = [row["problem"] for row in rows if row["problem"] and not row["fatal"]]
    records = [row for row in rows if row["source"]]
    chunked = read_chunked([row["source"] for row in records], [row["passages"] for row in records])
    first: dict[str, int] = {}
    for i, (source, _passages) in enumerate(chunked):
        first.setdefault(source.key, i)
    with write_transaction(engine) as conn:
        stored = repository.existing_source_keys(conn, keys=list(first))
        new = [
            (source, passages, _vectors(records[i]["vectors"], len(passages)))
            for i, (source, passages) in enumerate(chunked)
            if first[source.key] == i and source.key not in stored
        ]
        report.passages_added += insert_sources_in_bulk(conn, new=new, model=model)
        report.sources_added += len(new)
        report.sources_already_stored += len(records) - len(new)
        complete = fatal is None and not problems and records
        if complete:
            repository.record_ingested_file(conn, sha256=sha256, path=str(path), records=len(records), seconds=seconds)
    if fatal is not None:
        report.failures.append((str(path), fatal))
    elif problems or not records:
        message = problems_message(path, problems, kept=len(records)) if problems else f"no records in {path}"
        report.failures.append((str(path), failure_reason(IngestError(message), path)))
    else:
        report.files_read += 1


def _vectors(blob: bytes, count: int) -> np.ndarray | None:
    return np.frombuffer(blob, dtype=np.float32).reshape(count, -1) if blob and count else None
