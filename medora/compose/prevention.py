"""What a question asks a medicine to prevent, and in whom: terms a source must name to answer it.

"Should I take aspirin every day to prevent a heart attack? I'm 60 and healthy." was answered from the stroke
overview, which names aspirin (for a stroke or a TIA that has happened) and never a heart attack: the question's
only term was the drug. Two things were lost:

- **A heart attack prevented is a condition.** MeSH's disease dictionary (compose/conditions.py) has no "heart
  attack", so the condition a medicine is asked to prevent vanished. Written after a prevention phrase ("to prevent
  a heart attack", "lower my risk of heart attacks") it is now a term, named by "myocardial infarction" or "MI" as
  well, and paired with the drug (compose/together.py: "prevent" is a for-word). A heart attack the patient had is
  left to the case rules: "I have type 2 diabetes and had a heart attack" is answered by the diabetes overview's
  "established cardiovascular disease".
- **A healthy person's prevention of a heart attack or stroke is primary prevention**, as a clinician would write
  it ("aspirin for primary prevention" is already a term, compose/terms.py ``COMPOUND_TERMS``). The stroke overview's
  aspirin and statins are for people who have had a stroke; "I'm 65 and healthy, should I take a statin to prevent
  a stroke?" asks what the lipid overview says of primary prevention. The term is added only for a cardiovascular
  event prevented with a medicine asked about, where the question says the person is well: other prevention in well
  people (vitamin D against falls in the fit) is written in other words ("community-dwelling")."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from medora.compose.terms import SpecificTerm, stem_sequence, synonym_groups

# "to prevent", "stop me having", "lower my risk of", "reduce the chance of", "protect against", then a few words
_PREVENTING = (
    r"\b(?:prevent(?:s|ing|ion of)?|avoid(?:s|ing)?|protect(?:s|ing)?\s+(?:me\s+|him\s+|her\s+|them\s+)?against|"
    r"(?:risk|chances?)\s+of|stop(?:s|ping)?\s+(?:me|him|her|them|you|us)\s+(?:from\s+)?(?:having|getting))"
)
_ARTICLE = r"(?:\s+(?:a|an|another|any|further|future|more|my|his|her|their))?"
HEART_ATTACK = re.compile(rf"{_PREVENTING}{_ARTICLE}\s+(?P<condition>heart\s+attacks?)\b", re.IGNORECASE)
# sources on prevention write of the cardiovascular events a heart attack is one of ("intensity matched to
# cardiovascular risk"): broader words that contain it name it too (as in compose/data/lay_terms.yaml)
CARDIOVASCULAR_FORMS = (
    "cardiovascular disease", "cardiovascular events", "cardiovascular event", "cardiovascular risk",
    "coronary heart disease", "coronary artery disease",
)
HEART_ATTACK_ABBREVIATIONS = ("MI", "STEMI", "NSTEMI")

# the cardiovascular events whose prevention in a well person is primary prevention
_CARDIOVASCULAR = r"(?:heart\s+attacks?|strokes?|heart\s+(?:disease|problems?|trouble)|cardiovascular\s+\w+|clots?)"
CARDIOVASCULAR_PREVENTED = re.compile(rf"{_PREVENTING}{_ARTICLE}\s+{_CARDIOVASCULAR}\b", re.IGNORECASE)
# the person is well: "I'm 60 and healthy", "fit and well", "no heart problems", "never had a stroke"
HEALTHY = re.compile(
    r"\b(?:healthy|fit\s+and\s+well|in\s+good\s+health|no\s+(?:health|heart|medical)\s+(?:problems?|issues|"
    r"conditions?)|never\s+had\s+(?:a\s+|any\s+)?(?:heart\s+attack|stroke|heart\s+problems?))\b",
    re.IGNORECASE,
)
PRIMARY_PREVENTION_FORMS = ("primary prevention",)


@lru_cache(maxsize=1)
def heart_attack_forms() -> tuple[str, ...]:
    """"heart attack" and what the clinical synonym groups write for it (retrieve/data/synonyms.tsv: "myocardial
    infarction"), then the broader cardiovascular words; a plural is matched by its stem."""
    group = next((group for group in synonym_groups() if "heart attack" in group), ["heart attack"])
    return tuple(dict.fromkeys([*group, *CARDIOVASCULAR_FORMS]))


def prevention_terms(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The ``terms`` and, after them, a heart attack the question asks to prevent and, for a well person asking a
    medicine to prevent a cardiovascular event, primary prevention (see the module's docstring)."""
    held = {s for term in terms for text in (term.label, *term.forms) for s in stem_sequence(text)}
    added: list[SpecificTerm] = []
    prevented = HEART_ATTACK.search(question)
    if prevented and not set(stem_sequence("myocardial infarction")) <= held:
        said = prevented.group("condition")
        added.append(SpecificTerm(label=said, kind="term", forms=heart_attack_forms(),
                                  abbreviations=HEART_ATTACK_ABBREVIATIONS, phrase=said))
    well = HEALTHY.search(question)
    medicine = any(term.kind == "drug" and not term.context for term in terms)
    if not (well and medicine and CARDIOVASCULAR_PREVENTED.search(question)):
        return terms + added
    if not any(set(term.forms) & set(PRIMARY_PREVENTION_FORMS) for term in terms):
        added.append(SpecificTerm(label=well.group(0), kind="term", forms=PRIMARY_PREVENTION_FORMS,
                                  phrase="primary prevention", required=True))
    # a stroke a well person would prevent is one of the cardiovascular events primary prevention is written about
    stroke = set(stem_sequence("stroke"))
    return [
        replace(term, forms=tuple(dict.fromkeys(term.forms + CARDIOVASCULAR_FORMS)))
        if term.kind == "term" and set(stem_sequence(term.label)) == stroke else term
        for term in terms
    ] + added
