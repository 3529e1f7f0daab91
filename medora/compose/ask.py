"""What a question specifically asks for (a timing, a dose, a choice between two options, or else the drugs it names)
and whether a sentence says it: the bottom line leads with that sentence when the evidence has one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medora.compose.described import split_asking
from medora.compose.subject import ITS_DOSE, SHORTHAND
from medora.compose.terms import GENERIC_WORDS, SpecificTerm, TermText, expansion_of
from medora.retrieve.tokenize import STOPWORDS, content_words

_TIMING_QUESTION = re.compile(
    r"\b(how (soon|quickly|long|fast|often)|when (should|to|do|does|is|are|can|must)|timing|time window|"
    r"how many (minutes|hours|days|weeks|months))\b",
    re.I,
)
_DOSE_QUESTION = re.compile(r"\b(dose|doses|dosage|dosing|how much)\b", re.I)
_CHOICE_QUESTION = re.compile(r"([A-Za-z][\w-]*)\s+(?:or|versus|vs\.?)\s+([A-Za-z][\w-]*)[^,;:]*\?\s*$", re.I)
_TIME_UNITS = r"(minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)"
_TIMING = re.compile(rf"\b\d+(?:[.,]\d+)?(?:\s*(?:to|-|–|or)\s*\d+(?:[.,]\d+)?)?\s*{_TIME_UNITS}\b", re.I)
_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?(?:\s*(?:to|-|–)\s*\d+(?:[.,]\d+)?)?\s*(mg|g|mcg|µg|micrograms?|milligrams?|units?|ml|mmol|iu)"
    r"(?:/kg)?\b",
    re.I,
)
_SKIPPED_OPTION_WORDS = {"both", "neither", "not", "none", "either", "first", "later", "now", "other", "others"}


# One word may stand between a drug and its dose ("pen V dose", "magnesium IV dose"), never a count or an order: "the
# 2nd dose interval", "how many doses" ask about a schedule, not an amount
_BETWEEN = r"(?:(?!\d|first\b|second\b|third\b|booster\b|next\b)[\w-]+\s+)?"
_DOSE_WORDS = r"(?:dose|dosage|dosing)"


def dosed_drugs(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The drugs whose dose the question asks: a single drug asked about, written right before or after "dose" ("what
    dose of colchicine?", "tenecteplase dose"), or every drug asked about when the question asks about the patient's
    own dose ("Is her dose right?", compose/subject.py ``ITS_DOSE``). Not a class ("antibiotics, and at what dose?":
    a member's dose answers it), nor a dose to change ("increase the dose or add liothyronine?")."""
    asking = split_asking(question)[1] or question
    drugs = [term for term in terms if term.kind == "drug" and not term.context and not term.member_stems]
    if not drugs:
        return []
    if ITS_DOSE.search(asking):
        return drugs
    found = []
    for term in drugs:
        label = re.escape(term.label)
        before = rf"\b{label}\s+{_BETWEEN}{_DOSE_WORDS}\b"
        after = rf"\b{_DOSE_WORDS}\s+(?:of\s+)?(?:the\s+|iv\s+|oral\s+)?{label}\b"
        if re.search(f"{before}|{after}", asking, re.IGNORECASE):
            found.append(term)
    return found


@dataclass(frozen=True)
class Ask:
    """``kind``: "timing", "dose", "choice" (a sentence must name every option) or "names" (every drug named)."""

    kind: str
    options: tuple[tuple[str, ...], ...] = ()  # for each option or drug, the forms that name it


def specific_ask(question: str, terms: list[SpecificTerm] | None = None) -> Ask | None:
    """The one specific thing the question asks for, when its wording says so; a dose before a timing
    ("dose of adrenaline and how long to observe" leads with the dose). Failing those, a question naming drugs
    asks about them (its bottom line should name them, not the topic in general)."""
    if _DOSE_QUESTION.search(question):
        return Ask("dose")
    if _TIMING_QUESTION.search(question):
        return Ask("timing")
    match = _CHOICE_QUESTION.search(question)
    if match and all(_is_option(word) for word in match.groups()):
        return Ask("choice", tuple(_option_forms(word) for word in match.groups()))
    drugs = tuple(term.forms for term in terms or [] if term.kind == "drug")
    return Ask("names", drugs) if drugs else None


def _is_option(word: str) -> bool:
    lowered = word.lower()
    return lowered not in STOPWORDS and lowered not in _SKIPPED_OPTION_WORDS and not content_words(word) <= GENERIC_WORDS


def says_ask(sentence: str, ask: Ask) -> bool:
    """True when ``sentence`` states what ``ask`` asks for: a duration or delay with its unit, a dose with its unit,
    or every option or drug (an abbreviation also by its expansion, a drug by its synonyms)."""
    if ask.kind == "timing":
        return bool(_TIMING.search(sentence))
    if ask.kind == "dose":
        return bool(_DOSE.search(sentence))
    prepared = TermText(sentence)
    return all(any(prepared.mentions(form) for form in forms) for forms in ask.options)


def _option_forms(option: str) -> tuple[str, ...]:
    """The option as written, its abbreviation's expansion and what its clinical shorthand stands for: "lyse or
    transfer?" is answered by a sentence on fibrinolysis and transfer (compose/subject.py ``SHORTHAND``)."""
    expansion = expansion_of(option)
    shorthand = SHORTHAND.get(option.lower(), ())
    return tuple(dict.fromkeys((option, *((expansion,) if expansion else ()), *shorthand)))
