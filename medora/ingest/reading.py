"""Opening input files: plain or gzipped, and how far into the file on disk a streaming parser has read."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ByteProgress = Callable[[int], None]
"""A parser calls it with how many bytes of the file on disk it has read so far (compressed bytes for .gz), so
the progress bar can show bytes against the file's size."""

_GZIP_MAGIC = b"\x1f\x8b"


def open_maybe_gzip(path: Path) -> IO[bytes]:
    with path.open("rb") as handle:
        magic = handle.read(2)
    return gzip.open(path, "rb") if magic == _GZIP_MAGIC else path.open("rb")


@contextmanager
def open_tracked(path: Path) -> Iterator[tuple[IO[bytes], Callable[[], int]]]:
    """(a stream of the file's bytes, decompressed if gzipped; a function giving the position in the file on disk)."""
    with path.open("rb") as raw:
        gzipped = raw.read(2) == _GZIP_MAGIC
        raw.seek(0)
        if gzipped:
            with gzip.GzipFile(fileobj=raw, mode="rb") as stream:
                yield stream, raw.tell
        else:
            yield raw, raw.tell
