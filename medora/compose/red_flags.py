"""Emergencies that put an urgent notice at the top of an article (data/red_flags.yaml).

A flag is raised when the question names the emergency in clinical words ("cauda equina") or describes it in
everyday ones ("can't feel my bottom and I've wet myself, with back pain"). Being answered from an emergency's
overview is not enough: tried, that raised a notice on every question the library routes there, calm ones ("an itchy
bee sting from last week") and misrouted ones alike.

Phrases are matched on normalised words (Snowball stems, contractions spelled out, every personal pronoun one word
and every reflexive another), so "she doesn't want to be here" and "I do not want to be here" are one phrase. A
phrase's words must come in order with at most ``PHRASE_GAP`` other words between two of them ("face has suddenly
dropped"), and a phrase right after a negation does not count ("no fever, no stiff neck"). An everyday pattern ``"chest & arm|jaw"`` needs every part (``&``), each part one of its phrases (``|``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from medora.compose.wording import stem

PHRASE_GAP = 2
SOMEONE, ONESELF = "someone", "oneself"
_PRONOUNS = frozenset(
    "someone i me my mine he him his she her hers they them their theirs we us our ours you your yours".split()
)
_REFLEXIVES = frozenset("oneself myself himself herself themselves themself ourselves yourself yourselves".split())
_CONTRACTIONS = (
    (re.compile(r"\bcan'?t\b|\bcannot\b"), "can not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\b(do|does|did|is|was|are|were|could|would|should|have|has|had)nt\b"), r"\1 not"),
    (re.compile(r"'(?:m|re|ve|ll|d|s)\b"), ""),
)
BREAK = ","  # a punctuation mark (no phrase word, so a phrase never runs across one unless within its gap)
_BREAKS = frozenset(",.:?!")
# A finding right after one of these is denied ("no fever, no stiff neck", "I don't have a rash", "denies chest
# pain"), unless the "not" is doubt ("I don't know why her face dropped") or inability ("she can't get her words
# out"). "never" is not one: "never had a headache like this". Only filler words may stand between ("no feeling
# around my bottom" denies no bottom).
_NEGATORS = frozenset({"no", "not", "without", "deni", "nor"})
_DOUBT = frozenset({"know", "sure", "certain", "think", "understand"})
_ABLE = frozenset({"can", "could", "will", "would"})
_FILLER = frozenset({"a", "an", "ani", "have", "be", "do", "get", "someone", "real", "realli", "obvious"})
_SAME = {"does": "do", "did": "do", "is": "be", "are": "be", "am": "be", "was": "be", "were": "be", "been": "be",
         "has": "have", "had": "have"}


@dataclass(frozen=True)
class RedFlag:
    name: str
    terms: tuple[str, ...]  # clinical words, matched in the question and in on-topic evidence
    notice: str
    everyday: tuple[str, ...] = ()  # everyday patterns, matched in the question only
    overview: str | None = None  # the library overview on this emergency: first further reading when unanswered


def normalised(text: str) -> list[str]:
    """The text's words as flags compare them: stems, "not" spelled out, one form of "do", "be" and "have", and
    every personal pronoun one word (every reflexive another)."""
    lowered = text.lower().replace("\u2019", "'")
    for pattern, replacement in _CONTRACTIONS:
        lowered = pattern.sub(replacement, lowered)
    words: list[str] = []
    for word in re.findall(r"[a-z0-9]+|[,.:?!]", lowered):
        if word in _BREAKS:
            words.append(BREAK)
        elif word in _PRONOUNS:
            words.append(SOMEONE)
        elif word in _REFLEXIVES:
            words.append(ONESELF)
        else:
            words.append(_SAME.get(word) or stem(word))
    return words


def _denied(words: list[str], start: int) -> bool:
    """Whether a negation governs the words from ``start`` on: it stands before them with only filler between."""
    back = start - 1
    while back >= 0 and words[back] in _FILLER:
        back -= 1
    if back < 0 or words[back] not in _NEGATORS:
        return False
    if words[back] == "not" and back and words[back - 1] in _ABLE:  # "can't get her words out" is a finding
        return False
    return not (words[back] == "not" and back + 1 < len(words) and words[back + 1] in _DOUBT)


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether the phrase's words occur in order, at most PHRASE_GAP other words between two of them, and not
    denied."""
    if not phrase:
        return False
    for start, word in enumerate(words):
        if word != phrase[0] or _denied(words, start):
            continue
        at = start
        for wanted in phrase[1:]:
            window = words[at + 1 : at + 2 + PHRASE_GAP]
            if wanted not in window:
                break
            at = at + 1 + window.index(wanted)
        else:
            return True
    return False


@lru_cache(maxsize=4096)
def _phrase(text: str) -> tuple[str, ...]:
    return tuple(normalised(text))


def _pattern_parts(pattern: str) -> list[list[tuple[str, ...]]]:
    return [[_phrase(option) for option in part.split("|")] for part in pattern.split("&")]


def matches(pattern: str, segments: list[list[str]]) -> bool:
    """Whether every part of the pattern has one of its phrases inside one of the text's segments."""
    return all(
        any(_contains(words, phrase) for phrase in options for words in segments) for options in _pattern_parts(pattern)
    )


@lru_cache(maxsize=1)
def load_red_flags() -> tuple[RedFlag, ...]:
    text = resources.files("medora.compose").joinpath("data/red_flags.yaml").read_text(encoding="utf-8")
    return tuple(
        RedFlag(
            item["name"],
            tuple(term.lower() for term in item["terms"]),
            item["notice"],
            tuple(item.get("everyday", ())),
            item.get("overview"),
        )
        for item in yaml.safe_load(text)
    )


def find_red_flags(text: str, *, everyday: bool = True, named: bool = True) -> list[RedFlag]:
    """Flags whose clinical terms (unless ``named`` is False) or, for a question, everyday patterns appear in
    ``text``; a ";" in the text ends a segment no phrase runs across (the question's lay meanings are appended so)."""
    segments = [normalised(part) for part in text.split(";")]
    return [
        flag
        for flag in load_red_flags()
        if named and any(matches(term, segments) for term in flag.terms)
        or everyday and any(matches(pattern, segments) for pattern in flag.everyday)
    ]


def flags_in(notice: str | None) -> list[RedFlag]:
    """The flags an article's urgent notice speaks for (each flag's notice is a sentence of it)."""
    return [flag for flag in load_red_flags() if notice and flag.notice in notice]


_NOT_NOW = re.compile(
    r"\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|some)\s+(?:years?|months?|weeks?)\s+ago"
    r"|\blast (?:year|month)\b|\bhistory of\b|\bprevious\b|\bprior\b|\bpreviously\b|\bin the past\b|\bprevent"
    r"|\b(?:lower|lowering|reduce|reducing|cut|cutting)\b(?: \w+){0,2} (?:risk|chances?)\b|\brisks? of\b",
    re.I,
)


def speaks_of_now(question: str) -> bool:
    """False when the question puts the emergency it names in the past or asks how to prevent it ("a heart attack
    five years ago", "lower my chances of a stroke"): naming it then raises no notice, describing it still does."""
    return not _NOT_NOW.search(question)

