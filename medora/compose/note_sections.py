"""The history sections of a clinician's note: "67M, PMH T2DM, OA knees. DH metformin 1g bd, atorvastatin 20, NKDA.
SH taxi driver, ex-smoker. c/o central CP x3h …".

A note lists the patient's past illnesses, medicines and life under headings; what it asks comes after. A drug listed
under "DH" (drug history) is the patient's own, as "on metformin" is (compose/terms.py marks it ``context``); what
"SH" (social history) tells (a job, smoking, who the patient lives with) is the case, never what the question asks
about. The headings and a note's other markers ("NKDA", "Adm", "nil") are no terms: no source names them, and the
question would read as partial for want of "PMH" (session 62: 19 of the thirty-second set's 20 clinicians' notes
were not answered from their overview). Past illnesses under "PMH" stay terms, since a comorbidity can decide a
treatment (compose/subject.py); the common ones that rarely do are read as background by compose/case_findings.py
(``with_listed_history``). What a note records under "O/E", "Obs", "Bloods", "Labs" or "Ix" are its readings
(``RESULTS``; compose/terms.py ``SpecificTerm.reading``): a source that names them names the case, one that does
not is not held to them."""

from __future__ import annotations

import re
from dataclasses import dataclass

DRUG_HISTORY, SOCIAL_HISTORY, PAST_HISTORY, RESULTS = "drugs", "social", "past", "results"
# A section's heading as notes write it, with what it lists
_HISTORY_HEADINGS: dict[str, str] = {
    "dh": DRUG_HISTORY, "dhx": DRUG_HISTORY, "meds": DRUG_HISTORY, "medications": DRUG_HISTORY,
    "sh": SOCIAL_HISTORY, "shx": SOCIAL_HISTORY,
    "pmh": PAST_HISTORY, "pmhx": PAST_HISTORY, "pmh/x": PAST_HISTORY,
}
# …and the examination and results a note records ("O/E BMI 29, BP 128/76. Bloods: HbA1c 50, eGFR 74, uACR 1.2")
HEADINGS: dict[str, str] = {
    **_HISTORY_HEADINGS,
    "o/e": RESULTS, "oe": RESULTS, "obs": RESULTS, "bloods": RESULTS, "labs": RESULTS, "ix": RESULTS,
}
# A note's markers, never a term: its headings, "no known drug allergies", "admitted", "nothing", "normal",
# "inpatient", "on examination", "complains of", "presenting complaint"
NOTE_MARKERS = frozenset(_HISTORY_HEADINGS) | frozenset({
    "fh", "fhx", "nkda", "nkfa", "nka", "adm", "nil", "nml", "inpt", "o/e", "oe", "c/o", "pc", "hpc",
}) | frozenset({"incr", "decr", "approx", "prev"})  # a note's shorthand for common words ("no incr bleeding risk")
# A heading opens a section at the start of the note or after a mark that ends a clause; the section runs to the
# full stop, semicolon or line break that ends it, or to the next heading
_HEADING = re.compile(
    r"(?:^|(?<=[.,;:\n]))\s*(?P<heading>" + "|".join(sorted(map(re.escape, HEADINGS), key=len, reverse=True))
    + r")\b\s*:?", re.IGNORECASE,
)
_SECTION_END = re.compile(r"\.(?:\s|$)|[;\n?]")


@dataclass(frozen=True)
class NoteSection:
    """A span of the question's characters listed under one heading, the heading excluded."""

    start: int
    end: int
    lists: str  # DRUG_HISTORY, SOCIAL_HISTORY or PAST_HISTORY


def note_sections(question: str) -> list[NoteSection]:
    """The history sections of a note, in order: "PMH HTN, gout. DH ramipril" holds a past-history section
    ("HTN, gout") and a drug-history one ("ramipril"). A heading word inside a sentence ("she says dh is fine") opens
    none."""
    headings = list(_HEADING.finditer(question))
    sections = []
    for number, match in enumerate(headings):
        limit = headings[number + 1].start() if number + 1 < len(headings) else len(question)
        end = _SECTION_END.search(question, match.end(), limit)
        sections.append(NoteSection(match.end(), end.start() if end else limit, HEADINGS[match["heading"].lower()]))
    return sections


def listed_under(sections: list[NoteSection], position: int) -> str | None:
    """What the section holding the character at ``position`` lists, or None outside every section."""
    return next((section.lists for section in sections if section.start <= position < section.end), None)


def listed_history(question: str, lists: tuple[str, ...] = (DRUG_HISTORY, SOCIAL_HISTORY, PAST_HISTORY)) -> list[str]:
    """The text of each of a note's sections that lists one of ``lists`` ("taxi driver, ex-smoker" for
    ``(SOCIAL_HISTORY,)``); every history section by default."""
    return [question[section.start : section.end] for section in note_sections(question) if section.lists in lists]


def is_note_marker(word: str) -> bool:
    """True for a note's heading or marker ("PMH", "NKDA", "Adm"): never a term."""
    return word.lower() in NOTE_MARKERS
