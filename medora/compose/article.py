"""Selected evidence → Article: lay out sections, verify every sentence, number citations.

Compose receives data only; retrieval and selection happen in the answer pipeline (medora/answer.py)."""

from __future__ import annotations

import datetime
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from medora.compose.analyse import QuestionAnalysis, find_red_flags
from medora.compose.ask import Ask, says_ask, specific_ask
from medora.compose.citations import CitationBook
from medora.compose.extractive import Candidate, candidates_from, is_redundant, select_diverse
from medora.compose.llm import request_draft, verify_draft
from medora.compose.select import (
    INSUFFICIENT,
    PARTIAL,
    Selection,
    flag_in_question_topic,
    naming_score,
    passage_answers,
)
from medora.compose.terms import SpecificTerm
from medora.compose.templates import SECTION_ORDER, section_for_overview_label, section_for_sentence, template_for
from medora.compose.verdict import predict_verdict
from medora.compose.verify import check_support, strip_citations
from medora.errors import LLMError
from medora.retrieve.tokenize import content_words
from medora.settings import Settings
from medora.types import (
    Article,
    ArticleSection,
    EditorialStatus,
    Evidence,
    Kind,
    Provenance,
    RelatedArticle,
    Statement,
    Verdict,
)

DISCLAIMER = (
    "Medora summarises published evidence for health professionals. It is not a substitute for clinical judgement, "
    "local protocols or the full guideline text; verify doses and recommendations against the cited sources."
)
LLM_EVIDENCE = 12  # passages shown to an LLM (small local models have short contexts)


def compose_article(
    analysis: QuestionAnalysis,
    selection: Selection,
    *,
    settings: Settings,
    index_version: str,
    on_text: Callable[[str], None] | None = None,
    timings: dict[str, float] | None = None,
) -> Article:
    """The article for the analysed question from the selected evidence: extractive by default, LLM-written when
    configured (falling back to extractive on any LLM failure). Nothing in it is cited that was not retrieved."""
    timings = dict(timings or {})
    question, overview, pool = analysis.question, selection.overview, selection.pool
    status = selection.answer_status
    tick = time.perf_counter()
    book = CitationBook()
    if status == PARTIAL:
        body = _partial_body(analysis, selection, book, settings)
    else:
        body = _compose_body(analysis, pool, overview, book, settings, on_text, terms=selection.terms)
    timings["compose_and_verify"] = _ms(tick)

    answering = [item for item in selection.answering_evidence if passage_answers(item, selection.terms)]
    verdict = None
    if analysis.question_type == "yes_no" and body.bottom_line and status != PARTIAL:
        verdict = _verdict(question, answering, selection.citable_source_ids, book, settings)
    flags = analysis.red_flags or [
        flag for flag in find_red_flags(" ".join(e.text for e in answering[:3])) if flag_in_question_topic(flag, question)
    ]
    if status != PARTIAL and not body.bottom_line:
        status = INSUFFICIENT
    article = Article(
        question=question,
        question_type=analysis.question_type,
        title=_title(question, overview),
        urgent_notice=" ".join(flag.notice for flag in flags) or None,
        bottom_line=body.bottom_line,
        sections=body.sections,
        verdict=verdict,
        insufficient_evidence=status == "insufficient",
        answer_status=status,
        uncovered_terms=selection.uncovered_terms if status == PARTIAL else [],
        coverage_notice=_coverage_notice(selection, body) if status == PARTIAL else None,
        related_articles=_related(selection) if status != "answered" else [],
        references=book.references(),
        evidence_summary=_evidence_summary(book),
        editorial=EditorialStatus(
            status=(overview.source.review_status if overview is not None else None) or "pending human review",
            last_updated=(overview.source.last_reviewed if overview is not None else None)
            or datetime.date.today().isoformat(),
        ),
        disclaimer=DISCLAIMER,
        provenance=Provenance(
            settings_hash=settings.fingerprint(),
            index_version=index_version,
            models={
                "embedding": "all-MiniLM-L6-v2-int8-onnx",
                "composer": settings.llm.model if body.composer == "llm" else "extractive",
            },
            passage_ids=sorted({pid for ref in book.references() for pid in ref.passage_ids}),
            composer=body.composer,
            timings_ms=timings,
            notes=body.notes,
        ),
        dropped_statements=body.dropped,
    )
    if status == INSUFFICIENT:
        article.sections = [_insufficient_section(selection.retrieved)]
    return article


@dataclass
class _Body:
    bottom_line: list[Statement]
    sections: list[ArticleSection]
    dropped: list[Statement]
    composer: str
    notes: list[str] = field(default_factory=list)


PARTIAL_SENTENCES = 3  # sentences quoted from the closest source about the part of the question it covers


