"""HTML guideline pages and articles: Highwire ``citation_*`` metadata, sections by heading."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup

from medora.errors import IngestError
from medora.ingest.kinds import kind_from_label
from medora.ingest.reading import ByteProgress
from medora.ingest.xmltext import parse_year
from medora.types import Kind, Section, Source

_HEADINGS = ("h1", "h2", "h3", "h4")
_BLOCKS = ("p", "li", "dd", "td", "blockquote")
_SPACE = re.compile(r"\s+")


def parse_html(path: Path, *, on_bytes: ByteProgress | None = None) -> Iterator[Source]:
    raw = path.read_bytes()
    if on_bytes:
        on_bytes(len(raw))
    soup = BeautifulSoup(raw, "lxml")
    for node in soup(["script", "style", "nav", "header", "footer", "aside", "form", "noscript"]):
        node.decompose()
    meta = {tag.get("name", "").lower(): tag.get("content", "") for tag in soup.find_all("meta") if tag.get("name")}
    title = meta.get("citation_title") or (soup.title.get_text(strip=True) if soup.title else "") or path.stem
    sections: list[Section] = []
    label, paragraphs = "", []
    for node in soup.find_all([*_HEADINGS, *_BLOCKS]):
        if node.name in _HEADINGS:
            if paragraphs:
                sections.append(Section(label=label, text="\n".join(paragraphs)))
                paragraphs = []
            label = _SPACE.sub(" ", node.get_text(" ", strip=True))
        elif not node.find_parent(_BLOCKS):
            text = _SPACE.sub(" ", node.get_text(" ", strip=True))
            if text:
                paragraphs.append(text)
    if paragraphs:
        sections.append(Section(label=label, text="\n".join(paragraphs)))
    if not sections:
        raise IngestError(f"{path}: no readable text in the HTML")
    doi, pmid = meta.get("citation_doi") or None, meta.get("citation_pmid") or None
    key = f"pmid:{pmid}" if pmid else f"doi:{doi}" if doi else f"doc:{hashlib.sha256(raw).hexdigest()[:16]}"
    kind = kind_from_label(meta.get("citation_article_type") or meta.get("dc.type"))
    if kind is Kind.RESEARCH and "guideline" in title.lower():
        kind = Kind.GUIDELINE
    return iter(
        [
            Source(
                key=key,
                kind=kind,
                title=_SPACE.sub(" ", title).strip(),
                authors=[tag.get("content", "") for tag in soup.find_all("meta", attrs={"name": "citation_author"})],
                journal=meta.get("citation_journal_title") or meta.get("citation_publisher") or None,
                year=parse_year(meta.get("citation_publication_date") or meta.get("citation_date")),
                pmid=pmid,
                doi=doi,
                url=meta.get("citation_abstract_html_url") or meta.get("citation_fulltext_html_url") or None,
                origin=str(path),
                sections=sections,
            )
        ]
    )
