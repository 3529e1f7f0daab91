"""What a question specifically asks for (a timing, a dose, a choice between two options, or else the drugs it names)
and whether a sentence says it: the bottom line leads with that sentence when the evidence has one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medora.compose.described import split_asking
from medora.compose.subject import ITS_DOSE, SHORTHAND
from medora.compose.terms import (
    DRUG_CLASS_WORDS,
    GENERIC_WORDS,
    SpecificTerm,
    TermText,
    expansion_of,
    stem_sequence,
)
from medora.retrieve.tokenize import STOPWORDS, content_words

_TIMING_QUESTION = re.compile(
    r"\b(how (soon|quickly|long|fast|often)|when (should|to|do|does|is|are|can|must)|timing|time window|time ?frame|"
    r"timescale|"
    r"how many (minutes|hours|days|weeks|months))\b",
    re.I,
)
_DOSE_QUESTION = re.compile(r"\b(dose|doses|dosage|dosing|how much)\b", re.I)
# "Target MAP in septic shock?", "BP target at 84?"; not the "target organ damage" hypertension is assessed for
_TARGET = r"(?:targets?|goals?)"
_AIM = r"aim(?:ing)?\s+(?:for|at)\b"  # "What INR should I aim for?"
_TARGET_QUESTION = re.compile(rf"\b{_TARGET}\b(?![\s-]+organ)|\b{_AIM}", re.IGNORECASE)
_CHOICE_QUESTION = re.compile(r"([A-Za-z][\w-]*)\s+(?:or|versus|vs\.?)\s+([A-Za-z][\w-]*)[^,;:]*\?\s*$", re.I)
_TIME_UNITS = r"(minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)"
# a number in figures or in words ("for at least one month", session 65)
_COUNT = r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_TIMING = re.compile(rf"\b{_COUNT}(?:\s*(?:to|-|–|or)\s*{_COUNT})?\s*{_TIME_UNITS}\b", re.I)
_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?(?:\s*(?:to|-|–)\s*\d+(?:[.,]\d+)?)?\s*(mg|g|mcg|µg|micrograms?|milligrams?|units?|ml|mmol|iu)"
    r"(?!/[dm]?l\b)(?:/kg)?\b",  # never a concentration: "a haemoglobin rise of 10 g/L", "potassium 5.5 mmol/L"
    re.I,
)
# a target stated: its word and a number ("an initial MAP target of 65 mmHg", "aim for below 150/90 mmHg"); never
# "treatment should target streptococci", which names no value; "titrate oxygen to a saturation of 88–92%" aims too
_TARGET_WORD = re.compile(r"\b(targets?|goals?|aim|aiming|titrated?)\b(?![\s-]+organ)", re.IGNORECASE)
# the value a target states: a number with its unit, a pressure ("140/90") or a bound ("below 7", "of 65"); not any
# number: "use it for the target if there is a significant postural drop … or age 80 or over" states none (session
# 51: it led the answer to "What blood pressure target should I aim for?")
_TARGET_VALUE = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:mm\s?Hg|%|mmol|µmol|umol|mg|g/|kPa|ng|pg|pmol|IU|units?\b|mL|kg)|\b\d{2,3}/\d{2,3}\b|"
    r"\b(?:below|under|above|less\s+than|more\s+than|at\s+least|at\s+most|of|to)\s+\d|[<>≤≥]\s*\d|"
    r"\b(?:targets?|goals?)\s+(?:[A-Za-z0-9-]+\s+){0,2}\d",  # "target INR 2.5"
    re.IGNORECASE,
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
    drugs = [
        term for term in terms
        if term.kind == "drug" and not term.context and not term.member_stems
        and not set(stem_sequence(term.label)) & DRUG_CLASS_WORDS  # "Antibiotic and dose?": amoxicillin's answers
    ]
    if not drugs:
        return []
    if ITS_DOSE.search(asking):
        return drugs
    found = []
    for term in drugs:
        label = re.escape(term.label)
        before = rf"\b{label}\s+{_BETWEEN}{_DOSE_WORDS}\b"
        after = rf"\b{_DOSE_WORDS}\s+(?:of\s+)?(?:the\s+|iv\s+|oral\s+)?{label}\b"
        if re.search(f"{before}|{after}", asking, re.IGNORECASE) and not re.search(
            rf"\b{_ORDINAL}\s+(?:[a-z]+[-/])?{label}\s+{_DOSE_WORDS}\b", asking, re.IGNORECASE  # or of a pair: "the
            # first sacubitril-valsartan dose" (session 64)
        ):
            found.append(term)
    return found


# "before the 1st Entresto dose", "after the last dose of ramipril": which dose, a time asked, not its amount
_ORDINAL = r"(?:1st|first|last|next|final|2nd|second)"


def targeted_terms(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The terms whose target the question asks: written right before or after "target" ("the target INR", "LDL
    target", "target of INR"; not "target for secondary prevention", its population) or asked what to aim for
    ("What INR should I aim for?"); never the patient's own drugs. "Target MAP in septic shock?" names none (MAP is
    no term), so nothing is required of its answer beyond a target stated."""
    asking = split_asking(question)[1] or question
    found = []
    for term in terms:
        if term.context:
            continue
        label = re.escape(term.label)
        beside = rf"\b{label}\s+{_TARGET}\b|\b{_TARGET}\s+(?:of\s+)?(?:the\s+)?{label}\b"
        aimed = rf"\bwhat\s+(?:\w+\s+)?{label}\b[^?.]*\b{_AIM}"
        if re.search(f"{beside}|{aimed}", asking, re.IGNORECASE):
            found.append(term)
    return found


@dataclass(frozen=True)
class Ask:
    """``kind``: "timing", "dose", "target", "choice" (a sentence must name every option) or "names" (every drug
    named)."""

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
    if _TARGET_QUESTION.search(question):
        return Ask("target")
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
    if ask.kind == "target":
        return bool(_TARGET_WORD.search(sentence) and _TARGET_VALUE.search(sentence))
    prepared = TermText(sentence)
    return all(any(prepared.mentions(form) for form in forms) for forms in ask.options)


def _option_forms(option: str) -> tuple[str, ...]:
    """The option as written, its abbreviation's expansion and what its clinical shorthand stands for: "lyse or
    transfer?" is answered by a sentence on fibrinolysis and transfer (compose/subject.py ``SHORTHAND``)."""
    expansion = expansion_of(option)
    shorthand = SHORTHAND.get(option.lower(), ())
    return tuple(dict.fromkeys((option, *((expansion,) if expansion else ()), *shorthand)))
