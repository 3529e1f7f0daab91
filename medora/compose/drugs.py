"""Drug names in a question or a sentence, from the `drug-named-entity-recognition` package's offline dictionary.

Importing that package unpickles its whole dictionary and builds a fuzzy-match index (1.5–3 s), which a one-shot
`medora ask` pays on every run. Medora needs exact look-ups only (a name or a two-word name, any case, with the
drug's other names), so the dictionary is copied once into a small SQLite file in the user cache folder and each
look-up is an indexed query: opening it costs about a millisecond."""

from __future__ import annotations

import bz2
import importlib.metadata
import importlib.util
import os
import pickle
import sqlite3
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from platformdirs import user_cache_dir

PACKAGE = "drug_named_entity_recognition"
# the dictionary's only top-15,000 English words that are no drugs, and laboratory readings it lists as products
# ("ferritin 8" is a result: read as a drug, it made the patient's aspirin a drug interaction to name), and foods it
# lists as allergen extracts ("a bad reaction to cashews" is a food allergy, not a drug beside the epipen asked about);
# a blood group is a reading of the case, not its antigen given as a product ("blood group O rhesus negative"); a
# nasal spray is the form a drug comes in ("is a nasal spray better than tablets?": the migraine overview's "nasal
# triptan"); "all clear" is a product's name, and what a patient says of a scan ("had breast cancer, all clear since")
NOT_DRUGS = frozenset({"sits", "caps", "diamonds", "ferritin", "cashew", "cashews", "oat", "oats", "blood group",
                       "blood groups", "nasal spray", "nasal sprays", "all clear"})
# a two-word name opening on a word of grammar is a phrase of the sentence: "her booking appointment at 10 weeks" holds
# no "AT 10" (a dihydrotachysterol brand; session 65)
_GRAMMAR_WORDS = frozenset({"a", "an", "the", "at", "in", "on", "to", "of", "for", "by", "as", "and", "or", "with"})


@dataclass(frozen=True)
class DrugMatch:
    """A drug named by ``words[begin:end]``: its canonical name and every other name it goes by."""

    begin: int
    end: int
    name: str
    synonyms: tuple[str, ...]


class DrugLexicon:
    """Exact, case-insensitive drug-name look-ups over a cached copy of the package's dictionary."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._local = threading.local()  # one read-only connection per thread (the web server's worker threads)

    def _connection(self) -> sqlite3.Connection:
        if getattr(self._local, "connection", None) is None:
            self._local.connection = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)
        return self._local.connection

    def find(self, words: list[str]) -> list[DrugMatch]:
        """Two-word names first, then single words not already taken (as the package's own finder does); everyday
        words the dictionary also holds as a chemical's short name or a slang name ("sits", "caps") are not drugs."""
        found: list[DrugMatch] = []
        taken: set[int] = set()
        for size in (2, 1):
            for begin in range(len(words) - size + 1):
                if taken & set(range(begin, begin + size)):
                    continue
                variant = " ".join(words[begin : begin + size]).lower()
                phrase = variant in NOT_DRUGS or size == 2 and words[begin].lower() in _GRAMMAR_WORDS
                match = None if phrase else self._lookup(variant)
                if match is None and size == 2 and not phrase:  # a hyphenated name split into words: "co-codamol"
                    match = self._lookup(variant.replace(" ", "-"))
                if match is not None:
                    name, synonyms = match
                    found.append(DrugMatch(begin, begin + size, name, synonyms))
                    taken.update(range(begin, begin + size))
        return sorted(found, key=lambda item: item.begin)

    def _lookup(self, variant: str) -> tuple[str, tuple[str, ...]] | None:
        connection = self._connection()
        row = connection.execute("SELECT canonical, name FROM variants WHERE variant = ?", (variant,)).fetchone()
        if row is None and variant in uk_brands():  # "nytol": the diphenhydramine the dictionary knows by other names
            found = self._lookup(uk_brands()[variant])
            return (found[0], (*found[1], variant)) if found is not None else None
        if row is None:
            return None
        canonical, name = row
        synonyms = [v for (v,) in connection.execute("SELECT variant FROM variants WHERE canonical = ?", (canonical,))]
        return name, tuple(dict.fromkeys([*synonyms, *map(_unaccented, synonyms)]))


@lru_cache(maxsize=1)
def uk_brands() -> dict[str, str]:
    """British brand → the generic name it sells (``data/uk_brands.tsv``), for brands the dictionary lacks."""
    text = resources.files("medora.compose").joinpath("data/uk_brands.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {brand.strip().lower(): generic.strip().lower() for brand, generic in rows}


def _unaccented(name: str) -> str:
    """The name without its accents: the dictionary lists the British "adrenaline" only as "adrénaline", so the
    anaphylaxis overview's "adrenaline auto-injectors" did not name the EpiPen asked about (session 37). Only as
    another name of a drug found: read as names to look up, they made "testosterone" a drug term, and changed
    which terms a vignette must name."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def package_data_file(package: str, name: str) -> Path | None:
    """A data file shipped inside ``package``, found without importing it (its import may do costly work), or None."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / name
    return path if path.is_file() else None


def _dictionary_file() -> Path | None:
    return package_data_file(PACKAGE, "drug_ner_dictionary.pkl.bz2")


def build_lexicon(source: Path, target: Path) -> None:
    """Copy the package's dictionary (variant → canonical names) into an indexed SQLite file, atomically."""
    with bz2.open(source, "rb") as handle:
        dictionary = pickle.load(handle)  # the package's own data file, shipped inside its wheel
    canonical_data = dictionary["drug_canonical_to_data"]
    rows = [
        (variant, canonical, canonical_data.get(canonical, {}).get("name") or canonical)
        for variant, canonicals in dictionary["drug_variant_to_canonical"].items()
        for canonical in canonicals[:1]
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=target.parent, suffix=".building")
    os.close(handle)
    try:
        with sqlite3.connect(scratch) as connection:
            connection.execute("CREATE TABLE variants (variant TEXT PRIMARY KEY, canonical TEXT, name TEXT)")
            connection.executemany("INSERT OR IGNORE INTO variants VALUES (?, ?, ?)", rows)
            connection.execute("CREATE INDEX variants_by_canonical ON variants (canonical)")
        connection.close()
        os.replace(scratch, target)
    finally:
        if os.path.exists(scratch):
            os.remove(scratch)


@lru_cache(maxsize=1)
def default_lexicon() -> DrugLexicon | None:
    """The lexicon for the installed package version (built on first use, about a second), or None without it."""
    source = _dictionary_file()
    if source is None:
        return None
    version = importlib.metadata.version(PACKAGE.replace("_", "-"))
    target = Path(user_cache_dir("medora")) / f"drug-lexicon-{version}.sqlite"
    if not target.is_file():
        try:
            build_lexicon(source, target)
        except OSError:  # no writable cache folder: build a private copy in the temporary folder instead
            target = Path(tempfile.gettempdir()) / f"medora-drug-lexicon-{os.getpid()}.sqlite"
            build_lexicon(source, target)
    return DrugLexicon(target)


def find_drugs(words: list[str]) -> list[DrugMatch]:
    lexicon = default_lexicon()
    return lexicon.find(words) if lexicon is not None else []