def _partial_body(analysis: QuestionAnalysis, selection: Selection, book: CitationBook, settings: Settings) -> _Body:
    """What the closest on-topic source says about the terms it covers: verified, cited sentences that name them
    best (the whole phrase in the sentence or its section heading, else a term), never laid out as the answer.
    With no covered term (best score 0) the most relevant sentences of the closest source are quoted."""
    wanted = [term for term in selection.terms if term.label in selection.covered_terms]
    candidates = candidates_from(selection.pool, analysis.question)
    scored = [(naming_score(c.text, c.evidence.section, wanted), c) for c in candidates]
    best = max((score for score, _c in scored), default=0)
    ranked = sorted((c for score, c in scored if score == best), key=lambda c: -c.relevance)
    dropped: list[Statement] = []
    statements: list[Statement] = []
    kept: list[Candidate] = []
    for candidate in ranked:
        if len(statements) >= PARTIAL_SENTENCES or is_redundant(candidate, kept):
            continue
        statement = _verified(candidate, book, settings, dropped)
        if statement is not None:
            statements.append(statement)
            kept.append(candidate)
    return _Body(statements, [], dropped, "extractive")


def _coverage_notice(selection: Selection, body: _Body) -> str:
    """Plain words on what is not covered, then where the quoted sentences come from."""
    missing = list(dict.fromkeys(t.shown for t in selection.terms if t.label in selection.uncovered_terms))
    covered_terms = [t for t in selection.terms if t.label in selection.covered_terms]
    covered = list(dict.fromkeys(t.label if t.shown in missing else t.shown for t in covered_terms))
    alongside = [t.shown for t in covered_terms if t.shown not in missing]
    notice = f"No source here addresses {_joined(missing)}"
    notice += f" together with {_joined(list(dict.fromkeys(alongside)), 'and')}." if alongside else "."
    if body.bottom_line and selection.pool:
        about = f" about {_joined(covered, 'and')}" if covered else ""
        notice += (
            f" What the closest source, {selection.pool[0].source.title}, says{about} follows;"
            " it does not answer the question as asked."
        )
    return notice


def _joined(labels: list[str], last: str = "or") -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + f" {last} {labels[-1]}"


def _related(selection: Selection, limit: int = 3) -> list[RelatedArticle]:
    """The closest sources' titles, on-topic ones first, for the reader to look at instead."""
    related: dict[str, RelatedArticle] = {}
    for item in selection.on_topic + selection.retrieved:
        if item.source.title and item.source.key not in related:
            related[item.source.key] = RelatedArticle(
                title=item.source.title, kind=item.source.kind.value, source_key=item.source.key
            )
    return list(related.values())[:limit]


def _compose_body(
    analysis: QuestionAnalysis,
    pool: list[Evidence],
    overview: Evidence | None,
    book: CitationBook,
    settings: Settings,
    on_text: Callable[[str], None] | None,
    *,
    terms: list[SpecificTerm] | None = None,
) -> _Body:
    """The LLM's verified draft when configured and usable, else the extractive layout (saying why)."""
    notes: list[str] = []
    llm_dropped: list[Statement] = []  # kept for the debug view even when the LLM draft is abandoned
    if settings.compose.composer == "llm" and pool:
        evidence = pool[:LLM_EVIDENCE]
        try:
            headings = [rule.heading for rule in template_for(analysis.question_type)]
            draft = request_draft(analysis.question, evidence, headings, settings=settings.llm, on_text=on_text)
            bottom_line, sections, llm_dropped = verify_draft(
                draft, evidence, book, min_support=settings.compose.min_support
            )
            if bottom_line or sections:
                return _Body(bottom_line, sections, llm_dropped, "llm")
            raise LLMError("no sentence of the model's draft was supported by the evidence")
        except LLMError as error:
            book.clear()
            notes.append(f"LLM composer failed ({error}); fell back to the extractive composer.")
    bottom_line, sections, dropped = _lay_out(analysis, pool, overview, book, settings, terms=terms)
    return _Body(bottom_line, sections, llm_dropped + dropped, "extractive", notes)


