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
from medora.compose.direction import BENEFIT, HARM, NO_DIFFERENCE, finding_direction, is_finding
from medora.compose.extractive import Candidate, candidates_from
from medora.compose.layout import is_clean, sentence_role, verified_statement
from medora.compose.study_facts import study_design, study_population, study_size
from medora.retrieve.priors import EVIDENCE_LEVEL
from medora.settings import Settings
from medora.types import Evidence, KeyStudy, Kind, Statement

NOT_STUDIES = {Kind.GUIDELINE, Kind.EDITORIAL_SUMMARY, Kind.CONSUMER_HEALTH}
MAX_ROWS = 8
_FINDING_ORDER = {"conclusion": 0, "result": 1, "finding": 2}
_FOUND = {BENEFIT: "found a benefit", HARM: "found harm", NO_DIFFERENCE: "found no difference"}
_NUMBER_WORDS = "zero one two three four five six seven eight nine ten".split()


def study_findings(question: str, pool: list[Evidence]) -> Findings:
    """Source id → (its passages, its finding) for each study in the pool that states a clean finding: highest
    evidence level first, then as ranked, at most MAX_ROWS. Chosen before the body is laid out, so a study with a row
    needs no body sentence and one without keeps its sentence in the body."""
    by_source: dict[int, list[Evidence]] = defaultdict(list)
    for item in pool:
        if item.source.kind not in NOT_STUDIES:
            by_source[item.source_id].append(item)
    order = list(by_source)
    level = {sid: EVIDENCE_LEVEL.get(by_source[sid][0].source.kind.value, 0.4) for sid in order}
    findings = {}
    for source_id in sorted(order, key=lambda sid: (-level[sid], order.index(sid))):
        finding = _finding(question, by_source[source_id])
        if finding is not None and len(findings) < MAX_ROWS:
            findings[source_id] = (by_source[source_id], finding)
    return findings


Findings = dict[int, tuple[list[Evidence], Candidate]]  # source id → (its passages, its finding sentence)


def key_study_rows(
    findings: Findings, book: CitationBook, settings: Settings, dropped: list[Statement]
) -> list[KeyStudy]:
    """The cited rows, in the order of ``findings``."""
    rows = []
    for passages, finding in findings.values():
        statement = verified_statement(finding, book, settings, dropped)
        if statement is None:
            continue
        source = passages[0].source
        text = " ".join([source.title] + [item.text for item in passages])
        size = study_size(text)
        rows.append(
            KeyStudy(
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
        )
    return rows


def _finding(question: str, passages: list[Evidence]) -> Candidate | None:
    """The study's sentence that best states a result: whole and clean (not an aim, nor a fragment glued to a section
    label), conclusions before results before unlabelled findings, then one with a readable direction, then the
    most relevant. None when the study states no clean finding."""
    candidates = [
        c
        for c in candidates_from(passages, question)
        if sentence_role(c.evidence) in _FINDING_ORDER and is_finding(c.text) and is_clean(c.text)
    ]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda c: (
            _FINDING_ORDER[sentence_role(c.evidence)], finding_direction(c.text) not in _FOUND, -c.relevance
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
                citations=sorted(dict.fromkeys(row.citation for row in members), key=_label_order),
                passage_id=None,
                support=1.0,
                grouped_passage_ids=[row.finding.passage_id for row in members if row.finding.passage_id is not None],
            )
        )
    return statements


def _label_order(label: str) -> tuple[int, str]:
    digits = "".join(ch for ch in label if ch.isdigit())
    return (int(digits) if digits else 0, label)


def _in_words(described: str) -> str:
    """'2 RCTs and 1 cohort study' → 'two RCTs and one cohort study' (numbers up to ten)."""
    words = []
    for word in described.split(" "):
        words.append(_NUMBER_WORDS[int(word)] if word.isdigit() and int(word) <= 10 else word)
    return " ".join(words)
