"""How far to trust an article's answer, in one GRADE-style line: high, moderate, low or very low, with the reason.

Like GRADE, the body of evidence starts from its best design and is rated down for what weakens it; unlike GRADE,
nothing here reads risk of bias or effect sizes, so the line says what it rests on (kinds, number, recency and
agreement of the on-topic sources the article cites) and no more:
- start: a guideline, meta-analysis or systematic review, or RCTs: high; an editorial overview (it summarises
  guidelines but is not appraised here): moderate; observational or unclassified studies: low; case reports,
  narrative reviews and consumer pages alone: very low;
- rated down one level each for a single source, for disagreement (the findings that point somewhere point
  different ways, the commonest direction held by under three quarters of them), and for age (the newest dated
  source more than ``STALE_YEARS`` old).
A pure function of plain facts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from medora.compose.direction import BENEFIT, HARM, NO_DIFFERENCE

LEVELS = ("very low", "low", "moderate", "high")
STALE_YEARS = 10
AGREEMENT = 0.75

_START = {
    "guideline": 3,
    "meta-analysis": 3,
    "systematic review": 3,
    "RCT": 3,
    "editorial overview": 2,
    "cohort study": 1,
    "case-control study": 1,
    "cross-sectional study": 1,
    "study": 1,
}  # anything else (case report, narrative review, consumer health page): 0, very low
_PLURALS = {"study": "studies", "analysis": "analyses", "RCT": "RCTs"}


@dataclass(frozen=True)
class EvidenceFacts:
    """One on-topic cited source: its design (compose/study_facts.py), year, the direction of its finding (None when
    none was read) and, for an editorial overview, how many references it summarises."""

    design: str
    year: int | None = None
    direction: str | None = None
    summarised: int = 0


@dataclass(frozen=True)
class Certainty:
    level: str
    reason: str


def grade_certainty(facts: list[EvidenceFacts], *, current_year: int) -> Certainty | None:
    """The certainty line for a body of evidence; None when there is none."""
    if not facts:
        return None
    level = max(_START.get(item.design, 0) for item in facts)
    lowered = []
    if len(facts) == 1 and facts[0].summarised < 2:
        lowered.append("a single source")
    directions = Counter(item.direction for item in facts if item.direction in (BENEFIT, HARM, NO_DIFFERENCE))
    if len(directions) > 1 and directions.most_common(1)[0][1] / sum(directions.values()) < AGREEMENT:
        lowered.append("findings that disagree (" + ", ".join(f"{n} {d}" for d, n in directions.most_common()) + ")")
    years = [item.year for item in facts if item.year]
    if years and current_year - max(years) > STALE_YEARS:
        lowered.append(f"no source newer than {max(years)}")
    level = max(level - len(lowered), 0)
    reason = f"{describe_designs(facts)}{_span(years)}"
    if len(directions) == 1 and sum(directions.values()) > 1:
        reason += f"; their findings agree ({next(iter(directions))})"
    if lowered:
        reason += "; rated down for " + " and ".join(lowered)
    return Certainty(LEVELS[level], reason + ".")


def describe_designs(facts: list[EvidenceFacts]) -> str:
    """'2 RCTs and 1 cohort study', most frequent design first."""
    counts = Counter(item.design for item in facts)
    parts = [f"{count} {_plural(design) if count > 1 else design}" for design, count in counts.most_common()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" and {parts[-1]}"


def _plural(design: str) -> str:
    head, _, last = design.rpartition(" ")
    last = _PLURALS.get(last, last + "s")
    return f"{head} {last}".strip()


def _span(years: list[int]) -> str:
    if not years:
        return ""
    low, high = min(years), max(years)
    return f" ({low})" if low == high else f" ({low}–{high})"
