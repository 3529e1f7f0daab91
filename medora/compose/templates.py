"""Article templates: the sections each question type gets, and where a sentence belongs among them."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SectionRule:
    heading: str
    pattern: re.Pattern[str] | None  # None: the catch-all section of the template


def _rule(heading: str, words: str | None) -> SectionRule:
    return SectionRule(heading, re.compile(words, re.I) if words else None)


_DIAGNOSIS = r"\b(diagnos\w*|mri|ct\b|imaging|emg|electromyograph\w*|nerve conduction|examination|exam\b|assess\w*|test\w*|history|sign\w*|symptom\w*|score|criteria|ultrasound|x-ray|biopsy|screen\w*|d-dimer|troponin|ecg|spirometr\w*)"
_TREATMENT = r"\b(treat\w*|therap\w*|manag\w*|surg\w*|decompress\w*|operat\w*|injection|physiotherap\w*|orthosis|brace|drug|medication|dose|mg\b|first[- ]line|second[- ]line|start\w*|initiat\w*|prescrib\w*|antibiotic\w*|rehabilitat\w*|exercise)"
_SPECIAL = r"\b(pregnan\w*|child\w*|paediatric|pediatric|older|elderly|frail|renal impairment|kidney disease|hepatic|breastfeed\w*|comorbid\w*|diabet\w*|anticoagula\w*)"
_PITFALLS = r"\b(pitfall\w*|mistak\w*|misdiagnos\w*|miss\w*|delay\w*|avoid\w*|overlook\w*|confus\w*|mimic\w*|caution|should not|do not|don't)"
_REFER = r"\b(refer\w*|specialist|urgent\w*|emergenc\w*|same[- ]day)"
_PROGNOSIS = r"\b(prognos\w*|outcome\w*|recover\w*|surviv\w*|mortality|natural history|improv\w*)"
_CAUSE = r"\b(caus\w*|risk factor\w*|associat\w*|aetiolog\w*|etiolog\w*|pathophysiolog\w*|mechanism)"
_LIMITS = r"\b(limitation\w*|small sample|heterogene\w*|bias|low[- ]quality|low certainty|further (research|studies)|underpowered)"

TEMPLATES: dict[str, list[SectionRule]] = {
    "management": [
        _rule("Diagnostic approach", _DIAGNOSIS),
        _rule("Treatment algorithm", None),
        _rule("Special considerations", _SPECIAL),
        _rule("Common pitfalls", _PITFALLS),
        _rule("When to refer", _REFER),
    ],
    "diagnosis": [
        _rule("Clinical assessment", r"\b(history|exam\w*|sign\w*|symptom\w*|present\w*)"),
        _rule("Investigations", None),
        _rule("Common pitfalls", _PITFALLS),
        _rule("When to refer", _REFER),
    ],
    "drug_dose": [
        _rule("Dosing", None),
        _rule("Special populations", _SPECIAL),
        _rule("Cautions and monitoring", r"\b(monitor\w*|adverse|side effect\w*|contraindicat\w*|interact\w*|caution)"),
    ],
    "prognosis": [_rule("Outcomes", None), _rule("Factors that change the outlook", _CAUSE)],
    "aetiology": [_rule("Causes and risk factors", None), _rule("Assessment", _DIAGNOSIS)],
    "comparison": [
        _rule("How the options compare", None),
        _rule("Special considerations", _SPECIAL),
        _rule("Strength and limits of the evidence", _LIMITS),
    ],
    "yes_no": [_rule("What the evidence shows", None), _rule("Strength and limits of the evidence", _LIMITS)],
    "overview": [
        _rule("Key points", None),
        _rule("Assessment", _DIAGNOSIS),
        _rule("Management", _TREATMENT),
        _rule("When to refer", _REFER),
    ],
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


def template_for(question_type: str) -> list[SectionRule]:
    if question_type not in TEMPLATES:
        raise ValueError(f"unknown question type {question_type!r}; choose one of {', '.join(TEMPLATES)}")
    return TEMPLATES[question_type]


def section_for_sentence(sentence: str, rules: list[SectionRule]) -> str:
    """The first keyword section the sentence names, else the template's catch-all section."""
    catch_all = next(rule.heading for rule in rules if rule.pattern is None)
    for rule in rules:
        if rule.pattern is not None and rule.pattern.search(sentence):
            return rule.heading
    return catch_all


def section_for_overview_label(label: str) -> tuple[str, str | None]:
    """(article heading, sub-heading) for an overview section label such as 'Management › Step 1 — Conservative'."""
    top, _, sub = label.partition(" › ")
    for pattern, heading in _OVERVIEW_HEADINGS:
        if pattern.search(top.strip()):
            return heading, (sub.strip() or None)
    return top.strip() or "Key points", (sub.strip() or None)
