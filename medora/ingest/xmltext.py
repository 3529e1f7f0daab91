"""Small helpers shared by the XML parsers: flatten mixed content, find a year."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def flat_text(element) -> str:  # noqa: ANN001 (an lxml element or None)
    """All text under ``element`` (inline markup such as <i> kept as plain text), whitespace folded."""
    if element is None:
        return ""
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def parse_year(text: str | None) -> int | None:
    match = re.search(r"(1[89]\d\d|20\d\d)", text or "")
    return int(match.group(1)) if match else None
