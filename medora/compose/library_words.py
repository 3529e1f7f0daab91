"""The words the library's overviews write: what an overview could ever name.

A word the overviews write is never a misspelling, and a typo may be read as one of them (compose/spelling.py:
"musle" as muscle)."""

from __future__ import annotations

from functools import lru_cache

from medora.compose.terms import stem_sequence


@lru_cache(maxsize=1)
def overview_vocabulary() -> frozenset[str]:
    """The stemmed words of every library overview's text."""
    from medora.library import overview_paths  # the library reads compose's vocabulary: imported late

    return frozenset(word for path in overview_paths() for word in stem_sequence(path.read_text(encoding="utf-8")))
