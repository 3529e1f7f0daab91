"""Source kind from what the publisher says: MEDLINE PublicationType first, study-design MeSH second."""

from __future__ import annotations

from collections.abc import Iterable

from medora.types import Kind

# Checked in order: the strongest design named wins.
_PUBLICATION_TYPES: list[tuple[Kind, tuple[str, ...]]] = [
    (Kind.GUIDELINE, ("practice guideline", "guideline", "consensus development conference")),
    (Kind.META_ANALYSIS, ("meta-analysis", "network meta-analysis")),
    (Kind.SYSTEMATIC_REVIEW, ("systematic review",)),
    (Kind.RCT, ("randomized controlled trial", "pragmatic clinical trial", "equivalence trial")),
    (Kind.CASE_REPORT, ("case reports",)),
    (Kind.NARRATIVE_REVIEW, ("review",)),
]

_DESIGN_MESH: list[tuple[Kind, tuple[str, ...]]] = [
    (Kind.RCT, ("random allocation", "double-blind method", "single-blind method")),
    (Kind.CASE_CONTROL, ("case-control studies",)),
    (
        Kind.COHORT,
        ("cohort studies", "prospective studies", "longitudinal studies", "follow-up studies", "retrospective studies"),
    ),
]

_JATS_ARTICLE_TYPES = {
    "review-article": Kind.NARRATIVE_REVIEW,
    "systematic-review": Kind.SYSTEMATIC_REVIEW,
    "case-report": Kind.CASE_REPORT,
    "practice-guideline": Kind.GUIDELINE,
    "guideline": Kind.GUIDELINE,
}


def kind_from_metadata(publication_types: Iterable[str] = (), mesh: Iterable[str] = ()) -> Kind:
    """The most specific kind the publication types or MeSH study-design headings support."""
    types = {value.strip().lower() for value in publication_types}
    for kind, names in _PUBLICATION_TYPES:
        if types.intersection(names):
            return kind
    headings = {value.strip().lower().split("/")[0] for value in mesh}
    for kind, names in _DESIGN_MESH:
        if headings.intersection(names):
            return kind
    return Kind.RESEARCH


def kind_from_jats(article_type: str | None, subjects: Iterable[str] = ()) -> Kind:
    """JATS ``article-type`` (and subject headings naming a design) to a kind."""
    by_subject = kind_from_metadata(subjects)
    if by_subject is not Kind.RESEARCH:
        return by_subject
    return _JATS_ARTICLE_TYPES.get((article_type or "").lower(), Kind.RESEARCH)


def kind_from_label(label: str | None) -> Kind:
    """A kind named in front matter or a reference list ('guideline', 'rct', …); unknown labels are research."""
    if not label:
        return Kind.RESEARCH
    wanted = label.strip().lower()
    for kind in Kind:
        if kind.value == wanted or kind.name.lower() == wanted.replace(" ", "_").replace("-", "_"):
            return kind
    return Kind.RESEARCH
