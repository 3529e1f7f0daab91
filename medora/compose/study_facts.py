"""What a study is, as its record states it: design, size and population. Never invented: a fact the text does not
state is None.

- design: the record's publication type when it has one (RCT, cohort, meta-analysis…), else the design its title
  names, else the one a non-background passage says of the study itself ('patients were randomised', 'this
  retrospective cohort'; not 'two randomised trials found…'), else 'study';
- size: the largest count of people the text states, as written ('n = 1,234', '1,234 patients');
- population: the people that count describes ('patients with acute ischaemic stroke'), else the MeSH age and
  pregnancy headings of the record ('adults; older adults').
Pure functions over strings and Sources."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medora.types import Kind, Source

_KIND_DESIGN = {
    Kind.GUIDELINE: "guideline",
    Kind.EDITORIAL_SUMMARY: "editorial overview",
    Kind.SYSTEMATIC_REVIEW: "systematic review",
    Kind.META_ANALYSIS: "meta-analysis",
    Kind.RCT: "RCT",
    Kind.COHORT: "cohort study",
    Kind.CASE_CONTROL: "case-control study",
    Kind.CASE_REPORT: "case report",
    Kind.NARRATIVE_REVIEW: "narrative review",
    Kind.CONSUMER_HEALTH: "consumer health page",
}
# Most specific first: a meta-analysis of randomised trials is a meta-analysis. A title names the study's own design;
# body text often names others' ("two randomised trials found…"), so there only self-describing phrases count.
_SELF = r"(?:this|our|the present|the current|we (?:performed|conducted|carried out|undertook|did|report)(?: an?)?)"
_TITLE_DESIGNS: list[tuple[str, re.Pattern[str]]] = [
    ("meta-analysis", re.compile(r"\bmeta-?analys[ie]s\b", re.I)),
    ("systematic review", re.compile(r"\bsystematic (?:literature )?review\b", re.I)),
    ("RCT", re.compile(r"\brandomi[sz]ed\b|\bRCT\b", re.I)),
    ("case-control study", re.compile(r"\bcase-control\b", re.I)),
    ("cohort study", re.compile(r"\bcohort\b|\b(?:prospective|retrospective) (?:\w+ )?(?:study|analysis)\b", re.I)),
    ("cross-sectional study", re.compile(r"\bcross-sectional\b", re.I)),
    ("case report", re.compile(r"\bcase reports?\b", re.I)),
]
_TEXT_DESIGNS: list[tuple[str, re.Pattern[str]]] = [
    ("meta-analysis", re.compile(rf"\b{_SELF} (?:\w+[- ]){{0,3}}meta-?analysis\b", re.I)),
    ("systematic review", re.compile(rf"\b{_SELF} (?:\w+[- ]){{0,2}}systematic review\b", re.I)),
    ("RCT", re.compile(
        rf"\b(?:were|was) randomi[sz]ed\b|\brandomly (?:assigned|allocated)\b|\bwe randomi[sz]ed\b|"
        rf"\b{_SELF} (?:\w+[- ]){{0,3}}randomi[sz]ed\b", re.I)),
    ("case-control study", re.compile(rf"\b{_SELF} (?:\w+[- ]){{0,3}}case-control\b", re.I)),
    ("cohort study", re.compile(
        rf"\b{_SELF} (?:\w+[- ]){{0,3}}cohort\b|\bin a (?:prospective|retrospective) cohort\b", re.I)),
    ("cross-sectional study", re.compile(rf"\b{_SELF} (?:\w+[- ]){{0,3}}cross-sectional\b", re.I)),
    ("case report", re.compile(r"\bwe (?:report|describe|present) (?:a|an|the case)\b", re.I)),
]
_BACKGROUND_SECTION = re.compile(r"^(?:background|introduction|context|rationale|objectives?|purpose|aims?)\b", re.I)

_PEOPLE = (
    r"patients|participants|subjects|persons|people|individuals|adults|children|infants|neonates|newborns|"
    r"adolescents|women|men|mothers|pregnant women|volunteers|residents|veterans|smokers|students|workers|cases|"
    r"survivors|donors|recipients|users|eyes"
)
_COUNT = r"\d{1,3}(?:,\d{3})+|\d+"
_N_EQUALS = re.compile(rf"\b[nN]\s*=\s*(?P<count>{_COUNT})(?![\d.,]\d)")
_COUNT_OF_PEOPLE = re.compile(
    rf"(?<![\w/.,-])(?<!per )(?P<count>{_COUNT})(?![.,]\d)\s+(?P<adjectives>(?:[a-z][a-z-]*\s+){{0,2}}?)"
    rf"(?P<people>{_PEOPLE})\b(?!-years|\s+years)(?P<qualifier>\s+(?:with|undergoing|who had|admitted|aged|receiving|"
    r"treated|after|presenting with|diagnosed with|hospitali[sz]ed (?:with|for))\s+[^,;:.()]{3,80})?",
    re.I,
)
_QUALIFIER_END = re.compile(r"\s+(?:who|were|was|and were|that|which|whom|from|in whom|between|during|at)\b.*$", re.I)
_MESH_POPULATIONS = {
    "Infant, Newborn": "newborns",
    "Infant": "infants",
    "Child, Preschool": "children",
    "Child": "children",
    "Adolescent": "adolescents",
    "Young Adult": "young adults",
    "Adult": "adults",
    "Middle Aged": "middle-aged adults",
    "Aged": "older adults",
    "Aged, 80 and over": "adults aged 80 and over",
    "Pregnancy": "pregnant women",
}


@dataclass(frozen=True)
class StudySize:
    participants: int
    text: str  # as written in the source


def study_design(source: Source, texts: list[tuple[str, str]] = ()) -> str:
    """The design: publication type, else the one the title or a (section, text) passage outside the background
    names, else 'study'."""
    if source.kind in _KIND_DESIGN:
        return _KIND_DESIGN[source.kind]
    for design, pattern in _TITLE_DESIGNS:
        if pattern.search(source.title or ""):
            return design
    stated = [text for section, text in texts if not _BACKGROUND_SECTION.match(section or "")]
    for design, pattern in _TEXT_DESIGNS:
        if any(pattern.search(text or "") for text in stated):
            return design
    return "study"


def study_size(text: str) -> StudySize | None:
    """The largest count of people the text states ('n = 1,234', '1,234 patients', '56 consecutive women'), as
    written; None when it states none. Rates ('per 1000 patients') and person-years are not sizes."""
    found = [(int(m["count"].replace(",", "")), m.group(0).strip()) for m in _N_EQUALS.finditer(text)]
    found += [
        (int(m["count"].replace(",", "")), f"{m['count']} {m['adjectives']}{m['people']}")
        for m in _COUNT_OF_PEOPLE.finditer(text)
        if not _is_year(m["count"], text[: m.start()])
    ]
    found = [(count, shown) for count, shown in found if count > 0]
    if not found:
        return None
    count, shown = max(found, key=lambda entry: entry[0])
    return StudySize(count, shown)


_YEAR_CONTEXT = re.compile(r"\b(?:in|since|from|during|until|by|before|after|between|of)\s*$", re.I)


def _is_year(count: str, before: str) -> bool:
    """'In 2010 patients were recruited': a year, not a count."""
    return count.isdigit() and 1900 <= int(count) <= 2099 and bool(_YEAR_CONTEXT.search(before))


def study_population(text: str, mesh: list[str] | tuple[str, ...] = ()) -> str | None:
    """Who was studied, in the text's words ('patients with type 2 diabetes'), else from MeSH age headings."""
    described = []
    for match in _COUNT_OF_PEOPLE.finditer(text):
        qualifier = _QUALIFIER_END.sub("", match["qualifier"] or "").strip()
        if qualifier:
            described.append(f"{match['adjectives']}{match['people']} {qualifier}".strip())
    if described:
        return max(described, key=len)
    groups = list(dict.fromkeys(_MESH_POPULATIONS[h] for h in mesh if h in _MESH_POPULATIONS))
    return "; ".join(groups) or None
