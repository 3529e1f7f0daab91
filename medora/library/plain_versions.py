"""Team-written plain-language versions of the library overviews' sentences, for the patient reader.

Rules alone cannot write plain English (they swap words and split sentences; the grade stays near 10), so each
overview has a companion file ``library/plain/<overview id>.yaml`` in which a person wrote, sentence by sentence,
what a patient should read instead. Each entry names the overview sentence it rewrites (citations left out), so:

- the plain version is used only where that exact sentence is quoted, and keeps its citation and passage;
- an entry whose sentence is no longer in the overview (the overview was edited) is reported as stale, never used;
- every entry is checked against its sentence (``medora.readers.plain_check``, which reads it through the lay
  glossary): a changed number, drug, condition, negation, direction or comparison, or a dose fails the check.

The files carry a ``review_status`` like the overviews: until the board approves them they are pending review."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from medora.compose.faithfulness import normalised, strip_citations
from medora.errors import LibraryFileError
from medora.ingest.markdown import markdown_sections, split_front_matter
from medora.library import overview_paths
from medora.sentences import split_sentences
from medora.yaml_text import load_yaml


@dataclass(frozen=True)
class PlainEntry:
    source: str  # the overview sentence, citations left out
    plain: str


def plain_dir() -> Path:
    return Path(str(resources.files("medora.library").joinpath("plain")))


def sentence_key(text: str) -> str:
    """The form a sentence is matched by: no citations, straight quotes, single spaces, no final full stop."""
    return normalised(text).rstrip(".").strip()  # as is_verbatim compares quotes


def overview_sentences(path: Path) -> list[str]:
    """The sentences of an overview's body as the composer quotes them (citations left out), in reading order;
    a list's lead-in ending in ':' is not a sentence a reader is shown on its own, but it is kept so it can be
    rewritten too."""
    return list(dict.fromkeys(sentence for sentence, _group in sentences_with_groups(path)))


def sentences_with_groups(path: Path) -> tuple[tuple[str, str | None], ...]:
    """(sentence, the subsection it sits under: 'Men', 'Acute pyelonephritis', or None) for each sentence of an
    overview's body, citations left out, in reading order. Parsed once per version of the file: the versions and
    their check both read it."""
    stat = path.stat()
    return _parsed(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _parsed(path: Path, _mtime_ns: int, _size: int) -> tuple[tuple[str, str | None], ...]:
    _meta, body = split_front_matter(path.read_text(encoding="utf-8"), path=path)
    _title, sections = markdown_sections(body)
    out: list[tuple[str, str | None]] = []
    for section in sections:
        group = section.label.rsplit("›", 1)[1].strip() if "›" in section.label else None
        for paragraph in section.text.split("\n"):
            for sentence in split_sentences(paragraph):
                if plain := strip_citations(sentence):
                    out.append((plain, group))
    return tuple(out)


def read_entries(path: Path) -> tuple[dict, list[PlainEntry]]:
    """(the file's header fields, its entries) for one plain-version file."""
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise LibraryFileError(f"{path}: expected a mapping with 'overview' and 'sentences'")
    rows = data.get("sentences") or []
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise LibraryFileError(f"{path}: 'sentences' must be a list of entries with 'source' and 'plain'")
    entries = [PlainEntry(str(row.get("source") or "").strip(), str(row.get("plain") or "").strip()) for row in rows]
    return {k: v for k, v in data.items() if k != "sentences"}, entries


def plain_paths() -> list[Path]:
    return sorted(plain_dir().glob("*.yaml"))


@lru_cache(maxsize=1)
def _versions() -> dict[str, tuple[str, str]]:
    """Sentence key → (plain version, its file's review status)."""
    versions: dict[str, tuple[str, str]] = {}
    overviews = {p.stem: p for p in overview_paths()}
    for path in plain_paths():
        try:
            header, entries = read_entries(path)
        except (LibraryFileError, yaml.YAMLError):
            continue  # a malformed file is `medora library check`'s to report; its sentences stay rule-adapted
        overview = overviews.get(path.stem)
        current = {sentence_key(s) for s in overview_sentences(overview)} if overview is not None else set()
        status = str(header.get("review_status") or "pending human review")
        for entry in entries:  # an entry whose sentence was edited since is stale: never shown
            if entry.plain and sentence_key(entry.source) in current:
                versions.setdefault(sentence_key(entry.source), (entry.plain, status))
    return versions


def plain_version(sentence: str) -> str | None:
    """The team's plain version of an overview sentence, or None when none is written."""
    found = _versions().get(sentence_key(sentence))
    return found[0] if found else None


def plain_review_status(sentence: str) -> str | None:
    """The review status of the file holding the sentence's plain version ('approved' once the board has)."""
    found = _versions().get(sentence_key(sentence))
    return found[1] if found else None


def skeleton(path: Path, existing: list[PlainEntry] | None = None) -> str:
    """A plain-version file for the overview at ``path``: every sentence, with what is written already kept."""
    written = {sentence_key(e.source): e.plain for e in existing or []}
    rows = [{"source": s, "plain": written.get(sentence_key(s), "")} for s in overview_sentences(path)]
    header = {"overview": path.stem, "review_status": "pending human review"}
    return yaml.safe_dump({**header, "sentences": rows}, sort_keys=False, allow_unicode=True, width=120)
