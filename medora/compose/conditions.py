"""Conditions a question names in common words ("heart failure", "hay fever", "a stroke", "foot drop").

The term rules (compose/terms.py) keep a word only when it is rare in general English, so a condition spelled in
everyday words vanished from the question's terms: "Dad has heart failure and his knees are really sore. Can he take
ibuprofen?" kept only ibuprofen and was answered from the sore-throat overview's analgesia line. MeSH's disease trees
(compose/entities.py ``illnesses_in``: signs, symptoms and injuries left out) say which runs of words are a
condition; each such run no other term already holds becomes a term an answering source must name, by its words or
MeSH's name. A condition another term narrows ("heart failure with preserved ejection fraction") is that term's."""

from __future__ import annotations

import re

from medora.compose.findings import is_finding_word
from medora.compose.terms import GENERIC_WORDS, SpecificTerm, stem_sequence, synonym_groups

# MeSH files these as diseases, but in a question they say only that something is wrong
TOO_GENERAL = frozenset({"infection", "infections", "disease", "diseases", "syndrome", "disorder", "illness"})
# "with" or "without" and up to three words after a condition: a term among them narrows it
NARROWING = re.compile(r"\s+(?:with|without)\s+((?:[A-Za-z0-9-]+\s+){0,2}[A-Za-z0-9-]+)")


def condition_terms(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The ``terms`` and, after them, each condition the question names in words no term already holds."""
    from medora.compose.entities import illnesses_in  # loads its lexicon on first use

    held = {s for term in terms for text in (term.label, *term.forms) for s in stem_sequence(text)}
    added: list[SpecificTerm] = []
    for name, surface in illnesses_in(question).items():
        stems = stem_sequence(surface)
        if not stems or surface.lower() in TOO_GENERAL or all(s in GENERIC_WORDS for s in stems):
            continue
        if all(is_finding_word(word) for word in surface.split()):
            continue  # a sign the case shows ("hives", "a cough"): compose/case_findings.py reads those
        if any(s in held for s in stems) or _narrowed(question, surface, held):
            continue  # "Graves disease" after the eponym "Graves", "nephrotic syndrome" after "nephrotic"
        forms = [surface.lower()]
        if "," not in name:  # MeSH's inverted headings ("rhinitis, allergic, seasonal") are no one's wording
            forms.append(name)
        forms += [form for group in synonym_groups() if surface.lower() in group for form in group]
        added.append(SpecificTerm(label=surface, kind="term", forms=tuple(dict.fromkeys(forms)), phrase=surface))
        held.update(stems)
    return terms + added


def _narrowed(question: str, surface: str, held: set[str]) -> bool:
    """True when the condition is followed by "with" or "without" and, within three words, a word another term
    holds: "heart failure with preserved ejection fraction" is the HFpEF of the term "ejection"."""
    at = question.lower().find(surface.lower())
    if at < 0:
        return False
    follows = NARROWING.match(question[at + len(surface) :])
    return bool(follows) and any(s in held for s in stem_sequence(follows.group(1)))
