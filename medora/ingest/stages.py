"""The ingest steps as Arrow batch functions, for a distributed runner's ``map_batches``: parse files into records,
chunk records (``pipeline.chunk_batch``), embed their passages (``pipeline.embed_batch``).

Every stage speaks one row shape, a record of one input file (``ROW_SCHEMA``): the Source and its passages as JSON,
the passages' vectors as float32 bytes, and, instead of a record, the problem met (a bad record, or a file that could
not be read at all). Rows carry their file's sha256 and their place in it, so a loader can store each file's records
in file order whatever order the workers finished in."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa

from medora.errors import IngestError, MedoraError
from medora.ingest.detect import detect_parser
from medora.ingest.pipeline import chunk_batch, embed_batch, failure_reason, positioned_records
from medora.retrieve.embed import Embedder
from medora.settings import IngestSettings
from medora.types import Passage, Source

ROW_SCHEMA = pa.schema(
    [
        ("file_sha256", pa.string()),
        ("record", pa.int64()),  # the record's place in its file (problems count too)
        ("source", pa.string()),  # Source as JSON; empty on a problem row
        ("passages", pa.string()),  # its passages as a JSON list, filled by chunk_rows
        ("vectors", pa.binary()),  # float32 matrix (passages × dimensions), filled by EmbedRows
        ("problem", pa.string()),  # empty on a record row
        ("fatal", pa.bool_()),  # the problem ended the file (unreadable, unsupported), not one bad record
    ]
)


def _row(sha256: str, record: int, *, source: str = "", problem: str = "", fatal: bool = False) -> dict:
    return {
        "file_sha256": sha256,
        "record": record,
        "source": source,
        "passages": "",
        "vectors": b"",
        "problem": problem,
        "fatal": fatal,
    }


def parse_files(files: pa.Table, *, batch_size: int) -> Iterator[pa.Table]:
    """Files (columns ``path``, ``file_sha256``) → record rows, ``batch_size`` at a time; a file that cannot be read
    ends in one fatal problem row after the records read before it, as the local runner keeps those."""
    for path_text, sha256 in zip(files["path"].to_pylist(), files["file_sha256"].to_pylist(), strict=True):
        path, rows, record = Path(path_text), [], 0
        try:
            for record, (item, _position) in enumerate(positioned_records(path, detect_parser(path))):
                if isinstance(item, IngestError):
                    rows.append(_row(sha256, record, problem=str(item)))
                else:
                    rows.append(_row(sha256, record, source=item.model_dump_json()))
                if len(rows) >= batch_size:
                    yield pa.Table.from_pylist(rows, schema=ROW_SCHEMA)
                    rows = []
        except (MedoraError, OSError, UnicodeDecodeError) as error:
            rows.append(_row(sha256, record + 1, problem=failure_reason(error, path), fatal=True))
        if rows:
            yield pa.Table.from_pylist(rows, schema=ROW_SCHEMA)


def chunk_rows(rows: pa.Table, *, settings: dict) -> pa.Table:
    """Fill ``passages`` of the record rows with ``chunk_batch``'s passages (problem rows pass through)."""
    texts = rows["source"].to_pylist()
    chosen = [i for i, text in enumerate(texts) if text]
    chunked = chunk_batch([Source.model_validate_json(texts[i]) for i in chosen], IngestSettings(**settings))
    column = [""] * len(texts)
    for i, (_source, passages) in zip(chosen, chunked, strict=True):
        column[i] = json.dumps([p.model_dump(exclude={"id"}) for p in passages])
    return rows.set_column(rows.schema.get_field_index("passages"), "passages", pa.array(column, pa.string()))


def read_chunked(sources: list[str], passages: list[str]) -> list[tuple[Source, list[Passage]]]:
    """The (source, passages) pairs of the record rows that ``chunk_rows`` filled (columns ``source`` and
    ``passages``), in row order; problem rows are left out."""
    return [
        (Source.model_validate_json(source), [Passage(**p) for p in json.loads(chunk)])
        for source, chunk in zip(sources, passages, strict=True)
        if source
    ]


class EmbedRows:
    """Fill ``vectors`` with ``embed_batch``'s vectors. A class, so a runner's actor loads the model once and keeps it."""

    def __init__(self, factory: Callable[[], Embedder]) -> None:
        self._embedder = factory()

    def __call__(self, rows: pa.Table) -> pa.Table:
        sources = rows["source"].to_pylist()
        vectors = iter(embed_batch(read_chunked(sources, rows["passages"].to_pylist()), self._embedder))
        column = [np.asarray(next(vectors), dtype=np.float32).tobytes() if source else b"" for source in sources]
        return rows.set_column(rows.schema.get_field_index("vectors"), "vectors", pa.array(column, pa.binary()))
