"""Claim verification: is a sentence supported by the passage it cites?

Checks, cheapest first: every number in the claim appears in the passage; every drug the claim names appears in
the passage; negation agrees with the passage sentence the claim most resembles; and enough of the claim's
content words are in the passage. Pure functions over strings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from medora.retrieve.tokenize import content_words
from medora.sentences import split_sentences

_NUMBER = re.compile(r"(?<![A-Za-z])\d+(?:[.,]\d+)?")
_NEGATION = re.compile(
    r"\b(no|not|none|never|neither|nor|without|cannot|can't|didn't|doesn't|don't|isn't|wasn't|aren't|weren't|"
    r"fail(?:ed|s)? to|absence of|lack of|unlikely|ineffective|did not|does not|do not|was not|were not|is not|are not)\b",
    re.I,
)
_CITATION = re.compile(r"\s*\[(?:@[^\]]+|\d+[a-z]?(?:\s*[,;–-]\s*\d+[a-z]?)*)\]")


@dataclass
class Support:
    supported: bool
    score: float
    flags: list[str] = field(default_factory=list)


def strip_citations(text: str) -> str:
    """The sentence without '[1]', '[1a, 2]' or '[@ref-id]' markers."""
    return _CITATION.sub("", text).strip()


def numbers_in(text: str) -> set[str]:
    return {n.replace(",", ".") for n in _NUMBER.findall(text)}


def is_negated(text: str) -> bool:
    return bool(_NEGATION.search(text))


@lru_cache(maxsize=1)
def _drug_finder():  # noqa: ANN202 (the package's find_drugs, or None when it is absent)
    try:
        from drug_named_entity_recognition import find_drugs
    except ImportError:
        return None
    return find_drugs


def drugs_in(text: str) -> set[str]:
    """Drug names (generic, lower case) mentioned in ``text``."""
    finder = _drug_finder()
    if finder is None:
        return set()
    words = re.findall(r"[A-Za-z][A-Za-z0-9-]+", text)
    return {match[0]["name"].lower() for match in finder(words, is_ignore_case=True)}


def check_support(claim: str, passage: str, *, min_support: float = 0.5) -> Support:
    """Whether ``passage`` supports ``claim``; ``score`` is the share of claim content words found."""
    claim_text, passage_text = strip_citations(claim), strip_citations(passage)
    flags: list[str] = []
    missing_numbers = numbers_in(claim_text) - numbers_in(passage_text)
    if missing_numbers:
        flags.append(f"numbers not in source: {', '.join(sorted(missing_numbers))}")
    claim_tokens = set(re.findall(r"[a-z0-9]+", claim_text.lower()))
    passage_tokens = set(re.findall(r"[a-z0-9]+", passage_text.lower()))
    # A drug can only be missing from the passage if some word of the claim is (and the drug lexicon is slow to load).
    missing_drugs = drugs_in(claim_text) - drugs_in(passage_text) if claim_tokens - passage_tokens else set()
    if missing_drugs:
        flags.append(f"drugs not in source: {', '.join(sorted(missing_drugs))}")
    claim_words = content_words(claim_text)
    passage_words = content_words(passage_text)
    score = len(claim_words & passage_words) / len(claim_words) if claim_words else 0.0
    if score < min_support:
        flags.append(f"only {score:.0%} of its content words are in the source")
    closest = _closest_sentence(claim_words, passage_text)
    if closest is not None and is_negated(claim_text) != is_negated(closest):
        flags.append("negation differs from the source")
    return Support(supported=not flags, score=round(score, 3), flags=flags)


def _closest_sentence(claim_words: set[str], passage: str) -> str | None:
    best, best_overlap = None, 0
    for sentence in split_sentences(passage):
        overlap = len(claim_words & content_words(sentence))
        if overlap > best_overlap:
            best, best_overlap = sentence, overlap
    return best
