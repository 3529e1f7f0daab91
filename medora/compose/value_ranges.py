"""The ranges a sentence states for a measured value, read against the values a question gives.

An overview often gives one line per band of a test ("Above 2000 ng/L: refer urgently … within 2 weeks", "Between 400
and 2000 ng/L: refer … within 6 weeks"). Both lines share the question's words, so the word rules and the lead model
can lead "NT-proBNP 2,600 ng/L. How quickly should he have an echo?" with the band that does not hold for him. A
value is read with its unit only (a bare "eGFR 38" or "K 6.7" is left alone: without the unit the band cannot be
matched safely; NT-proBNP, whose units all give one number, is the exception); a sentence is judged only on the
bands of its condition (its opening clause, up to its first colon or comma, and any clause opening with "if", "when"
or "where"), never a target it sets ("aim for an HbA1c below 7%" holds for a patient at 8.1%), and only in a unit
the question gives a value in. The patient's age and sex are read the same way: a line's condition written for
"adults under 65" or "non-pregnant women" is a band that a 72-year-old or a man falls outside."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from medora.compose.age_groups import stated_age

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_UNIT = (
    r"(ng/l|pg/ml|mmol/l|µmol/l|umol/l|mg/mmol|mg/dl|g/l|g/dl|mg/l|mu/l|miu/l|iu/l|ml/min(?:/1\.73\s?m2)?|mmhg|"
    r"kg/m2|kg|%)"
)
_VALUE = re.compile(_NUMBER + r"\s?" + _UNIT + r"(?![a-z/])", re.IGNORECASE)
_BETWEEN = re.compile(
    r"\b(?:between|from)\s+" + _NUMBER + r"\s?" + f"(?:{_UNIT[1:-1]})?" + r"\s+(?:and|to)\s+" + _NUMBER + r"\s?" + _UNIT
    + r"(?![a-z/])",
    re.IGNORECASE,
)
_ABOVE = re.compile(
    r"(?:\b(?:above|over|greater than|more than|higher than|exceeding|at least)|>|≥)\s*" + _NUMBER + r"\s?" + _UNIT
    + r"(?![a-z/])",
    re.IGNORECASE,
)
_BELOW = re.compile(
    r"(?:\b(?:below|under|less than|lower than|up to|at most)|<|≤)\s*" + _NUMBER + r"\s?" + _UNIT + r"(?![a-z/])",
    re.IGNORECASE,
)
_OR_MORE = re.compile(_NUMBER + r"\s?" + _UNIT + r"\s+or\s+(?:more|higher|above|greater|over)\b", re.IGNORECASE)
_OR_LESS = re.compile(_NUMBER + r"\s?" + _UNIT + r"\s+or\s+(?:less|lower|below|fewer|under)\b", re.IGNORECASE)


@dataclass(frozen=True)
class StatedRange:
    low: float
    high: float
    unit: str

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _unit(text: str) -> str:
    return re.sub(r"\s", "", text.lower()).replace("µ", "u")


SHARED_UNITS = frozenset({"%"})  # a unit many measures share (HbA1c, ejection fraction, FEV1, saturation): a band
# in it is judged only against a value whose measure the sentence names, by the word the question writes before it
_MEASURE_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9-]*)\W{0,3}$")


# A measure whose units all give one number (NT-proBNP in ng/L is the same number in pg/mL; not BNP, whose bands are
# other numbers): a value written without its unit ("NT-proBNP 2500 in GP - how fast does echo need to be?", session
# 32, was led by the 400-2000 ng/L line) is read in each of them; never a time ("NT-proBNP 6 weeks ago")
_BARE_MEASURES = re.compile(
    r"\bNT-?pro-?BNP\b\W{0,3}(?:(?:of|was|is|at)\s+)?" + _NUMBER + r"(?!\d|[,.]\d)(?!\s?" + _UNIT + ")"
    r"(?!\s?(?:h|hours?|days?|weeks?|months?|years?)\b)",
    re.IGNORECASE,
)
_BARE_UNITS = ("ng/l", "pg/ml")


# A patient's age as a vignette or an account gives it (compose/age_groups.py ``stated_age``), read as a value in
# years; and an age band a line states for people ("For adults under 65 without cardiovascular disease, …",
# "people aged 65 or over"), judged against it (session 32: "Starting levothyroxine dose for a 72 yo with angina?"
# was led by the under-65 starting dose)
YEARS = "years"
_PEOPLE = r"(?:adults|people|patients|women|men|those|anyone|aged|children)"
_AGE_BELOW = re.compile(_PEOPLE + r"\s+(?:under|below|younger than)\s+(\d{2})\b(?!\s*(?:%|[a-zµ]+/))", re.IGNORECASE)
_AGE_ABOVE = re.compile(_PEOPLE + r"\s+(?:over|above|older than)\s+(\d{2})\b(?!\s*(?:%|[a-zµ]+/))", re.IGNORECASE)
_AGE_OR_OVER = re.compile(r"\baged\s+(\d{2})\s+(?:years\s+)?(?:or|and)\s+(?:over|older|above)\b", re.IGNORECASE)
# a band of years a dose is for ("For children aged 6 to 12 years the dose is 300 micrograms", session 41)
_AGE_BETWEEN = re.compile(r"\baged\s+(\d{1,2})\s*(?:to|-|–)\s*(\d{1,2})\s+years\b", re.IGNORECASE)


# The patient's sex as a question states it ("68F", "male lower UTI", "a 45-year-old woman"), and the sex a line's
# condition names ("For uncomplicated cystitis in non-pregnant women, …"): a band of its own (female 0, male 1), so
# "male lower UTI - abx and duration" is not led by the line for women (session 32)
SEX = "sex"
_QUESTION_SEX = re.compile(r"^\s*\d{1,3}\s?([MF])\b|\b(man|woman|male|female|boy|girl|men|women)\b", re.IGNORECASE)
FEMALE = 0.0
_SEX_VALUE = {"m": 1.0, "man": 1.0, "male": 1.0, "boy": 1.0, "men": 1.0,
              "males": 1.0, "f": 0.0, "woman": 0.0, "female": 0.0, "girl": 0.0, "women": 0.0, "females": 0.0}
# …or as an account about one relative tells it ("my dad is 90 and on a statin, should he still be taking it?" is
# no question for the line on women of childbearing potential, session 39): never beside the asker's own "I" or "me",
# who may be the patient, nor with relatives of both sexes
_RELATIVE = re.compile(
    r"\b(?:my|our|his|her)\s+(dad|father|husband|son|brother|grandad|granddad|grandfather|grandpa|uncle|boyfriend|"
    r"mum|mom|mother|wife|daughter|sister|nan|nana|gran|granny|grandma|grandmother|aunt|girlfriend)\b",
    re.IGNORECASE,
)
_RELATIVE_WORD = re.compile(r"\b" + _RELATIVE.pattern.split(r"\s+", 1)[1], re.IGNORECASE)  # any, "my" or not
_MALE_RELATIVES = frozenset({"dad", "father", "husband", "son", "brother", "grandad", "granddad", "grandfather",
                             "grandpa", "uncle", "boyfriend"})
_ASKER = re.compile(r"\b(?:i|me|i'm|im|i've|ive|myself)\b", re.IGNORECASE)
_LINE_SEX = re.compile(r"\b(women|woman|females?|men|man|males?)\b", re.IGNORECASE)


def stated_values(question: str, sentence: str = "") -> dict[str, list[float]]:
    """Unit → the values the question gives in it ("NT-proBNP 2,600 ng/L" → {"ng/l": [2600.0]}); a value in a
    ``SHARED_UNITS`` unit only when the ``sentence`` names its measure ("HbA1c 8.1%" against "if HbA1c stays above
    7.5%", not against "an ejection fraction of 40% or less")."""
    values: dict[str, list[float]] = {}
    for match in _VALUE.finditer(question):
        unit = _unit(match.group(2))
        if unit in SHARED_UNITS:
            measure = _MEASURE_BEFORE.search(question[: match.start()])
            if measure is None or not re.search(rf"\b{re.escape(measure.group(1))}\b", sentence, re.IGNORECASE):
                continue
        values.setdefault(unit, []).append(_number(match.group(1)))
    for match in _BARE_MEASURES.finditer(question):
        for unit in _BARE_UNITS:
            values.setdefault(unit, []).append(_number(match.group(1)))
    if (age := stated_age(question)) is not None:
        values[YEARS] = [float(age)]
    if (sex := stated_sex(question)) is not None:
        values[SEX] = [sex]
    return values


def stated_sex(question: str) -> float | None:
    """The patient's sex as the question states it (female 0, male 1: ``_SEX_VALUE``), or as an account about one
    relative tells it (``_relative_sex``); None when it states none."""
    if sex := _QUESTION_SEX.search(question):
        return _SEX_VALUE[next(group for group in sex.groups() if group).lower()]
    return _relative_sex(question)


def _relative_sex(question: str) -> float | None:
    """The sex of the one relative an account is about (``_RELATIVE``), as ``_SEX_VALUE`` gives it; None when the
    asker speaks of themselves too or its relatives are of both sexes."""
    if not _RELATIVE.search(question) or _ASKER.search(question):
        return None
    sexes = {float(word.lower() in _MALE_RELATIVES) for word in _RELATIVE_WORD.findall(question)}
    return sexes.pop() if len(sexes) == 1 else None


_TARGET = re.compile(r"\b(?:aim\w*|targets?|goals?|keep|maintain\w*|achiev\w*)\b", re.I)
_CONDITION_CLAUSE = re.compile(r"^[^:;,]*|\b(?:if|when|where)\b[^:;,]*", re.IGNORECASE)


def stated_ranges(sentence: str) -> list[StatedRange]:
    """The bands the sentence's condition states: "between 400 and 2000 ng/L", "above 2000 ng/L", "40% or less"."""
    clauses = [match.group(0) for match in _CONDITION_CLAUSE.finditer(sentence)]
    sentence = " ; ".join(clause for clause in clauses if not _TARGET.search(clause))
    ranges = [
        StatedRange(_number(m.group(1)), _number(m.group(2)), _unit(m.group(3))) for m in _BETWEEN.finditer(sentence)
    ]
    ranges += [StatedRange(_number(m.group(1)), math.inf, _unit(m.group(2))) for m in _ABOVE.finditer(sentence)]
    ranges += [StatedRange(_number(m.group(1)), math.inf, _unit(m.group(2))) for m in _OR_MORE.finditer(sentence)]
    ranges += [StatedRange(-math.inf, _number(m.group(1)), _unit(m.group(2))) for m in _BELOW.finditer(sentence)]
    ranges += [StatedRange(-math.inf, _number(m.group(1)), _unit(m.group(2))) for m in _OR_LESS.finditer(sentence)]
    ranges += [StatedRange(-math.inf, _number(m.group(1)) - 1, YEARS) for m in _AGE_BELOW.finditer(sentence)]
    ranges += [StatedRange(_number(m.group(1)) + 1, math.inf, YEARS) for m in _AGE_ABOVE.finditer(sentence)]
    ranges += [StatedRange(_number(m.group(1)), math.inf, YEARS) for m in _AGE_OR_OVER.finditer(sentence)]
    ranges += [StatedRange(_number(m.group(1)), _number(m.group(2)), YEARS) for m in _AGE_BETWEEN.finditer(sentence)]
    ranges += [StatedRange(value, value, SEX) for m in _LINE_SEX.finditer(sentence)
               for value in [_SEX_VALUE[m.group(1).lower()]]]
    return ranges


def band_fit(sentence: str, question: str) -> bool | None:
    """True when a band the sentence states holds for a value the question gives in its unit, False when it states
    bands in such a unit and none holds (the line is for another patient), None when it states none to judge."""
    values = stated_values(question, sentence)
    judged = [band for band in stated_ranges(sentence) if band.unit in values]
    if not judged:
        return None
    return any(band.holds(value) for band in judged for value in values[band.unit])
