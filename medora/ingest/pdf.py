"""PDF documents (guidelines, papers): text page by page with pypdf; a page is a section.

The year is the publication year: from the XMP publication fields (PRISM) when the publisher wrote them, else
from a copyright or "Published" line on the first page. Never from /CreationDate: that is when the file was
made, and a 2016 guideline exported in 2026 is still a 2016 guideline."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from medora.errors import IngestError
from medora.ingest.reading import ByteProgress
from medora.ingest.xmltext import parse_year
from medora.types import Kind, Section, Source

_SPACE = re.compile(r"[ \t]+")
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")
# PRISM publication dates in XMP, as element (<prism:coverDate>2016</…>) or attribute (prism:coverDate="2016").
_XMP_PUBLICATION = re.compile(rb'prism:(?:publicationDate|coverDate|coverDisplayDate)\s*(?:>|=\s*")\s*([^<"]{4,40})')
# "© 2016", "(c) 2016", "Copyright 2016", "Published 2016", "Published: 12 March 2016", "Published online May 3, 2016",
# "Published 12/03/2016": a year within a short date after the word, never one further along the line.
_PUBLISHED_LINE = re.compile(
    r"(?:©|\(c\)|copyright|published)[^0-9\n]{0,25}"  # the word, then up to 25 characters without digits
    r"(?:\d{1,2}[^0-9\n]{1,15}|\d{1,2}[/.-]\d{1,2}[/.-])?"  # an optional day (and month) before the year
    r"((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def parse_pdf(path: Path, *, on_bytes: ByteProgress | None = None) -> Iterator[Source]:
    raw = path.read_bytes()
    if on_bytes:
        on_bytes(len(raw))
    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
        xmp = _xmp_bytes(reader)
    except (PdfReadError, ValueError, KeyError) as error:
        raise IngestError(f"{path}: unreadable PDF ({error})") from error
    sections = []
    for number, text in enumerate(pages, start=1):
        text = _HYPHEN_BREAK.sub(r"\1\2", text)
        text = " ".join(_SPACE.sub(" ", line).strip() for line in text.splitlines() if line.strip())
        if text:
            sections.append(Section(label=f"Page {number}", text=text))
    if not sections:
        raise IngestError(f"{path}: the PDF has no extractable text (scanned images need OCR first)")
    title = str(info.get("/Title") or "").strip() or sections[0].text[:120]
    return iter(
        [
            Source(
                key=f"doc:{hashlib.sha256(raw).hexdigest()[:16]}",
                kind=Kind.GUIDELINE if "guideline" in title.lower() else Kind.RESEARCH,
                title=title,
                authors=[str(info.get("/Author"))] if info.get("/Author") else [],
                year=publication_year_from_xmp(xmp) or publication_year_from_text(pages[0] if pages else ""),
                origin=str(path),
                sections=sections,
            )
        ]
    )


def _xmp_bytes(reader: PdfReader) -> bytes:
    """The raw XMP packet, or nothing when it is absent or compressed with a filter pypdf cannot undo."""
    stream = reader.trailer["/Root"].get("/Metadata")
    try:
        return stream.get_object().get_data() if stream is not None else b""
    except (PdfReadError, NotImplementedError, ValueError):
        return b""


def publication_year_from_xmp(xmp: bytes) -> int | None:
    """The year of the first PRISM publication date in the document's XMP metadata."""
    match = _XMP_PUBLICATION.search(xmp)
    return parse_year(match.group(1).decode("utf-8", errors="ignore")) if match else None


def publication_year_from_text(page: str) -> int | None:
    """The year of the first copyright or "Published" line of a page (the first page holds it)."""
    match = _PUBLISHED_LINE.search(page)
    return int(match.group(1)) if match else None
