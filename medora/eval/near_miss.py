"""Honest answers: a near-miss question (a library topic, a term its overview does not address) must not get the
overview as its answer, while a coverage question must still be answered by its overview.

Both sets are split into dev and frozen parts by a hash of the question (medora/eval/split.py): tune on dev only."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

import yaml

from medora.answer import AnswerSession, run_pipeline
from medora.compose.select import ANSWERED
from medora.compose.terms import answers_terms, covered_terms
from medora.eval.coverage import coverage_questions
from medora.eval.split import split_name
from medora.retrieve.retriever import Retriever
from medora.settings import Settings


@dataclass
class HonestyResult:
    """How one question of either set was answered."""

    question: str
    kind: str  # "near_miss" or "coverage"
    topic: str  # the overview id the question is near (near-miss) or expects (coverage)
    split: str
    answer_status: str
    overview_key: str | None  # the overview laid out as the answer, if any
    uncovered_terms: list[str]
    unnamed_findings: list[str] = field(default_factory=list)  # details of the case the answer says it leaves aside

    @property
    def correct(self) -> bool:
        """Coverage: answered with its overview. Near-miss: not answered, and its overview not laid out."""
        own = f"library:{self.topic}"
        if self.kind == "coverage":
            return self.answer_status == ANSWERED and self.overview_key == own
        return self.answer_status != ANSWERED and self.overview_key != own


def near_miss_questions(name: str = "near_miss") -> list[dict]:
    """The near-miss set (``near_miss``, split into dev and frozen) or the second, unseen one (``near_miss_unseen``)."""
    text = resources.files("medora.eval").joinpath(f"data/{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def judge(session: AnswerSession, *, kind: str, topic: str) -> HonestyResult:
    overview = session.selection.overview if session.selection is not None else None
    return HonestyResult(
        question=session.question,
        kind=kind,
        topic=topic,
        split=split_name(session.question),
        answer_status=session.article.answer_status,
        overview_key=overview.source.key if overview is not None else None,
        uncovered_terms=list(session.article.uncovered_terms),
        unnamed_findings=list(session.article.unnamed_findings),
    )


def run_honesty(
    retriever: Retriever, settings: Settings, *, near_miss: list[dict] | None = None, coverage: list[dict] | None = None
) -> list[HonestyResult]:
    """Ask every question of both sets through the answer pipeline and judge each answer."""
    results = []
    for item in near_miss if near_miss is not None else near_miss_questions():
        session = run_pipeline(item["question"], retriever=retriever, settings=settings)
        results.append(judge(session, kind="near_miss", topic=item["near"]))
    for item in coverage if coverage is not None else coverage_questions():
        session = run_pipeline(item["question"], retriever=retriever, settings=settings)
        results.append(judge(session, kind="coverage", topic=item["expect"]))
    return results


def rates(results: list[HonestyResult]) -> dict[str, dict[str, float | int]]:
    """Near-miss detection and coverage rates, per split and overall: {"dev": {"detection": …, …}, …}."""
    table: dict[str, dict[str, float | int]] = {}
    for split in ("dev", "frozen", "all"):
        chosen = [r for r in results if split == "all" or r.split == split]
        row: dict[str, float | int] = {}
        for kind, name in (("near_miss", "detection"), ("coverage", "coverage")):
            of_kind = [r for r in chosen if r.kind == kind]
            row[f"{kind}_questions"] = len(of_kind)
            row[name] = round(sum(r.correct for r in of_kind) / len(of_kind), 4) if of_kind else 0.0
        table[split] = row
    return table


def first_source_text(session: AnswerSession) -> str:
    """The text of the source an answer cites first: its title, MeSH and every passage of it the article could cite
    (a laid-out overview's whole text)."""
    article, selection = session.article, session.selection
    if not article.references or selection is None:
        return ""
    key = article.references[0].source_key
    passages = [item for item in selection.pool if item.source.key == key]
    if not passages:
        return ""
    source = passages[0].source
    return "\n".join([source.title, " ".join(source.mesh), *(item.text for item in passages)])


def unsupported_answer(session: AnswerSession) -> dict[str, bool]:
    """Whether an answer rests on evidence that lacks the question's specific terms: "gate" by Medora's own rule
    (compose/terms.answers_terms), "strict" when its first source misses any term at all; "verdict" when a yes/no
    verdict was given although the library does not answer the question."""
    article, selection = session.article, session.selection
    if article.answer_status != ANSWERED:
        return {"gate": False, "strict": False, "verdict": article.verdict is not None}
    terms = selection.terms if selection is not None else []
    named = covered_terms(first_source_text(session), terms)
    return {"gate": not answers_terms(named, terms), "strict": len(named) < len(terms), "verdict": False}
