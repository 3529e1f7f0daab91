"""Small helpers shared by the XML parsers: open plain or gzipped files, flatten mixed content."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import IO

_SPACE = re.compile(r"\s+")


def open_maybe_gzip(path: Path) -> IO[bytes]:
    with path.open("rb") as handle:
        magic = handle.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else path.open("rb")


def flat_text(element) -> str:  # noqa: ANN001 (an lxml element or None)
    """All text under ``element`` (inline markup such as <i> kept as plain text), whitespace folded."""
    if element is None:
        return ""
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def parse_year(text: str | None) -> int | None:
    match = re.search(r"(1[89]\d\d|20\d\d)", text or "")
    return int(match.group(1)) if match else None
