"""Question analysis: what sort of question it is, what it names, and whether it points at an emergency."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

QUESTION_TYPES = (
    "management",
    "diagnosis",
    "drug_dose",
    "prognosis",
    "aetiology",
    "comparison",
    "yes_no",
    "overview",
)

# Checked in order; the first pattern that matches decides. Yes/no comes before management so that
# "Does X reduce Y?" is a verdict question, comparison before both so that "A or B?" compares.
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("drug_dose", re.compile(r"\b(dose|dosage|dosing|mg\b|how much|titrat|maximum daily)", re.I)),
    ("comparison", re.compile(r"\b(vs\.?|versus|compared (with|to)|better than|superior to|or)\b.*\?|\bcompare\b", re.I)),
    (
        "yes_no",
        re.compile(r"^\s*(is|are|does|do|did|can|could|should|was|were|has|have|will)\b(?!.*\b(how|what|which)\b)", re.I),
    ),
    ("management", re.compile(r"\b(manag|treat|therap|approach|should .* be (managed|treated)|first[- ]line|surgery)", re.I)),
    ("diagnosis", re.compile(r"\b(diagnos|work[- ]?up|investigat|test(s|ing)?\b|imaging|screen|evaluat|assess)", re.I)),
    ("prognosis", re.compile(r"\b(prognos|outcome|survival|recover|life expectancy|natural history|mortality)", re.I)),
    ("aetiology", re.compile(r"\b(cause|caus|risk factor|etiolog|aetiolog|why does|associated with)", re.I)),
]


@dataclass(frozen=True)
class RedFlag:
    name: str
    terms: tuple[str, ...]
    notice: str


@dataclass
class QuestionAnalysis:
    question: str
    question_type: str
    entities: list[str] = field(default_factory=list)
    red_flags: list[RedFlag] = field(default_factory=list)


def classify_question(question: str) -> str:
    """One of QUESTION_TYPES; unmatched questions get an overview."""
    if re.search(r"\bvs\.?\b|\bversus\b", question, re.I):
        return "comparison"
    for name, pattern in _RULES:
        if name == "comparison" and not re.search(r"\b(vs\.?|versus|compared|better than|superior to)\b", question, re.I):
            continue
        if pattern.search(question):
            return name
    return "overview"


@lru_cache(maxsize=1)
def load_red_flags() -> tuple[RedFlag, ...]:
    text = resources.files("medora.compose").joinpath("data/red_flags.yaml").read_text(encoding="utf-8")
    return tuple(RedFlag(item["name"], tuple(t.lower() for t in item["terms"]), item["notice"]) for item in yaml.safe_load(text))


def find_red_flags(text: str) -> list[RedFlag]:
    """Red flags whose terms appear in ``text`` as whole words."""
    lowered = f" {' '.join(re.findall(r'[a-z0-9]+', text.lower()))} "
    return [
        flag
        for flag in load_red_flags()
        if any(f" {' '.join(re.findall(r'[a-z0-9]+', term))} " in lowered for term in flag.terms)
    ]


_LEADING = re.compile(
    r"^(what|how|which|when|why|who|is|are|does|do|can|should|could|was|were|in|for|the|a|an)\b\s*", re.I
)


def extract_entities(question: str) -> list[str]:
    """The question's noun phrases, crudely: word runs between function words (condition, intervention…)."""
    stop = r"\b(?:is|are|does|do|can|should|be|the|a|an|of|in|for|with|to|and|or|what|how|which|when|why|best|approach|managing|manage|managed|treat|treated|treating|treatment|management|patients?|adults?|people)\b"
    text = _LEADING.sub("", question.strip().rstrip("?"))
    parts = [p.strip(" ,;:-") for p in re.split(stop, text, flags=re.I)]
    return [p for p in parts if len(p) > 2][:6]


def analyse_question(question: str) -> QuestionAnalysis:
    return QuestionAnalysis(
        question=question,
        question_type=classify_question(question),
        entities=extract_entities(question),
        red_flags=find_red_flags(question),
    )
