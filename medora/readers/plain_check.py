"""The check of the library's plain-language versions (``medora/library/plain``) against the sentences they rewrite:
a changed number or unit, a medicine or condition the sentence does not name (by that or a glossary name), a
negation, direction or comparison that differs, a dose, or quote marks left from YAML fail it. Everyday words the
sentence lacks are allowed: that is what a plain version is, and the board reviews them. It lives with the readers
because it reads sentences through the lay glossary; the library only stores and finds the versions."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from medora.compose.faithfulness import check_faithful, strip_citations
from medora.compose.polarity import direction_flags
from medora.errors import LibraryFileError
from medora.library import overview_paths
from medora.library.plain_versions import (
    PlainEntry,
    overview_sentences,
    plain_paths,
    read_entries,
    sentence_key,
    sentences_with_groups,
)
from medora.library.validate import REVIEW_STATUSES
from medora.readers.glossary import find_terms, to_lay
from medora.readers.plain import sentences_of, states_a_dose


@lru_cache(maxsize=4096)
def check_entry(entry: PlainEntry) -> list[str]:
    """What is wrong with one plain version of its sentence; empty when it may be shown. Cached: the patient reader
    checks each version it shows again, and the same sentences come back in article after article."""
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
    lay = to_lay(source)
    for piece in sentences_of(entry.plain):
        problems += check_faithful(piece, _with_lay_words(source, lay), allow_new_words=True).flags
        problems += _direction_against_each_reading(piece, source, lay, already=problems)
    return problems


def _direction_against_each_reading(piece: str, source: str, lay: str, *, already: list[str]) -> list[str]:
    """Flipped directions, counted against one wording of the sentence at a time. Read against the sentence joined to
    its glossary reading, every direction word of the sentence counts twice, so a version that turns one 'higher' into
    'lower' still fits the count; a version must fit the sentence or its glossary reading as each stands. Only flips
    are added here: an everyday direction word with no opposite in the sentence ('fewer cases') stays allowed."""
    def flipped(reading: str) -> list[str]:
        return [f for f in direction_flags(strip_citations(piece), strip_citations(reading)) if "flipped" in f]

    as_written = flipped(source)
    if not as_written or not flipped(lay):
        return []
    return [flag for flag in as_written if flag not in already]


@lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    """Sentence key → the subsection heading it sits under ('Acute pyelonephritis', 'Men', 'Severe hyperkalaemia'):
    a list item there is written for that group, and a plain version shown on its own should say so."""
    groups: dict[str, str] = {}
    for path in overview_paths():
        for sentence, group in sentences_with_groups(path):
            if group:
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



def check_all() -> list[str]:
    overviews = {p.stem: p for p in overview_paths()}
    return [problem for path in plain_paths() for problem in check_file(path, overviews)]
