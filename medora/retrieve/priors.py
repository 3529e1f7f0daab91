"""Evidence-level and recency priors: multiplicative nudges on a fused score. Pure functions."""

from __future__ import annotations

from medora.types import Kind

# Guideline > systematic review / meta-analysis > RCT > cohort > case-control > case report; narrative last among
# research. Editorial overviews sit just under guidelines: they summarise them but are not themselves primary.
EVIDENCE_LEVEL: dict[str, float] = {
    Kind.GUIDELINE.value: 1.0,
    Kind.EDITORIAL_SUMMARY.value: 0.95,
    Kind.META_ANALYSIS.value: 0.85,
    Kind.SYSTEMATIC_REVIEW.value: 0.85,
    Kind.RCT.value: 0.7,
    Kind.COHORT.value: 0.5,
    Kind.CASE_CONTROL.value: 0.45,
    Kind.RESEARCH.value: 0.4,
    Kind.CASE_REPORT.value: 0.2,
    Kind.NARRATIVE_REVIEW.value: 0.3,
    Kind.CONSUMER_HEALTH.value: 0.3,
}


def evidence_prior(kind: str, *, weight: float) -> float:
    """1 + weight × level, so a guideline gains ``weight`` over nothing and a case report a fifth of it."""
    return 1.0 + weight * EVIDENCE_LEVEL.get(kind, 0.4)


def recency_prior(year: int | None, *, current_year: int, weight: float, half_life_years: float) -> float:
    """1 + weight × 0.5^(age / half-life); an undated source gets the prior of a half-life-old one."""
    age = half_life_years if year is None else max(current_year - year, 0)
    return 1.0 + weight * 0.5 ** (age / half_life_years)
