"""A vignette's findings: the technical words of the part that describes the case, which no answering source need
repeat.

"66-year-old man with exertional breathlessness and ankle swelling, NT-proBNP 2,600 ng/L. How quickly should he
have an echo?" is answered by the heart-failure overview, which never writes "exertional". A clinician's vignette
opens with the patient's age and sex and ends with what it asks; what a near-miss changes (a drug, a procedure, a
population the overview lacks) sits in the asking clause ("… Is bempedoic acid an option?"), while the describing
part holds the case's findings, which compose/findings.py lists by category only where they recur. Here a technical
word written only where a vignette describes is a finding of the case (``finding``); the terms of the asking part
are marked ``asked``, and compose/terms.py ``answers_terms`` lets the findings go unnamed once an asked term is
named (or, when nothing asked is a term, once most findings or a condition the case is described by is). Never a
finding: a drug, a population or a name (those are checked as before), a disease the case has besides its complaint
(MeSH's diseases, disorders and injuries that it does not also file as signs: "G6PD deficiency", "bipolar
disorder", "asthma" may change what is given; compose/entities.py ``comorbidities_in``), what the patient has had or
carries (``history``: "a manic episode 3 years ago", "coronary stents", "a prosthetic mitral valve", "on
haemodialysis"), and nothing in a question that does not open with the patient's age. The article names the
findings its sources never mention (``Article.findings_notice``), so the reader sees what the answer left aside.

Measured on the development sets (sessions 23–24, bench/README.md): a helper's vignettes written for it (91
covered, 70 near-misses, half with the twist only in the findings) and the tuned sets, 1,370 questions in all."""

from __future__ import annotations

import re
from dataclasses import replace

from medora.compose.described import split_asking
from medora.compose.entities import comorbidities_in
from medora.compose.terms import SpecificTerm, raw_tokens, stem_sequence

# "66-year-old man", "a 31-year-old woman", "63M", "84yo", "70 y/o", "8-month-old"
_AGE_OPENING = re.compile(
    r"\s*(?:an?\s+)?\d{1,3}(?:\s*-?\s*(?:year|yr|month|week)s?\s*-?\s*old\b|\s*(?:[MF]|yo|y/o|yrs?)\b)",
    re.IGNORECASE,
)


def is_vignette(question: str) -> bool:
    """True for a question that opens with the patient's age ("66-year-old man, …", "74M …") and asks at its end."""
    return bool(_AGE_OPENING.match(question))


# what the patient has had or carries besides the complaint may change what is given, so its words are never findings:
# the words after a history marker ("known", "previous", "history of"), those before "ago" in the same clause ("a manic
# episode 3 years ago", "coronary stents put in 2 years ago"), and a device or a lasting treatment ("a prosthetic mitral
# valve", "on haemodialysis")
_HISTORY_AFTER = frozenset({"known", "history", "hx", "previous", "previously", "prior", "past", "background", "pmh"})
_HISTORY_BEFORE = frozenset({"ago"})
_HISTORY_WINDOW = 5
_CARRIED = frozenset({
    "stent", "stents", "stented", "prosthetic", "prosthesis", "pacemaker", "defibrillator", "icd", "dialysis",
    "haemodialysis", "hemodialysis", "transplant", "transplants", "transplanted", "shunt", "shunts", "implant",
    "implants", "implanted", "graft", "grafts", "stoma", "prem", "premature", "preterm",
})
_CLAUSE_BREAK = re.compile(r"[,;:.()]")


def history_stems(describing: str) -> set[str]:
    """Stems of the words that say what the patient has had or carries (a past illness, a device, dialysis)."""
    found: set[str] = set()
    for clause in _CLAUSE_BREAK.split(describing):
        words = raw_tokens(clause)
        for index, word in enumerate(words):
            if word in _CARRIED:
                found.update(stem_sequence(word))
            if word in _HISTORY_AFTER:
                found.update(stem_sequence(" ".join(words[index + 1:index + 1 + _HISTORY_WINDOW])))
            if word in _HISTORY_BEFORE:
                found.update(stem_sequence(" ".join(words[max(0, index - _HISTORY_WINDOW - 1):index])))
    return found


def with_case_findings(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The terms of a vignette marked: those written only in its describing part as its findings (``finding``),
    those of what the patient has had or carries as its history (``history``), those of its asking part as asked
    (``asked``). Any other question's terms are returned as they are."""
    if not is_vignette(question):
        return terms
    describing, asking = split_asking(question)
    if not asking:
        return terms
    described = set(stem_sequence(describing))
    asked = set(stem_sequence(asking))
    conditions = [set(stem_sequence(words)) for words in comorbidities_in(describing).values()]
    history = history_stems(describing)
    marked = []
    for term in terms:
        stems = set(stem_sequence(term.label))
        finding = (
            term.kind in ("term", "word")
            and not term.required
            and not term.context
            and bool(stems)
            and stems <= described
            and not stems & asked
            and not any(stems <= condition for condition in conditions)
            and not stems & history
        )
        if finding:
            marked.append(replace(term, finding=True))
        else:
            marked.append(replace(
                term, asked=not term.context and bool(stems & asked), history=bool(stems) and stems <= history
            ))
    return marked
