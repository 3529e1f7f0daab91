"""Drugs and conditions a sentence names, from two offline lexicons (MeSH-, DrugBank- and NHS-derived word lists).

Both packages ship their dictionaries and are called without their optional web look-ups. Each is loaded on first
use (about half a second each): a claim whose words all appear in its passage never needs them."""

from __future__ import annotations

import re
from collections.abc import Callable

from medora.compose.disease_names import find_diseases
from medora.compose.drugs import find_drugs

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*[A-Za-z0-9]|[A-Za-z]")
# a type or a stage within a disease's name is skipped, as its digits are ("bipolar II disorder", "bipolar 2
# disorder": bipolar disorder)
_ROMAN_NUMERALS = frozenset({"I", "II", "III", "IV"})


def _names(text: str, keep: Callable[[dict], bool]) -> dict[str, str]:
    found: dict[str, str] = {}
    words = [word for word in _WORD.findall(text) if word not in _ROMAN_NUMERALS]
    for data, surface in find_diseases(words):
        name = data.get("name")
        if name and surface and keep(data):
            found.setdefault(name.lower(), surface)
    return found


def drugs_in(text: str) -> dict[str, str]:
    """Canonical drug name (lower case) -> the words that named it."""
    words = _WORD.findall(text)
    found: dict[str, str] = {}
    for match in find_drugs(words):
        found.setdefault(match.name.lower(), " ".join(words[match.begin : match.end]))
    return found


def conditions_in(text: str) -> dict[str, str]:
    """Canonical disease or disorder name (MeSH C and F03 trees) -> the words that named it."""
    return _names(text, _is_disease)


def _is_disease(data: dict) -> bool:
    return any(tree.startswith(("C", "F03")) for tree in data.get("mesh_tree") or [])


def comorbidities_in(text: str) -> dict[str, str]:
    """Canonical name -> the words that named it, for each disease, disorder or injury the text names that MeSH does
    not also file as a sign or symptom (C23): "bipolar disorder", "G6PD deficiency", "asthma", not "cough",
    "crackles", "mania" or "hemiplegia"."""
    return _names(text, _is_comorbidity)


def illnesses_in(text: str) -> dict[str, str]:
    """As ``comorbidities_in``, without injuries (C26): "a bite", "a wound", "a sting" say what happened, the
    condition it led to is what a source names ("cellulitis", "anaphylaxis")."""
    return _names(text, _is_illness)


def _is_illness(data: dict) -> bool:
    return _is_comorbidity(data) and not any(tree.startswith("C26") for tree in data.get("mesh_tree") or [])


def _is_comorbidity(data: dict) -> bool:
    trees = data.get("mesh_tree") or []
    return _is_disease(data) and not any(tree.startswith("C23") for tree in trees)


def missing_entities(claim: str, source: str, *, passage: str = "") -> list[str]:
    """Flags for each drug or condition the claim names that its source sentences name neither by that nor any other
    name; one the wider ``passage`` names elsewhere is flagged as moved (a drug borrowed from another sentence is a
    swapped drug)."""
    flags: list[str] = []
    for kind, finder in (("drug", drugs_in), ("condition", conditions_in)):
        named = finder(claim)
        if not named:
            continue
        in_source, in_passage = finder(source), finder(passage) if passage else {}
        for name, surface in named.items():
            if name in in_source or _mentions(source, surface):
                continue
            moved = name in in_passage or (passage and _mentions(passage, surface))
            flags.append(f"{kind} {surface} not in {'the sentence it rewrites' if moved else 'passage'}")
    return flags


def _mentions(text: str, surface: str) -> bool:
    return re.search(rf"\b{re.escape(surface.lower())}\b", text.lower()) is not None
