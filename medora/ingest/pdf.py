"""PDF documents (guidelines, papers): text page by page with pypdf; a page is a section."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from medora.errors import IngestError
from medora.ingest.xmltext import parse_year
from medora.types import Kind, Section, Source

_SPACE = re.compile(r"[ \t]+")
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")


def parse_pdf(path: Path) -> Iterator[Source]:
    raw = path.read_bytes()
    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
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
                year=parse_year(str(info.get("/CreationDate") or "")),
                origin=str(path),
                sections=sections,
            )
        ]
    )