def _lay_out(
    analysis: QuestionAnalysis,
    pool: list[Evidence],
    overview: Evidence | None,
    book: CitationBook,
    settings: Settings,
    *,
    terms: list[SpecificTerm] | None = None,
) -> tuple[list[Statement], list[ArticleSection], list[Statement]]:
    rules = template_for(analysis.question_type)
    candidates = candidates_from(pool, analysis.question)
    if overview is not None:
        from_overview = [c for c in candidates if c.evidence.source_id == overview.source_id]
        others = [c for c in candidates if c.evidence.source_id != overview.source_id and c.evidence.source.kind is not Kind.EDITORIAL_SUMMARY]
        chosen = from_overview + select_diverse(others, limit=max(settings.compose.max_sentences // 3, 2))
    else:
        chosen = select_diverse(candidates, limit=settings.compose.max_sentences)
    bottom = [c for c in chosen if _overview_heading(c) == "Bottom line"] or _bottom_line_pick(chosen)
    bottom = lead_with_ask(bottom, chosen, specific_ask(analysis.question, terms), analysis.question)
    dropped: list[Statement] = []
    bottom_line = [s for c in bottom if (s := _verified(c, book, settings, dropped))]
    placed: dict[str, ArticleSection] = {}
    order = [rule.heading for rule in rules]
    for candidate in chosen:
        if candidate in bottom:
            continue
        heading, sub = _placement(candidate, rules)
        statement = _verified(candidate, book, settings, dropped)
        if statement is None:
            continue
        section = placed.setdefault(heading, ArticleSection(heading=heading))
        if sub:
            target = next((s for s in section.subsections if s.heading == sub), None)
            if target is None:
                target = ArticleSection(heading=sub)
                section.subsections.append(target)
            target.statements.append(statement)
        else:
            section.statements.append(statement)
    order = SECTION_ORDER + order if overview is not None else order + SECTION_ORDER
    ordered = sorted(placed.values(), key=lambda s: order.index(s.heading) if s.heading in order else len(order))
    return bottom_line, ordered, dropped


def _verdict(
    question: str, evidence: list[Evidence], citable: set[int], book: CitationBook, settings: Settings
) -> Verdict | None:
    """Yes/no/maybe read from all on-topic evidence, shown with the sentences that carry it from citable sources
    only: a verdict must not bring in a source the article's own selection judged too weak to cite."""
    prediction = predict_verdict(question, evidence)
    statements = []
    carrying = [(item, sentence) for item, sentence in prediction.sentences if item.source_id in citable]
    for item, sentence in carrying[:3]:
        text = strip_citations(sentence)
        support = check_support(text, item.text, min_support=settings.compose.min_support)
        if support.supported:
            statements.append(
                Statement(
                    text=text, citations=book.cite(item), passage_id=item.passage_id, support=support.score, quote=support.quote
                )
            )
    return Verdict(answer=prediction.answer, confidence=round(prediction.confidence, 3), statements=statements)


def _overview_heading(candidate: Candidate) -> str | None:
    if candidate.evidence.source.kind is not Kind.EDITORIAL_SUMMARY:
        return None
    return section_for_overview_label(candidate.evidence.section)[0]


def _placement(candidate: Candidate, rules: list) -> tuple[str, str | None]:
    if candidate.evidence.source.kind is Kind.EDITORIAL_SUMMARY:
        return section_for_overview_label(candidate.evidence.section)
    return section_for_sentence(candidate.text, rules), None


def lead_with_ask(bottom: list[Candidate], chosen: list[Candidate], ask: Ask | None, question: str) -> list[Candidate]:
    """The bottom line, led by the sentence that states what the question specifically asks (a timing, a dose, both
    options of a choice, the drugs it names) and shares most of the question's words (at least two), when one of
    the chosen sentences does; bottom-line sentences win ties."""
    if ask is None or not bottom:
        return bottom
    words = content_words(question)
    saying = [c for c in bottom + chosen if says_ask(c.text, ask) and len(c.words & words) >= min(2, len(words))]
    if not saying:
        return bottom
    lead = max(saying, key=lambda c: (len(c.words & words), c in bottom, c.relevance))
    return [lead] + [c for c in bottom if c is not lead]


def _bottom_line_pick(chosen: list[Candidate]) -> list[Candidate]:
    """Two sentences, guideline and systematic-review evidence first, then the most relevant."""
    ranked = sorted(chosen, key=lambda c: (not c.is_strong, -c.relevance))
    return ranked[:2]


def _verified(candidate: Candidate, book: CitationBook, settings: Settings, dropped: list[Statement]) -> Statement | None:
    support = check_support(candidate.text, candidate.evidence.text, min_support=settings.compose.min_support)
    statement = Statement(
        text=candidate.text,
        citations=[],
        passage_id=candidate.evidence.passage_id,
        support=support.score,
        verified=support.supported,
        quote=support.quote,
        flags=support.flags,
    )
    if not support.supported:
        dropped.append(statement)
        return None
    statement.citations = book.cite(candidate.evidence, reference_ids=candidate.reference_ids)
    return statement


def _title(question: str, overview: Evidence | None) -> str:
    return overview.source.title if overview is not None else question.strip().rstrip("?").strip()


def _evidence_summary(book: CitationBook) -> str:
    references = book.references()
    if not references:
        return "No retrieved source was on the question's topic."
    kinds = Counter(ref.kind for ref in references)
    years = [ref.year for ref in references if ref.year]
    described = ", ".join(f"{count} {kind}{'' if count == 1 else 's'}" for kind, count in kinds.most_common())
    span = ""
    if years:
        span = f"; published {min(years)}" + (f"–{max(years)}" if max(years) != min(years) else "")
    return f"Based on {len(references)} source{'s' if len(references) != 1 else ''}: {described}{span}."


def _insufficient_section(retrieved: list[Evidence]) -> ArticleSection:
    closest = "; ".join(dict.fromkeys(e.source.title for e in retrieved[:3] if e.source.title)) or "nothing"
    return ArticleSection(
        heading="Insufficient evidence in the library",
        statements=[
            Statement(
                text=(
                    "Medora found no source in its library that addresses this question closely enough to answer it. "
                    f"Closest sources found (not used as support): {closest}."
                ),
                citations=[],
                passage_id=None,
                support=0.0,
                verified=False,
                flags=["no supporting evidence"],
            )
        ],
    )


def _ms(tick: float) -> float:
    return round((time.perf_counter() - tick) * 1000, 1)
