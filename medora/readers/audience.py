"""The article for its reader: a step after composition, so the evidence and the citations never change.

- clinician: the article as composed.
- student: the same sentences, with a short definition of each glossary term and abbreviation on first use.
- patient: plain language. A library sentence the team has written a plain version of (``library/plain``) is shown
  in that version while the cited passage still holds the sentence (the version passes its check against that
  sentence). Any other sentence is rewritten (medical terms in everyday words from the lay glossary, doses
  taken out, long sentences split) and the rewrite is checked against the passage the sentence cites, read through
  the same glossary; a rewrite that fails the check is not used: the composed sentence stays, with the glossary's
  explanation in brackets, which does not alter its claim. Doses become "your clinician will choose the dose",
  urgent notices say what to do now, and the disclaimer is written for patients.

Every adapted statement keeps its citations and passage id; ``original`` keeps the composed sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from importlib import resources

from medora.compose.entities import drugs_in
from medora.compose.faithfulness import check_faithful, is_verbatim
from medora.compose.red_flags import load_red_flags
from medora.library.plain_versions import PlainEntry, plain_review_status, plain_version
from medora.readers.glossary import Entry, Found, find_terms, to_lay
from medora.readers.plain import (
    sentences_of,
    split_long,
    states_a_dose,
    without_asides,
    without_doses,
    without_statistics,
)
from medora.readers.plain_check import check_entry
from medora.types import Article, ArticleSection, Statement
from medora.yaml_text import load_yaml

AUDIENCES = ("clinician", "student", "patient")
DOSE_NOTICE = "Your clinician will choose the dose."
DISCLAIMERS = {
    "student": (
        "Medora summarises published evidence for learning. Definitions in brackets come from Medora's glossary, "
        "not from the cited sources. It is not a substitute for clinical teaching, supervision or the full "
        "guideline text."
    ),
    "patient": (
        "This page explains published medical research in everyday words. It is not advice about your own care: talk "
        "to your doctor, nurse or pharmacist before you start, stop or change any treatment. Words in brackets explain "
        "medical terms; they come from Medora's glossary, not from the sources. If you feel very unwell, call "
        "emergency services or go to A&E now."
    ),
}
PLAIN_VERSIONS_NOTE = (
    "The plain-language wording of Medora's library text was written by Medora's editors and checked against the "
    "cited sources; {review}"
)
PLAIN_REVIEW = {
    True: "the medical advisory board has reviewed it.",
    False: "like the library, it awaits review by the medical advisory board.",
}
PATIENT_HEADINGS = {
    "Diagnostic approach": "How it is diagnosed",
    "Clinical assessment": "What the doctor will check",
    "Investigations": "Tests",
    "Treatment algorithm": "Treatment, step by step",
    "Special considerations": "Special situations",
    "Special populations": "Special situations",
    "Common pitfalls": "Things that are easy to miss",
    "When to refer": "When to see a specialist",
    "Dosing": "Doses",
    "Cautions and monitoring": "Cautions and check-ups",
}
GENERIC_URGENT = "If you feel very unwell or your symptoms get worse quickly, call emergency services or go to A&E now."

Rewriter = Callable[[str], list[str]]


def plain_rewrites(text: str) -> list[str]:
    """Candidate plain-language versions of ``text``, most changed first: everyday words, no statistics, no asides
    and short sentences; then everyday words, no statistics and short sentences; everyday words and short sentences;
    everyday words alone; short sentences alone."""
    lay = to_lay(text)
    bare = without_statistics(lay)
    candidates = [_split(without_asides(bare)), _split(bare), _split(lay), lay, _split(text)]
    return [c for c in dict.fromkeys(candidates) if c != text]


def _split(text: str) -> str:
    return " ".join(piece for sentence in sentences_of(text) for piece in split_long(sentence))


def adapt_article(
    article: Article, audience: str, *, passages: Mapping[int, str], rewrite: Rewriter = plain_rewrites
) -> Article:
    """``article`` as its ``audience`` reads it. ``passages`` maps passage id → text (the passages the statements
    cite); a statement whose passage is missing is explained, never rewritten."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; choose one of {', '.join(AUDIENCES)}")
    adapted = article.model_copy(deep=True)
    adapted.audience = audience
    if audience == "clinician":
        return adapted
    explained: set[str] = set()
    for statement in reading_order(adapted):
        passage = passages.get(statement.passage_id) if statement.passage_id is not None else None
        if audience == "student":
            _explain(statement, explained, for_patient=False)
        elif statement.passage_id is not None:
            _for_patient(statement, passage, explained, rewrite)
    adapted.disclaimer = DISCLAIMERS[audience]
    statuses = {plain_review_status(s.original or "") for s in reading_order(adapted) if s.adaptation == "plain"}
    if statuses:
        adapted.disclaimer += " " + PLAIN_VERSIONS_NOTE.format(review=PLAIN_REVIEW[statuses == {"approved"}])
    if audience == "patient":
        adapted.urgent_notice = patient_notice(article.urgent_notice)
        for section in _sections(adapted.sections):
            section.heading = PATIENT_HEADINGS.get(section.heading, section.heading)
    return adapted


