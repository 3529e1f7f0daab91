"""Article templates: the sections each question type gets, and where an editorial overview's sections go."""

from __future__ import annotations

import re

# The sections each question type's article offers, in order. The extractive layout (compose/layout.py) fills them
# from what each source is and says; the LLM composer is asked to write under these headings.
TEMPLATES: dict[str, list[str]] = {
    "management": ["Diagnostic approach", "Treatment algorithm", "Special considerations", "Common pitfalls", "When to refer"],
    "diagnosis": ["Clinical assessment", "Investigations", "Common pitfalls", "When to refer"],
    "drug_dose": ["Dosing", "Special populations", "Cautions and monitoring"],
    "prognosis": ["Outcomes", "Factors that change the outlook"],
    "aetiology": ["Causes and risk factors", "Assessment"],
    "comparison": ["How the options compare", "Special considerations", "Strength and limits of the evidence"],
    "yes_no": ["What the evidence shows", "Strength and limits of the evidence"],
    "overview": ["Key points", "Assessment", "Management", "When to refer"],
}

# Where an editorial overview's own sections go in an article (their labels come from the overview's headings).
_OVERVIEW_HEADINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^bottom line", re.I), "Bottom line"),
    (re.compile(r"^(assessment|diagnos|evaluation|work)", re.I), "Diagnostic approach"),
    (re.compile(r"^(management|treatment)", re.I), "Treatment algorithm"),
    (re.compile(r"^special", re.I), "Special considerations"),
    (re.compile(r"^pitfall", re.I), "Common pitfalls"),
    (re.compile(r"^(when to refer|referral)", re.I), "When to refer"),
]


# Where sections not named by the question's template go (an overview's own sections, mostly).
SECTION_ORDER = [
    "Diagnostic approach",
    "Clinical assessment",
    "Investigations",
    "Treatment algorithm",
    "Special considerations",
    "Common pitfalls",
    "When to refer",
]


def template_for(question_type: str) -> list[str]:
    """The section headings for ``question_type``."""
    if question_type not in TEMPLATES:
        raise ValueError(f"unknown question type {question_type!r}; choose one of {', '.join(TEMPLATES)}")
    return TEMPLATES[question_type]


def section_for_overview_label(label: str) -> tuple[str, str | None]:
    """(article heading, sub-heading) for an overview section label such as 'Management › Step 1 — Conservative'."""
    top, _, sub = label.partition(" › ")
    for pattern, heading in _OVERVIEW_HEADINGS:
        if pattern.search(top.strip()):
            return heading, (sub.strip() or None)
    return top.strip() or "Key points", (sub.strip() or None)
