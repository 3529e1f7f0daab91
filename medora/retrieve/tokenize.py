"""Biomedical-aware tokens for BM25: keeps 'il-6', 'covid-19', 'l5', 'hba1c' whole (and their parts), stems the rest."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

_TOKEN = re.compile(r"[a-z0-9]+(?:[-/'][a-z0-9]+)*")
_STEMMER = Stemmer.Stemmer("english")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between both
    but by can could did do does doing down during each few for from further had has have having he her here hers
    how i if in into is it its itself just me more most my no nor not of off on once only or other our out over own
    same she should so some such than that the their them then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your yours
    s t also may might must shall whether best approach""".split()
)


def raw_tokens(text: str) -> list[str]:
    """Lower-cased word tokens; a hyphenated term gives itself and its parts."""
    tokens: list[str] = []
    for match in _TOKEN.finditer(text.lower()):
        token = match.group(0).replace("'", "")
        if "-" in token or "/" in token:
            parts = [part for part in re.split(r"[-/]", token) if part]
            tokens.append(token.replace("/", "-"))
            tokens.extend(parts)
        else:
            tokens.append(token)
    return tokens


@lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    return token if any(ch.isdigit() for ch in token) or "-" in token else _STEMMER.stemWord(token)


def index_tokens(text: str) -> list[str]:
    """Tokens as BM25 stores them: stopwords out, stems in (terms with digits kept verbatim)."""
    return [_stem(token) for token in raw_tokens(text) if token not in STOPWORDS]


def content_words(text: str) -> set[str]:
    """Stemmed content words, for overlap checks between claims, questions and passages."""
    return {token for token in index_tokens(text) if len(token) > 1 and "-" not in token}
