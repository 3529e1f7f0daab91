"""Team-written plain-language versions of the library overviews' sentences, for the patient reader.

Rules alone cannot write plain English (they swap words and split sentences; the grade stays near 10), so each
overview has a companion file ``library/plain/<overview id>.yaml`` in which a person wrote, sentence by sentence,
what a patient should read instead. Each entry names the overview sentence it rewrites (citations left out), so:

- the plain version is used only where that exact sentence is quoted, and keeps its citation and passage;
- an entry whose sentence is no longer in the overview (the overview was edited) is reported as stale, never used;
- every entry is checked against its sentence (``check_entry``): a changed number or unit, a medicine or condition
  the sentence does not name, a negation, direction or comparison that differs, or a dose fails the check.
  Everyday words the sentence lacks are allowed: that is the point of a plain version, and the board reviews them.

The files carry a ``review_status`` like the overviews: until the board approves them they are pending review."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from medora.compose.faithfulness import check_faithful, normalised, strip_citations
from medora.errors import LibraryFileError
from medora.ingest.markdown import markdown_sections, split_front_matter
from medora.library import overview_paths
from medora.library.validate import REVIEW_STATUSES
from medora.sentences import split_sentences


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
    _meta, body = split_front_matter(path.read_text(encoding="utf-8"), path=path)
    _title, sections = markdown_sections(body)
    out: list[str] = []
    for section in sections:
        for paragraph in section.text.split("\n"):
            out += [strip_citations(sentence) for sentence in split_sentences(paragraph) if strip_citations(sentence)]
    return list(dict.fromkeys(out))


def read_entries(path: Path) -> tuple[dict, list[PlainEntry]]:
    """(the file's header fields, its entries) for one plain-version file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise LibraryFileError(f"{path}: expected a mapping with 'overview' and 'sentences'")
    rows = data.get("sentences") or []
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise LibraryFileError(f"{path}: 'sentences' must be a list of entries with 'source' and 'plain'")
    entries = [PlainEntry(str(row.get("source") or "").strip(), str(row.get("plain") or "").strip()) for row in rows]
    return {k: v for k, v in data.items() if k != "sentences"}, entries


@lru_cache(maxsize=4096)
def check_entry(entry: PlainEntry) -> list[str]:
    """What is wrong with one plain version of its sentence; empty when it may be shown. Cached: the patient reader
    checks each version it shows again, and the same sentences come back in article after article."""
    from medora.readers.glossary import find_terms, to_lay  # readers build on the library, not the other way round
    from medora.readers.plain import sentences_of, states_a_dose

    if not entry.plain:
        return ["no plain version written"]
    problems = []
    if entry.plain[:1] in tuple("\"'“‘") and entry.source[:1] not in tuple("\"'“‘"):
        problems.append("wrapped in quote marks the sentence does not have (YAML quoting written into the text?)")
    if states_a_dose(entry.plain):
        problems.append("states a dose (the patient reads 'your clinician will choose the dose' instead)")
    source = entry.source
    group = _groups().get(sentence_key(source))
    if group:  # 'Management › Men': the plain version may name the group the sentence is written for
        lay = [found.lay for found in find_terms(group) if found.lay]  # 'Acute pyelonephritis' → 'kidney infection'
        named = f"{group} ({'; '.join(lay)})" if lay else group
        source = f"{named}: {source[:1].lower()}{source[1:]}"
    for piece in sentences_of(entry.plain):
        problems += check_faithful(piece, _with_lay_words(source, to_lay(source)), allow_new_words=True).flags
    return problems


@lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    """Sentence key → the subsection heading it sits under ('Acute pyelonephritis', 'Men', 'Severe hyperkalaemia'):
    a list item there is written for that group, and a plain version shown on its own should say so."""
    groups: dict[str, str] = {}
    for path in overview_paths():
        _meta, body = split_front_matter(path.read_text(encoding="utf-8"), path=path)
        for section in markdown_sections(body)[1]:
            if "›" not in section.label:
                continue
            group = section.label.rsplit("›", 1)[1].strip()
            for paragraph in section.text.split("\n"):
                for sentence in split_sentences(paragraph):
                    groups.setdefault(sentence_key(sentence), group)
    return groups


def _with_lay_words(sentence: str, lay: str) -> str:
    """The sentence and its glossary reading as one sentence, so that a plain version may use either wording of a
    term and is still aligned to the one sentence it rewrites."""
    sentence = strip_citations(sentence).rstrip(" .")
    lay = strip_citations(lay).rstrip(" .")
    return sentence + "." if lay == sentence else f"{sentence}, or in other words, {lay[:1].lower()}{lay[1:]}."


def check_file(path: Path, overviews: dict[str, Path] | None = None) -> list[str]:
    """Problems in one plain-version file: its header, stale or repeated entries, and each entry's check."""
    overviews = overviews if overviews is not None else {p.stem: p for p in overview_paths()}
    try:
        header, entries = read_entries(path)
    except (LibraryFileError, yaml.YAMLError) as error:
        return [str(error) if str(error).startswith(str(path)) else f"{path}: {error}"]
    problems: list[str] = []
    overview = overviews.get(str(header.get("overview")))
    if overview is None or header.get("overview") != path.stem:
        return [f"{path}: 'overview' must name the overview this file rewrites ({path.stem})"]
    if header.get("review_status") not in REVIEW_STATUSES:
        problems.append(f"{path}: review_status must be one of: {', '.join(REVIEW_STATUSES)}")
    known = {sentence_key(s) for s in overview_sentences(overview)}
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        key = sentence_key(entry.source)
        where = f"{path}: entry {number} ({entry.source[:60]!r})"
        if key not in known:
            problems.append(f"{where}: not a sentence of {overview.name} (edited since?)")
        if key in seen:
            problems.append(f"{where}: written twice")
        seen.add(key)
        if entry.plain:
            problems += [f"{where}: {problem}" for problem in check_entry(entry)]
    return problems


def plain_paths() -> list[Path]:
    return sorted(plain_dir().glob("*.yaml"))


def check_all() -> list[str]:
    overviews = {p.stem: p for p in overview_paths()}
    return [problem for path in plain_paths() for problem in check_file(path, overviews)]


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
