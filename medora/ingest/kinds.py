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


# Article types as publishers write them in HTML ``citation_article_type`` / ``DC.type`` or front matter, beyond
# the kind names themselves and the MEDLINE publication types (looked up after normalising case, spelling and
# punctuation: "Randomised Controlled Trial", "randomized-controlled-trial" and "RCT" are one type).
_ARTICLE_TYPES = {
    "rct": Kind.RCT,
    "randomized trial": Kind.RCT,
    "randomized clinical trial": Kind.RCT,
    "clinical practice guideline": Kind.GUIDELINE,
    "consensus statement": Kind.GUIDELINE,
    "recommendation": Kind.GUIDELINE,
    "meta analysis": Kind.META_ANALYSIS,
    "systematic review and meta analysis": Kind.META_ANALYSIS,
    "cochrane review": Kind.SYSTEMATIC_REVIEW,
    "cohort study": Kind.COHORT,
    "prospective study": Kind.COHORT,
    "retrospective study": Kind.COHORT,
    "case control study": Kind.CASE_CONTROL,
    "case report": Kind.CASE_REPORT,
    "review article": Kind.NARRATIVE_REVIEW,
    "narrative review": Kind.NARRATIVE_REVIEW,
    "patient information": Kind.CONSUMER_HEALTH,
}


def _normalise_type(label: str) -> str:
    words = label.strip().lower().replace("randomised", "randomized").replace("-", " ").replace("_", " ").split()
    return " ".join(words)


def kind_from_label(label: str | None) -> Kind:
    """A kind named in front matter, a reference list or an article-type field ('guideline', 'rct',
    'Randomized Controlled Trial', 'Review Article', …); unknown labels are research articles."""
    if not label:
        return Kind.RESEARCH
    wanted = _normalise_type(label)
    for kind in Kind:
        if _normalise_type(kind.value) == wanted or kind.name.lower().replace("_", " ") == wanted:
            return kind
    if wanted in _ARTICLE_TYPES:
        return _ARTICLE_TYPES[wanted]
    for kind, names in _PUBLICATION_TYPES:
        if wanted in {_normalise_type(name) for name in names}:
            return kind
    return Kind.RESEARCH
