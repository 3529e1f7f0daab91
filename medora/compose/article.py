"""Evidence → Article: analyse the question, retrieve, lay out sections, verify every sentence, number citations."""

from __future__ import annotations

import datetime
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from medora.compose.analyse import QuestionAnalysis, analyse_question, find_red_flags
from medora.compose.citations import CitationBook
from medora.compose.extractive import Candidate, candidates_from, select_diverse
from medora.compose.llm import request_draft, verify_draft
from medora.compose.templates import SECTION_ORDER, section_for_overview_label, section_for_sentence, template_for
from medora.compose.verdict import predict_verdict
from medora.compose.verify import check_support, strip_citations
from medora.errors import LLMError
from medora.retrieve.retriever import Filters, Retriever
from medora.retrieve.tokenize import content_words
from medora.settings import Settings
from medora.types import (
    Article,
    ArticleSection,
    EditorialStatus,
    Evidence,
    Kind,
    Provenance,
    Statement,
    Verdict,
)

DISCLAIMER = (
    "Medora summarises published evidence for health professionals. It is not a substitute for clinical judgement, "
    "local protocols or the full guideline text; verify doses and recommendations against the cited sources."
)
MIN_QUESTION_COVERAGE = 0.5  # share of the question's content words a passage must contain to count as on-topic
MIN_DENSE_SIMILARITY = 0.35  # cosine similarity of passage and question that makes a passage on-topic by itself
MIN_DENSE_WITH_WORDS = 0.25  # a lower similarity suffices when the passage also covers the question's words
OVERVIEW_MATCH = 0.6  # an overview this on-topic (word coverage or similarity) is laid out section by section
OVERVIEW_SIMILARITY = 0.5
LLM_EVIDENCE = 12  # passages shown to an LLM (small local models have short contexts)


def topic_coverage(evidence: Evidence, weights: dict[str, float]) -> float:
    """IDF-weighted share of the question's content words that the passage (with its title) contains."""
    words = content_words(f"{evidence.source.title} {evidence.text} {' '.join(evidence.source.mesh)}")
    total = sum(weights.values())
    return sum(w for token, w in weights.items() if token in words) / total if total else 0.0


def is_on_topic(evidence: Evidence, weights: dict[str, float], *, dense_used: bool) -> bool:
    """Semantic similarity decides when dense retrieval ran (a passage outside its candidates counts as 0);
    word coverage alone decides in lexical-only mode. Measured on the library coverage set: on-topic questions
    reach a cosine of 0.48 or more, off-topic ones stay under 0.19."""
    coverage = topic_coverage(evidence, weights)
    if not dense_used:
        return coverage >= MIN_QUESTION_COVERAGE
    similarity = evidence.dense_similarity or 0.0
    return similarity >= MIN_DENSE_SIMILARITY or (similarity >= MIN_DENSE_WITH_WORDS and coverage >= MIN_QUESTION_COVERAGE)


