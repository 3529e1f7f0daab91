"""What a question in everyday words describes, apart from what it asks: the feelings and the body parts.

"My thumb and first two fingers go numb and tingly at night. What can I do?" shares no word with "carpal tunnel
syndrome"; the overview closest in meaning answers it (answer._by_meaning) if it names the question's specific
terms. "tingly" is such a term (a rare word), yet no overview writes it: a patient's word for what they feel is not a
drug, intervention, test or population a near-miss asks about, so the overview need not name it. It must still
name the body parts the question speaks of (or a broader part: the foot for the sole): "my ankle is swollen after
twisting it" is close in meaning to the knee and hip osteoarthritis overview, which is not about ankles.

Both lists are in ``data/lay_findings.yaml``. A feeling is set aside only where the question describes (a sentence
that asks nothing, or the clauses before the one asking): "Does tamsulosin make you dizzy?" asks about dizziness."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from medora.compose.terms import SpecificTerm, TermText, stem_sequence

# A clause opening with one of these asks (a question's last clauses: "my knee aches, do I need an x-ray?")
ASKING_OPENERS = frozenset(
    """what how which when why where who whom whose should shall can could would will do does did is are was were am
    any has have had might may must""".split()
)
# Possessives and sides before a body part: "my back", "his left calf"; "get the feeling back" is no body part
BODY_OWNERS = frozenset("my his her their your our its lower upper left right both one".split())
_SENTENCE = re.compile(r"[^.?!]+[.?!]*")
_CLAUSE = re.compile(r"[^,;:]+[,;:]?")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[tuple[str, ...], ...], dict[str, tuple[str, ...]]]:
    text = resources.files("medora.compose").joinpath("data/lay_findings.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    feelings = {tuple(stem_sequence(str(phrase))) for group in data["feelings"] for phrase in group}
    parts = {str(part).lower(): tuple(str(word) for word in broader) for part, broader in data["body_parts"].items()}
    return tuple(sorted(stems for stems in feelings if stems)), parts


def describing_text(question: str) -> str:
    """The part of the question that describes rather than asks: sentences that ask nothing, and in a sentence that
    asks, the clauses before the first one opening with an asking word (or none of it when no clause opens so)."""
    return _split(question)[0]


def _split(question: str) -> tuple[str, str]:
    """(the describing part, the asking part) of the question."""
    describing: list[str] = []
    asking: list[str] = []
    for sentence in _SENTENCE.findall(question):
        clauses = _CLAUSE.findall(sentence)
        opening = next((index for index, clause in enumerate(clauses) if _opens_asking(clause)), None)
        if opening is not None:
            describing += clauses[:opening]
            asking += clauses[opening:]
        elif sentence.rstrip().endswith("?"):
            asking.append(sentence)
        else:
            describing.append(sentence)
    return " ".join(describing), " ".join(asking)


def _opens_asking(clause: str) -> bool:
    words = clause.strip().lower().split()
    return bool(words) and words[0].strip("\"'(") in ASKING_OPENERS


def felt_labels(question: str, terms: list[SpecificTerm]) -> set[str]:
    """Labels of the technical-word terms that only say what the patient feels or notices ("tingly", "wrecked",
    "runny poo"), written where the question describes and not again where it asks ("my knee aches, what helps the
    aches?" asks about them). Drugs, populations and required names never are."""
    describing, asking = _split(question)
    spelled = f" {' '.join(stem_sequence(describing))} "
    felt = {" ".join(stems) for stems in _lexicon()[0] if f" {' '.join(stems)} " in spelled}
    described = {stem for phrase in felt for stem in phrase.split()} - set(stem_sequence(asking))
    return {
        term.label
        for term in terms
        if term.kind in ("term", "word") and not term.required and not term.context
        and (stems := stem_sequence(term.label)) and all(stem in described for stem in stems)
    }


def body_parts(question: str) -> list[str]:
    """The body parts the question speaks of ("my left calf", "lower back"), lower-cased, in order."""
    words = re.findall(r"[a-z]+", question.lower())
    parts = _lexicon()[1]
    found = [
        word for index, word in enumerate(words)
        if word in parts and any(before in BODY_OWNERS for before in words[max(index - 2, 0) : index])
    ]
    return list(dict.fromkeys(found))


def broader_parts(label: str) -> tuple[str, ...]:
    """The broader body parts a source may write for the body part ``label`` ("soles" → foot, feet), else ()."""
    return _lexicon()[1].get(label.lower(), ())


def unnamed_body_parts(question: str, texts: list[str]) -> list[str]:
    """The question's body parts that none of ``texts`` names, neither as written nor as a broader part."""
    prepared = [TermText(text) for text in texts]
    parts = _lexicon()[1]
    return [
        part for part in body_parts(question)
        if not any(text.mentions(word) for text in prepared for word in (part, *parts[part]))
    ]
