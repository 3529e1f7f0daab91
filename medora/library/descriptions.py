"""How people describe the problem each overview is about, in everyday words: routing vocabulary, never shown or cited.

A question asked in everyday words ("it stings when I wee and I keep going") shares no word with the overview that
answers it and sits far from its clinical passages in meaning (MiniLM cosine under 0.35), yet close to a plain
description of the same complaint (about 0.6). The descriptions hold no drug, test, treatment or number, so they can
bring a question to an overview but never vouch for what it asks (compose/select.py ``closest_described``)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from medora.errors import IngestError
from medora.yaml_text import load_yaml

_FORBIDDEN = re.compile(r"[0-9?]")  # no readings, ages or doses, and descriptions, not questions
MIN_WORDS, MAX_WORDS = 6, 25  # a complaint as a person says it: not a keyword, not a story


def descriptions_path(name: str = "everyday_descriptions.yaml") -> Path:
    return Path(str(resources.files("medora.library").joinpath(name)))


def read_descriptions(path: Path, *, topics: set[str] | None) -> dict[str, tuple[str, ...]]:
    """Overview id (or, with ``topics`` None, a complaint's label) → its everyday descriptions, checked: every key a
    known overview, every line a short plain text with no digit and no question mark. Raises IngestError naming the
    first problem."""
    loaded = load_yaml(path.read_text(encoding="utf-8")) or {}
    if not isinstance(loaded, dict):
        raise IngestError(f"{path}: expected a mapping of overview id to a list of descriptions")
    found: dict[str, tuple[str, ...]] = {}
    for topic, lines in loaded.items():
        if topics is not None and topic not in topics:
            raise IngestError(f"{path}: '{topic}' is not an overview of the library")
        if not isinstance(lines, list) or not all(isinstance(line, str) and line.strip() for line in lines):
            raise IngestError(f"{path}: '{topic}' must list its descriptions as plain text lines")
        for line in lines:
            if _FORBIDDEN.search(line):
                raise IngestError(f"{path}: '{topic}': a description holds a digit or a question mark: {line!r}")
            if not MIN_WORDS <= len(line.split()) <= MAX_WORDS:
                raise IngestError(f"{path}: '{topic}': a description of {MIN_WORDS} to {MAX_WORDS} words: {line!r}")
        found[topic] = tuple(line.strip() for line in lines)
    return found


@cache
def everyday_descriptions() -> dict[str, tuple[str, ...]]:
    """The packaged library's descriptions, keyed by overview id (empty when the file is absent)."""
    from medora.library import overview_paths

    path = descriptions_path()
    if not path.is_file():
        return {}
    return read_descriptions(path, topics={p.stem for p in overview_paths()})


@cache
def outside_descriptions() -> dict[str, tuple[str, ...]]:
    """Everyday descriptions of complaints no overview covers ("frozen shoulder": "my shoulder has gone so stiff…"),
    keyed by the complaint: a question closer to one of them than to every overview is not routed by the overviews'
    descriptions (compose/select.py ``closest_described``). Empty when the file is absent."""
    path = descriptions_path("outside_descriptions.yaml")
    return read_descriptions(path, topics=None) if path.is_file() else {}


MAX_PRESENTATION_WORDS = 4  # a sign or symptom as a clinician writes it ("loin pain", "stocking distribution")


def read_presentations(path: Path, *, topics: set[str]) -> dict[str, tuple[str, ...]]:
    """Overview id → the clinical words for how its condition presents, checked: every key a known overview, every
    entry a short phrase with no digit, listed under one overview only. Raises IngestError naming the first problem."""
    loaded = load_yaml(path.read_text(encoding="utf-8")) or {}
    if not isinstance(loaded, dict):
        raise IngestError(f"{path}: expected a mapping of overview id to a list of signs and symptoms")
    found: dict[str, tuple[str, ...]] = {}
    for topic, words in loaded.items():
        if topic not in topics:
            raise IngestError(f"{path}: '{topic}' is not an overview of the library")
        if not isinstance(words, list) or not all(isinstance(word, str) and word.strip() for word in words):
            raise IngestError(f"{path}: '{topic}' must list its signs and symptoms as plain words")
        for word in words:
            if _FORBIDDEN.search(word) or len(word.split()) > MAX_PRESENTATION_WORDS:
                limit = f"at most {MAX_PRESENTATION_WORDS} words, no digit"
                raise IngestError(f"{path}: '{topic}': a sign or symptom of {limit}: {word!r}")
        found[topic] = tuple(word.strip() for word in words)
    owners: dict[str, str] = {}
    for topic, words in found.items():
        for word in words:
            other = owners.setdefault(word.lower(), topic)
            if other != topic:  # a sign two conditions share points to neither
                raise IngestError(f"{path}: '{word}' is listed under both '{other}' and '{topic}'")
    return found


@cache
def clinical_presentations() -> dict[str, tuple[str, ...]]:
    """How each overview's condition presents, in clinicians' words ("dysuria", "loin pain"), keyed by overview id:
    a case's describing words an overview never writes may go unnamed when they are its condition's own signs
    (compose/described.py ``labels_within_signs``). They name and, between two overviews that answer a case alike,
    choose the one whose sign the case writes (answer.py ``_presenting_overview``); they never route a question to
    an overview nor vouch for what it asks. Empty when the file is absent."""
    from medora.library import overview_paths

    path = descriptions_path("clinical_presentations.yaml")
    return read_presentations(path, topics={p.stem for p in overview_paths()}) if path.is_file() else {}


MIN_LINES = 8  # an overview's complaint in enough wordings that one line alike is not the whole likeness


def description_problems() -> list[str]:
    """What ``medora library check`` reports of the packaged description files: a line a reader would refuse
    (``read_descriptions``), an overview not described in ``MIN_LINES`` lines or more."""
    from medora.library import overview_paths

    topics = {path.stem for path in overview_paths()}
    try:
        described = read_descriptions(descriptions_path(), topics=topics)
        read_descriptions(descriptions_path("outside_descriptions.yaml"), topics=None)
        read_presentations(descriptions_path("clinical_presentations.yaml"), topics=topics)
    except (IngestError, OSError) as error:
        return [str(error)]
    return [
        f"{descriptions_path()}: '{topic}' is described in {len(described.get(topic, ()))} lines, fewer than {MIN_LINES}"
        for topic in sorted(topics)
        if len(described.get(topic, ())) < MIN_LINES
    ]