def reading_order(article: Article) -> Iterator[Statement]:
    """Statements in reading order: verdict, bottom line, then sections depth first."""
    if article.verdict is not None:
        yield from article.verdict.statements
    yield from article.bottom_line
    for section in _sections(article.sections):
        yield from section.statements


def _sections(sections: list[ArticleSection]) -> Iterator[ArticleSection]:
    for section in sections:
        yield section
        yield from _sections(section.subsections)


def _for_patient(statement: Statement, passage: str | None, explained: set[str], rewrite: Rewriter) -> None:
    original = statement.text
    gives_dose = states_a_dose(original)
    written = plain_version(original)  # written without the dose: it comes first, dose sentences included
    if written is not None and passage is not None and is_verbatim(original, passage):
        if not check_entry(PlainEntry(original, written)):  # the check `medora library check` runs, cached
            statement.original, statement.adaptation = original, "plain"
            statement.text, statement.quote = " ".join(p for p in (written, DOSE_NOTICE if gives_dose else "") if p), False
            return
    base = without_doses(original) if gives_dose else original
    if base is None:
        _dose_only(statement)
        return
    if base == original and gives_dose:  # the doses could not come out without a medicine or a clause with them
        _explain(statement, explained, for_patient=True)
        return
    text, support = None, None
    if passage is not None:
        lay_passage = to_lay(passage)
        for candidate in rewrite(base) + ([base] if base != original else []):
            checks = [check_faithful(piece, lay_passage) for piece in sentences_of(candidate)]
            if all(check.supported for check in checks):
                text, support = candidate, min(check.score for check in checks)
                break
    if text == original:
        return
    if text is None:
        if gives_dose:
            _dose_only(statement)
            return
        _explain(statement, explained, for_patient=True)
        return
    statement.original, statement.adaptation = original, "rewritten"
    statement.text, statement.quote, statement.support = text, False, support
    gloss = _gloss(text, explained, for_patient=True)
    statement.text = " ".join(part for part in (text, DOSE_NOTICE if gives_dose else "", gloss) if part)


def _dose_only(statement: Statement) -> None:
    """A sentence that is all dose: the reader is told who chooses it (naming the medicine, which the passage does)."""
    drugs = list(drugs_in(statement.text).values())
    statement.original, statement.adaptation, statement.quote = statement.text, "dose", False
    statement.text = f"Your clinician will choose the dose of {drugs[0]}." if drugs else DOSE_NOTICE


def _explain(statement: Statement, explained: set[str], *, for_patient: bool) -> None:
    """The composed sentence kept as it is, with definitions of its not yet explained terms in brackets."""
    gloss = _gloss(statement.text, explained, for_patient=for_patient, lay_too=for_patient)
    if gloss:
        statement.original, statement.adaptation = statement.text, "explained"
        statement.text = f"{statement.text} {gloss}"


def _gloss(text: str, explained: set[str], *, for_patient: bool, lay_too: bool = False) -> str:
    """'(Term: meaning. Other: meaning.)' for each glossary entry in ``text`` not explained earlier in the article.

    A patient's rewritten text needs no definition for words already replaced by everyday ones (``lay_too`` off);
    a patient's composed sentence gets the everyday words as the explanation (``lay_too`` on)."""
    items: list[str] = []
    for found in find_terms(text):
        entry = found.entry
        if entry.plain or entry.term in explained or (for_patient and found.lay and not lay_too and _in_lay(text, found)):
            continue
        explained.add(entry.term)
        items.append(_definition(entry, found.surface, found.lay, for_patient=for_patient))
    return f"({' '.join(items)})" if items else ""


def _in_lay(text: str, found: Found) -> bool:
    """Whether this use of the term is inside its own everyday words ('MRI' in 'MRI scan'): a term still standing
    as written in a rewritten sentence is one the everyday words could not replace, and it is explained instead."""
    lay, surface = (found.lay or "").lower(), found.surface.lower()
    offset = lay.find(surface)
    return offset >= 0 and found.start >= offset and text.lower().startswith(lay, found.start - offset)


def _definition(entry: Entry, surface: str, lay: str | None, *, for_patient: bool) -> str:
    name = surface if surface in entry.abbreviations else surface[:1].upper() + surface[1:]
    plain_enough = lay and surface.lower() not in lay.lower() and len(lay) < len(entry.means)
    meaning = lay if for_patient and plain_enough else entry.means
    if surface in entry.abbreviations and not for_patient:
        meaning = f"{entry.term}, {entry.means}"
    return f"{name}: {meaning}."


def patient_notice(notice: str | None) -> str | None:
    """The urgent notice as what to do now: each emergency named in it in the patient's words."""
    if not notice:
        return None
    actions = _urgent_actions()
    said = [actions[flag.name] for flag in load_red_flags() if flag.notice in notice and flag.name in actions]
    return " ".join(said) or GENERIC_URGENT


@lru_cache(maxsize=1)
def _urgent_actions() -> dict[str, str]:
    text = resources.files("medora.readers").joinpath("data/urgent_actions.yaml").read_text(encoding="utf-8")
    return {item["name"]: item["patient"] for item in load_yaml(text)}
