"""The certainty line of one article: the facts of each cited source (design, year, the direction of what it was
cited for) gathered for compose/certainty.py, which grades them."""

from __future__ import annotations

from medora.compose.certainty import EvidenceFacts, grade_certainty
from medora.compose.direction import finding_direction
from medora.compose.layout import sentence_role
from medora.compose.study_facts import study_design
from medora.types import Certainty, Evidence, KeyStudy, ReferenceEntry, Statement

NONE_ON_TOPIC = "No retrieved source addresses the question."
_FINDING_ROLES = ("conclusion", "result", "finding")


def article_certainty(
    references: list[ReferenceEntry],
    evidence: list[Evidence],
    statements: list[Statement],
    rows: list[KeyStudy],
    *,
    current_year: int,
) -> Certainty:
    """Graded from every cited source: a key-study row gives its source's direction, else the first finding sentence
    cited to it (background, methods and guideline sentences give none)."""
    by_passage = {item.passage_id: item for item in evidence}
    directions = {row.citation: row.direction for row in rows}
    for statement in statements:
        item = by_passage.get(statement.passage_id)
        label = statement.citations[0] if statement.citations else None
        if item is None or not label or label in directions or sentence_role(item) not in _FINDING_ROLES:
            continue
        directions[label] = finding_direction(statement.text)
    facts = []
    for reference in references:
        passages = [by_passage[pid] for pid in reference.passage_ids if pid in by_passage]
        if passages:
            facts.append(_facts(passages, directions.get(str(reference.number))))
    graded = grade_certainty(facts, current_year=current_year)
    if graded is None:
        return Certainty(level="very low", reason=NONE_ON_TOPIC)
    return Certainty(level=graded.level, reason=graded.reason)


def _facts(passages: list[Evidence], direction: str | None) -> EvidenceFacts:
    source = passages[0].source
    reviewed = source.last_reviewed or ""
    year = int(reviewed[:4]) if reviewed[:4].isdigit() else source.year
    return EvidenceFacts(
        design=study_design(source, [(p.section, p.text) for p in passages]),
        year=year,
        direction=direction,
        summarised=len(source.references),
    )