def compose_article(
    question: str,
    *,
    retriever: Retriever,
    settings: Settings,
    filters: Filters | None = None,
    analysis: QuestionAnalysis | None = None,
    on_text: Callable[[str], None] | None = None,
) -> Article:
    """The article for ``question``: extractive by default, LLM-written when configured (falling back to
    extractive on any LLM failure). Nothing in it is cited that was not retrieved."""
    timings: dict[str, float] = {}
    tick = time.perf_counter()
    analysis = analysis or analyse_question(question)
    timings["analyse"] = _ms(tick)

    tick = time.perf_counter()
    retrieved = retriever.search(question, top_k=max(settings.retrieve.top_k, 10), filters=filters)
    on_topic, overview, pool = _select_evidence(question, retrieved, retriever, settings)
    timings["retrieve"] = _ms(tick)

    tick = time.perf_counter()
    book = CitationBook()
    body = _compose_body(analysis, pool, overview, book, settings, on_text)
    timings["compose_and_verify"] = _ms(tick)

    verdict = None
    if analysis.question_type == "yes_no" and body.bottom_line:
        verdict = _verdict(question, on_topic, {item.source_id for item in pool}, book, settings)
    flags = analysis.red_flags or [
        flag for flag in find_red_flags(" ".join(e.text for e in on_topic[:3])) if _flag_in_question_topic(flag, question)
    ]
    article = Article(
        question=question,
        question_type=analysis.question_type,
        title=_title(question, overview),
        urgent_notice=" ".join(flag.notice for flag in flags) or None,
        bottom_line=body.bottom_line,
        sections=body.sections,
        verdict=verdict,
        insufficient_evidence=not body.bottom_line,
        references=book.references(),
        evidence_summary=_evidence_summary(book),
        editorial=EditorialStatus(
            status=(overview.source.review_status if overview is not None else None) or "pending human review",
            last_updated=datetime.date.today().isoformat(),
        ),
        disclaimer=DISCLAIMER,
        provenance=Provenance(
            settings_hash=settings.fingerprint(),
            index_version=retriever.index_version,
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
    if article.insufficient_evidence:
        article.sections = [_insufficient_section(retrieved)]
    return article


@dataclass
class _Body:
    bottom_line: list[Statement]
    sections: list[ArticleSection]
    dropped: list[Statement]
    composer: str
    notes: list[str] = field(default_factory=list)


def _select_evidence(
    question: str, retrieved: list[Evidence], retriever: Retriever, settings: Settings
) -> tuple[list[Evidence], Evidence | None, list[Evidence]]:
    """(on-topic evidence, matching overview or None, the pool the article may cite)."""
    weights = {t: w for t, w in retriever.term_weights(question).items() if t in content_words(question)}
    dense_used = any(item.dense_similarity is not None for item in retrieved)
    on_topic = [item for item in retrieved if is_on_topic(item, weights, dense_used=dense_used)]
    overview = _matching_overview(on_topic, weights)
    if overview is not None:
        pool = retriever.whole_source(overview.source_id) + [e for e in on_topic if e.source_id != overview.source_id]
        return on_topic, overview, pool
    best = on_topic[0].score if on_topic else 0.0
    close_to_best = [item for item in on_topic if item.score >= settings.compose.min_relative_score * best]
    top_sources = list(dict.fromkeys(item.source_id for item in close_to_best))[: settings.compose.max_sources]
    return on_topic, None, [item for item in on_topic if item.source_id in top_sources]


def _compose_body(
    analysis: QuestionAnalysis,
    pool: list[Evidence],
    overview: Evidence | None,
    book: CitationBook,
    settings: Settings,
    on_text: Callable[[str], None] | None,
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
    bottom_line, sections, dropped = _lay_out(analysis, pool, overview, book, settings)
    return _Body(bottom_line, sections, llm_dropped + dropped, "extractive", notes)


def _lay_out(
    analysis: QuestionAnalysis,
    pool: list[Evidence],
    overview: Evidence | None,
    book: CitationBook,
    settings: Settings,
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
            statements.append(Statement(text=text, citations=book.cite(item), passage_id=item.passage_id, support=support.score))
    return Verdict(answer=prediction.answer, confidence=round(prediction.confidence, 3), statements=statements)


def _overview_heading(candidate: Candidate) -> str | None:
    if candidate.evidence.source.kind is not Kind.EDITORIAL_SUMMARY:
        return None
    return section_for_overview_label(candidate.evidence.section)[0]


def _placement(candidate: Candidate, rules: list) -> tuple[str, str | None]:
    if candidate.evidence.source.kind is Kind.EDITORIAL_SUMMARY:
        return section_for_overview_label(candidate.evidence.section)
    return section_for_sentence(candidate.text, rules), None


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
        flags=support.flags,
    )
    if not support.supported:
        dropped.append(statement)
        return None
    statement.citations = book.cite(candidate.evidence, reference_ids=candidate.reference_ids)
    return statement


def _matching_overview(evidence: list[Evidence], weights: dict[str, float]) -> Evidence | None:
    """The top-ranked editorial overview, when it is squarely on the question's topic."""
    for item in evidence[:5]:
        if item.source.kind is Kind.EDITORIAL_SUMMARY and (
            topic_coverage(item, weights) >= OVERVIEW_MATCH or (item.dense_similarity or 0.0) >= OVERVIEW_SIMILARITY
        ):
            return item
    return None


def _flag_in_question_topic(flag, question: str) -> bool:
    """Evidence-borne flags count only when the question shares a word with the flag's name."""
    return bool(content_words(flag.name) & content_words(question))


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
