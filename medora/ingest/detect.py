"""Which parser reads a file: by content sniffing first, file name second."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from medora.errors import IngestError, UnsupportedFormatError
from medora.ingest.html import parse_html
from medora.ingest.jats import parse_jats_xml
from medora.ingest.jsonl import parse_jsonl
from medora.ingest.markdown import parse_markdown
from medora.ingest.pdf import parse_pdf
from medora.ingest.pubmed import parse_pubmed_xml
from medora.ingest.reading import ByteProgress, open_maybe_gzip
from medora.types import Source


class Parser(Protocol):
    """Every parser: a path in; Sources out, with an IngestError in the stream for each bad record it skipped;
    ``on_bytes`` hears how far into the file it has read."""

    def __call__(self, path: Path, *, on_bytes: ByteProgress | None = None) -> Iterator[Source | IngestError]: ...


SUPPORTED_SUFFIXES = (".xml", ".xml.gz", ".nxml", ".md", ".markdown", ".html", ".htm", ".pdf", ".jsonl", ".ndjson")


def detect_parser(path: Path) -> Parser:
    """The parser for ``path``, or UnsupportedFormatError saying which formats Medora reads."""
    name = path.name.lower()
    with open_maybe_gzip(path) as handle:
        head = handle.read(4096)
    if head.startswith(b"%PDF"):
        return parse_pdf
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if "<PubmedArticleSet" in text or "<PubmedArticle>" in text:
        return parse_pubmed_xml
    if "<pmc-articleset" in text or "<article" in text and ("JATS" in text or "article-type" in text or "<front>" in text):
        return parse_jats_xml
    if name.endswith((".html", ".htm")) or text[:200].lower().startswith(("<!doctype html", "<html")):
        return parse_html
    if name.endswith((".md", ".markdown")):
        return parse_markdown
    if name.endswith((".jsonl", ".ndjson")) or text.startswith("{"):
        return parse_jsonl
    raise UnsupportedFormatError(
        f"{path}: unsupported format. Medora reads PubMed/MEDLINE XML (.xml, .xml.gz), PMC JATS XML, "
        "Markdown with YAML front matter, HTML, PDF and JSON Lines (corpus or MedQuAD records)"
    )


def iter_input_files(paths: list[Path]) -> Iterator[Path]:
    """Files named directly, and supported files found below named directories, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(SUPPORTED_SUFFIXES))
        else:
            yield path
