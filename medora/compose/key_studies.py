"""The key-studies table of yes/no and comparison articles, and the counts that group its rows.

Each row is one cited study of the pool: its design, year, size and population as the record states them
(compose/study_facts.py), its finding as a verbatim sentence of its conclusions or results (else of an unlabelled
finding such as a BioASQ excerpt; never of its background or methods), and that finding's direction
(compose/direction.py). Rows with the same direction are then counted in one sentence: "Three RCTs found a benefit
[2–4]." Guidelines, overviews and consumer pages are not studies and get no row."""

from __future__ import annotations

from collections import defaultdict

from medora.compose.certainty import EvidenceFacts, describe_designs
from medora.compose.citations import CitationBook
from medora.compose.direction import BENEFIT, HARM, NO_DIFFERENCE, finding_direction
from medora.compose.extractive import Candidate, candidates_from
from medora.compose.layout import sentence_role, verified_statement
from medora.compose.study_facts import study_design, study_population, study_size
from medora.retrieve.priors import EVIDENCE_LEVEL
from medora.settings import Settings
from medora.types import Evidence, KeyStudy, Kind, Statement

NOT_STUDIES = {Kind.GUIDELINE, Kind.EDITORIAL_SUMMARY, Kind.CONSUMER_HEALTH}
MAX_ROWS = 8
_FINDING_ORDER = {"conclusion": 0, "result": 1, "finding": 2}
_FOUND = {BENEFIT: "found a benefit", HARM: "found harm", NO_DIFFERENCE: "found no difference"}
_NUMBER_WORDS = "zero one two three four five six seven eight nine ten".split()


def key_study_rows(
    question: str, pool: list[Evidence], book: CitationBook, settings: Settings, dropped: list[Statement]
) -> list[KeyStudy]:
    """A row for each study in the pool with a finding sentence, highest evidence level first, then as ranked."""
    by_source: dict[int, list[Evidence]] = defaultdict(list)
    for item in pool:
        if item.source.kind not in NOT_STUDIES:
            by_source[item.source_id].append(item)
    order = list(by_source)
    ranked = sorted(order, key=lambda sid: (-EVIDENCE_LEVEL.get(by_source[sid][0].source.kind.value, 0.4), order.index(sid)))
    rows = []
    for source_id in ranked:
        if len(rows) >= MAX_ROWS:
            break
        row = _row(question, by_source[source_id], book, settings, dropped)
        if row is not None:
            rows.append(row)
    return rows


def _row(
    question: str, passages: list[Evidence], book: CitationBook, settings: Settings, dropped: list[Statement]
) -> KeyStudy | None:
    finding = _finding(question, passages)
    if finding is None:
        return None
    statement = verified_statement(finding, book, settings, dropped)
    if statement is None:
        return None
    source = passages[0].source
    text = " ".join([source.title] + [item.text for item in passages])
    size = study_size(text)
    return KeyStudy(
        design=study_design(source, [(item.section, item.text) for item in passages]),
        year=source.year,
        size=size.text if size else None,
        participants=size.participants if size else None,
        population=study_population(text, source.mesh),
        finding=statement,
        section=finding.evidence.section,
        direction=finding_direction(finding.text),
        citation=statement.citations[0],
    )


def _finding(question: str, passages: list[Evidence]) -> Candidate | None:
    """The study's sentence that best answers: conclusions before results before unlabelled findings, then the one
    with a readable direction, then the most relevant."""
    candidates = [c for c in candidates_from(passages, question) if sentence_role(c.evidence) in _FINDING_ORDER]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda c: (
            _FINDING_ORDER[sentence_role(c.evidence)],
            finding_direction(c.text) not in _FOUND,
            -c.relevance,
        ),
    )


def count_statements(rows: list[KeyStudy]) -> list[Statement]:
    """One sentence per direction held by two or more rows: 'Three RCTs found a benefit [2–4].' Each cites the rows it
    counts (their findings are the verbatim support); unclear findings are not counted."""
    groups: dict[str, list[KeyStudy]] = defaultdict(list)
    for row in rows:
        if row.direction in _FOUND:
            groups[row.direction].append(row)
    statements = []
    for direction, members in sorted(groups.items(), key=lambda entry: -len(entry[1])):
        if len(members) < 2:
            continue
        designs = describe_designs([EvidenceFacts(design=row.design) for row in members])
        text = f"{_in_words(designs)} {_FOUND[direction]}."
        statements.append(
            Statement(
                text=text[:1].upper() + text[1:],
                citations=list(dict.fromkeys(row.citation for row in members)),
                passage_id=None,
                support=1.0,
                grouped_passage_ids=[row.finding.passage_id for row in members if row.finding.passage_id is not None],
            )
        )
    return statements


def _in_words(described: str) -> str:
    """'2 RCTs and 1 cohort study' → 'two RCTs and one cohort study' (numbers up to ten)."""
    words = []
    for word in described.split(" "):
        words.append(_NUMBER_WORDS[int(word)] if word.isdigit() and int(word) <= 10 else word)
    return " ".join(words)
