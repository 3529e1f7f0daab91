"""Markdown with optional YAML front matter: Medora's library overviews and guideline documents."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from medora.errors import IngestError
from medora.ingest.kinds import kind_from_label
from medora.ingest.reading import ByteProgress
from medora.types import LIBRARY_PREFIX, Kind, Reference, Section, Source
from medora.yaml_text import load_yaml

_PARSER = MarkdownIt("commonmark")


def split_front_matter(text: str, *, path: Path) -> tuple[dict, str]:
    """(front matter mapping, body); a file without front matter has an empty mapping."""
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end == -1:
        raise IngestError(f"{path}: front matter opened with '---' but never closed")
    try:
        meta = load_yaml(text[3:end]) or {}
    except yaml.YAMLError as error:
        raise IngestError(f"{path}: front matter is not valid YAML ({error})") from error
    if not isinstance(meta, dict):
        raise IngestError(f"{path}: front matter must be a mapping of fields")
    return meta, text[end + 4 :].lstrip("\n")


def markdown_sections(body: str) -> tuple[str | None, list[Section]]:
    """(first level-1 heading, sections labelled by their heading path) with markup removed."""
    tokens = _PARSER.parse(body)
    title: str | None = None
    trail: list[str] = []
    sections: list[Section] = []
    paragraphs: list[str] = []

    def flush() -> None:
        if paragraphs:
            sections.append(Section(label=" › ".join(trail), text="\n".join(paragraphs)))
            paragraphs.clear()

    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            text = tokens[index + 1].content.strip()
            flush()
            if level == 1 and title is None:
                title = text
                continue
            depth = max(level - 2, 0)
            trail[:] = trail[:depth] + [text]
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            paragraphs.append(_plain(token))
    flush()
    return title, sections


def _plain(inline) -> str:  # noqa: ANN001 (a markdown-it inline token)
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def parse_markdown(path: Path, *, on_bytes: ByteProgress | None = None) -> Iterator[Source]:
    """One Source per file. Library overviews (with ``references``) become editorial summaries."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = f"byte {error.start + 1} is {raw[error.start]:#04x}"
        raise IngestError(f"{path}: not UTF-8 text ({byte}); save it as UTF-8") from error
    if on_bytes:
        on_bytes(len(raw))
    meta, body = split_front_matter(text, path=path)
    heading, sections = markdown_sections(body)
    if not sections:
        raise IngestError(f"{path}: no text found under any heading")
    references = [Reference(**{k: (str(v) if k in ("pmid", "doi", "id") else v) for k, v in r.items()}) for r in meta.get("references") or []]
    is_overview = bool(references) and "review_status" in meta
    kind = Kind.EDITORIAL_SUMMARY if is_overview else kind_from_label(meta.get("kind"))
    if not is_overview and meta.get("kind") is None:
        kind = Kind.GUIDELINE if "guideline" in (meta.get("title") or heading or "").lower() else Kind.RESEARCH
    reviewed = str(meta["last_reviewed"]) if meta.get("last_reviewed") else None
    year = meta.get("year") or (int(reviewed[:4]) if reviewed else None)
    identity = meta.get("id") or hashlib.sha256(text.encode()).hexdigest()[:16]
    yield Source(
        key=f"{LIBRARY_PREFIX}{identity}" if is_overview else _document_key(meta, identity),
        kind=kind,
        title=str(meta.get("title") or heading or path.stem),
        authors=list(meta.get("authors") or []),
        journal=meta.get("issuer") or meta.get("journal") or ("Medora editorial library" if is_overview else None),
        year=int(year) if year else None,
        pmid=str(meta["pmid"]) if meta.get("pmid") else None,
        doi=meta.get("doi"),
        url=meta.get("url"),
        mesh=list(meta.get("specialty") or meta.get("mesh") or []),
        licence=meta.get("licence") or meta.get("license"),
        origin=str(path),
        sections=sections,
        references=references,
        review_status=meta.get("review_status"),
        last_reviewed=reviewed,
    )


def _document_key(meta: dict, identity: str) -> str:
    if meta.get("pmid"):
        return f"pmid:{meta['pmid']}"
    if meta.get("doi"):
        return f"doi:{meta['doi']}"
    return f"doc:{identity}"
