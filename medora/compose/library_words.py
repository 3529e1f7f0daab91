"""The words the library's overviews write: what an overview could ever name.

A word the overviews write is never a misspelling, and a typo may be read as one of them (compose/spelling.py:
"musle" as muscle); how rare a word is among them says whether it names a part of one topic (compose/layout.py)."""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from medora.compose.terms import stem_sequence


@lru_cache(maxsize=1)
def overview_vocabulary() -> frozenset[str]:
    """The stemmed words of every library overview's text."""
    return frozenset(_overview_counts()[1])


@lru_cache(maxsize=1)
def _overview_counts() -> tuple[int, Counter[str]]:
    """How many overviews there are, and how many of them write each stemmed word (the files are read once)."""
    from medora.library import overview_paths  # the library reads compose's vocabulary: imported late

    paths = overview_paths()
    counts: Counter[str] = Counter()
    for path in paths:
        counts.update(set(stem_sequence(path.read_text(encoding="utf-8"))))
    return len(paths), counts


def library_rarity(stemmed_word: str) -> float:
    """log(overviews / overviews writing the word): 0.35 for "first", which 43 of the 61 overviews write, 3.4 for
    "PERC" and 4.1 for "thiamine", which two and one do. A word no overview writes counts as written by one."""
    total, counts = _overview_counts()
    return math.log(max(total, 1) / max(counts.get(stemmed_word, 0), 1))


@lru_cache(maxsize=1)
def overview_title_words() -> frozenset[str]:
    """The stemmed words of the library overviews' titles: what names an overview's own topic."""
    from medora.ingest.markdown import split_front_matter
    from medora.library import overview_paths

    words: set[str] = set()
    for path in overview_paths():
        front, _body = split_front_matter(path.read_text(encoding="utf-8"), path=path)
        words.update(stem_sequence(str(front.get("title", ""))))
    return frozenset(words)
