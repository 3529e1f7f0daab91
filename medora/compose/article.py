"""Selected evidence → Article: lay out sections, verify every sentence, number citations.

Compose receives data only; retrieval and selection happen in the answer pipeline (medora/answer.py)."""

from __future__ import annotations

import datetime
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from medora import build
from medora.compose.analyse import QuestionAnalysis
from medora.compose.citations import CitationBook
from medora.compose.extractive import Candidate, candidates_from, is_redundant
from medora.compose.fitted import fingerprint
from medora.compose.grading import NONE_ON_TOPIC, article_certainty
from medora.compose.key_studies import count_statements, key_study_rows, study_findings
from medora.compose.layout import EVIDENCE_SHOWS, lay_out, verified_statement
from medora.compose.leads import MODEL_FILE as LEAD_MODEL_FILE
from medora.compose.leads import SentenceMeaning
from medora.compose.llm import request_draft, verify_draft
from medora.compose.red_flags import evidence_flags
from medora.compose.relevance import MODEL_FILE
from medora.compose.select import (
    ANSWERED,
    INSUFFICIENT,
    PARTIAL,
    Selection,
    flag_in_question_topic,
    naming_score,
    passage_answers,
)
from medora.compose.templates import template_for
from medora.compose.terms import SpecificTerm
from medora.compose.vectors import WEIGHTS_FILE
from medora.compose.verdict import RESULTS_ONLY, VERDICT_MODEL_FILE, VerdictPrediction, predict_verdict
from medora.compose.verify import check_support, strip_citations
from medora.errors import LLMError
from medora.settings import Settings
from medora.types import (
    Article,
    ArticleSection,
    Certainty,
    EditorialStatus,
    Evidence,
    KeyStudy,
    Kind,
    Provenance,
    Reference,
    RelatedArticle,
    Source,
    Statement,
    Verdict,
)

DISCLAIMER = (
    "Medora summarises published evidence for health professionals. It is not a substitute for clinical judgement, "
    "local protocols or the full guideline text; verify doses and recommendations against the cited sources."
)
LLM_EVIDENCE = 12  # passages shown to an LLM (small local models have short contexts)
TABLED_TYPES = ("yes_no", "comparison")  # question types whose articles get a key-studies table
TARGET_ACCURACY = 0.75  # the cross-validated accuracy a shown verdict stands for (bench/train_verdict.py)


def compose_article(
    analysis: QuestionAnalysis,
    selection: Selection,
    *,
    settings: Settings,
    index_version: str,
    retrieval_models: dict[str, str] | None = None,
    on_text: Callable[[str], None] | None = None,
    timings: dict[str, float] | None = None,
    meaning: SentenceMeaning | None = None,
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
        body = _compose_body(
            analysis, pool, overview, book, settings, on_text, terms=selection.terms, further=selection.further,
            meaning=meaning, answered_from=selection.answered_from,
        )
    timings["compose_and_verify"] = _ms(tick)

    answering = [item for item in selection.answering_evidence if passage_answers(item, selection.terms)]
    verdict = verdict_notice = None
    verdict_read = analysis.question_type == "yes_no" and bool(body.bottom_line) and status != PARTIAL
    if verdict_read:
        verdict, verdict_notice = _verdict(question, answering, selection.citable_source_ids, book, settings)
        summaries_only = all(item.source.kind is Kind.EDITORIAL_SUMMARY for item in answering)
        if verdict is None and overview is not None and summaries_only:  # no studies were there to give an answer
            verdict_notice = OVERVIEW_VERDICT_NOTICE
    calm = analysis.in_the_past or analysis.in_general  # an emergency past, prevented or asked about in general
    borne = [] if calm else evidence_flags(" ".join(e.text for e in answering[:3]))
    flags = analysis.red_flags or [flag for flag in borne if flag_in_question_topic(flag, question)]
    if status != PARTIAL and not body.bottom_line:
        status = INSUFFICIENT
    # an insufficient article shows no sentence of the sources, so it cites none and has no verdict or table
    references = book.references() if status != INSUFFICIENT else []
    if status == INSUFFICIENT:
        verdict, body.key_studies = None, []
    unnamed_findings = _unnamed_findings(selection) if status == ANSWERED else []
    article = Article(
        question=question,
        question_type=analysis.question_type,
        title=_title(question, overview),
        urgent_notice=" ".join(flag.notice for flag in flags) or None,
        bottom_line=body.bottom_line,
        sections=body.sections,
        verdict=verdict,
        verdict_notice=verdict_notice,
        key_studies=body.key_studies,
        certainty=_certainty(status, selection, book, body, pool),
        insufficient_evidence=status == "insufficient",
        answer_status=status,
        uncovered_terms=selection.uncovered_terms if status == PARTIAL else [],
        coverage_notice=_coverage_notice(selection, body) if status == PARTIAL else None,
        unnamed_findings=unnamed_findings,
        findings_notice=_findings_notice(unnamed_findings),
        related_articles=_related(selection) if status != "answered" else [],
        references=references,
        evidence_summary=_evidence_summary(references),
        editorial=EditorialStatus(
            status=(overview.source.review_status if overview is not None else None) or "pending human review",
            last_updated=(overview.source.last_reviewed if overview is not None else None)
            or datetime.date.today().isoformat(),
        ),
        disclaimer=DISCLAIMER,
        provenance=Provenance(
            settings_hash=settings.fingerprint(),
            index_version=index_version,
            models=_models(
                settings,
                body.composer,
                retrieval_models or {},
                verdict_read=verdict_read,
                citation_model=selection.citation_model,
                leads_read=meaning is not None and overview is not None and body.composer == "extractive"
                and status != PARTIAL and "embedding" in (retrieval_models or {}),
            ),
            passage_ids=sorted({pid for ref in references for pid in ref.passage_ids}),
            composer=body.composer,
            engine=build.engine_build(),
            timings_ms=timings,
            notes=body.notes,
        ),
        dropped_statements=body.dropped,
    )
    if status == INSUFFICIENT:
        article.sections = [_insufficient_section(selection.retrieved)]
    return article


def _models(
    settings: Settings,
    composer: str,
    retrieval_models: dict[str, str],
    *,
    verdict_read: bool,
    citation_model: str,
    leads_read: bool = False,
) -> dict[str, str]:
    """The models an answer was made with: those that ranked its evidence (the retriever says which: the embedding
    and the ranker, none when retrieval ran on words only), the composer, and each fitted model that had a say, by the
    hash of its shipped weights (the citation model when it chose the cited studies, words-only or with the pair
    model of the vector signals beside it, the verdict model when the question was a yes/no one it read, the lead
    model when it read an overview answer's sentences, compose/leads.py)."""
    models = {**retrieval_models, "composer": settings.llm.model if composer == "llm" else "extractive"}
    if verdict_read:
        models["verdict"] = fingerprint("medora.compose", VERDICT_MODEL_FILE)
    if leads_read:
        models["leads"] = fingerprint("medora.compose", LEAD_MODEL_FILE)
    if citation_model:  # the file of the citation model that chose the cited studies, empty when none did
        models["citations"] = fingerprint("medora.compose", citation_model)
        if citation_model == MODEL_FILE:  # the vector model read the pair model's learned score
            models["citation_vectors"] = fingerprint("medora.compose", WEIGHTS_FILE)
    return models


@dataclass
class _Body:
    bottom_line: list[Statement]
    sections: list[ArticleSection]
    dropped: list[Statement]
    composer: str
    notes: list[str] = field(default_factory=list)
    key_studies: list[KeyStudy] = field(default_factory=list)


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
        statement = verified_statement(candidate, book, settings, dropped)
        if statement is not None:
            statements.append(statement)
            kept.append(candidate)
    return _Body(statements, [], dropped, "extractive")


def _coverage_notice(selection: Selection, body: _Body) -> str:
    """Plain words on what is not covered, then where the quoted sentences come from. Besides the specific terms,
    the words of what the question proposes that no source names ("…when is it safe to have sex again?": sex)."""
    labels = {t.label for t in selection.terms}
    missing = list(dict.fromkeys(
        [t.shown for t in selection.terms if t.label in selection.uncovered_terms]
        + [word for word in selection.uncovered_terms if word not in labels]
    ))
    covered_terms = [t for t in selection.terms if t.label in selection.covered_terms]
    covered = list(dict.fromkeys(t.label if t.shown in missing else t.shown for t in covered_terms))
    alongside = [t.shown for t in covered_terms if t.shown not in missing]
    if missing:
        notice = f"No source here addresses {_joined(missing)}"
        notice += f" together with {_joined(list(dict.fromkeys(alongside)), 'and')}." if alongside else "."
    elif selection.reason:  # every term named, by a source a rule sets apart (written for another age group)
        notice = selection.reason
    else:  # no single term is missing, but no source names all of them together
        notice = "No source here addresses the question as asked."
    if body.bottom_line and selection.pool:
        about = f" about {_joined(covered, 'and')}" if covered else ""
        notice += (
            f" What the closest source, {_name_of(selection.pool[0].source)}, says{about} follows;"
            " it does not answer the question as asked."
        )
    return notice


MAX_DETAIL_WORDS = 4  # a longer phrase around an unnamed finding ("kg since bariatric surgery") is shown as its word


def _unnamed_findings(selection: Selection) -> list[str]:
    """The case's details no cited source names, as the question wrote them: the phrase ("exertional
    breathlessness") when short and free of the patient's age or a value ("25yo cis woman"), else the word."""
    terms = {term.label: term for term in selection.terms}
    shown = []
    for label in selection.unnamed_findings:
        phrase = terms[label].shown if label in terms else label
        readable = len(phrase.split()) <= MAX_DETAIL_WORDS and not any(char.isdigit() for char in phrase)
        shown.append(phrase if readable else label)
    return list(dict.fromkeys(shown))


def _findings_notice(unnamed: list[str]) -> str | None:
    """Said before the bottom line of an answered case description whose sources never mention some of its details
    (``unnamed``, as ``_unnamed_findings`` shows them): the answer is to what it asks, and the reader judges whether
    those details change it."""
    if not unnamed:
        return None
    quoted = [f"“{detail}”" for detail in unnamed]
    detail = "that detail changes" if len(quoted) == 1 else "those details change"
    return (
        f"The question describes {_joined(quoted, 'and')}, which the sources cited here never mention. The answer "
        f"below is to what the question asks; check whether {detail} it."
    )


def _name_of(source: Source) -> str:
    """How a reader can find the source in the reference list: its title, else its PMID or DOI (some published
    excerpts come without a title)."""
    if source.title:
        return source.title.rstrip(".")
    if source.pmid:
        return f"PMID {source.pmid}"
    return source.doi or source.key


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
    further: list[Evidence] | None = None,
    meaning: SentenceMeaning | None = None,
    answered_from: list[Evidence] | None = None,
) -> _Body:
    """The LLM's verified draft when configured and usable, else the extractive layout (saying why)."""
    notes: list[str] = []
    llm_dropped: list[Statement] = []  # kept for the debug view even when the LLM draft is abandoned
    if settings.compose.composer == "llm" and pool:
        evidence = pool[:LLM_EVIDENCE]
        try:
            headings = template_for(analysis.question_type)
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
    return _extractive_body(
        analysis, pool, overview, book, settings, terms=terms, notes=notes, dropped=llm_dropped, further=further,
        meaning=meaning, answered_from=answered_from,
    )


def _extractive_body(
    analysis: QuestionAnalysis,
    pool: list[Evidence],
    overview: Evidence | None,
    book: CitationBook,
    settings: Settings,
    *,
    terms: list[SpecificTerm] | None,
    notes: list[str],
    dropped: list[Statement],
    further: list[Evidence] | None = None,
    meaning: SentenceMeaning | None = None,
    answered_from: list[Evidence] | None = None,
) -> _Body:
    """The laid-out article; for yes/no and comparison questions with studies in the pool, a key-studies table whose
    rows stand in for those studies' body sentences, counted in "What the evidence shows" when they agree."""
    tabled = analysis.question_type in TABLED_TYPES and overview is None
    findings = study_findings(analysis.question, pool) if tabled else {}
    layout = lay_out(
        analysis, pool, overview, book, settings, terms=terms, tabled=set(findings), further=further, meaning=meaning,
        answered_from=answered_from,
    )
    rows: list[KeyStudy] = []
    if findings:
        rows = key_study_rows(findings, book, settings, layout.dropped)
        _add_counts(layout.sections, count_statements(rows))
    return _Body(layout.bottom_line, layout.sections, dropped + layout.dropped, "extractive", notes, rows)


def _add_counts(sections: list[ArticleSection], counts: list[Statement]) -> None:
    """The key-study counts lead "What the evidence shows" (the section is made when there is none)."""
    if not counts:
        return
    section = next((s for s in sections if s.heading == EVIDENCE_SHOWS), None)
    if section is None:
        section = ArticleSection(heading=EVIDENCE_SHOWS)
        sections.insert(0, section)
    section.statements[:0] = counts


def _verdict(
    question: str,
    evidence: list[Evidence],
    citable: set[int],
    book: CitationBook,
    settings: Settings,
    *,
    model: dict | None = None,
) -> tuple[Verdict | None, str | None]:
    """An earned verdict, or else a notice saying the studies give no clear answer. A shown verdict names the studies
    whose findings pushed the model towards it (those the article may cite) and quotes their sentences that push
    towards it: a verdict must not bring in a source the article's own selection judged too weak to cite."""
    prediction = predict_verdict(question, evidence, model)
    if not prediction.earned:
        return None, _unclear_notice(prediction)
    carriers = [item for item in _first_passages(prediction.read) if item.source_id in citable]
    if not carriers:  # a verdict names the studies that carry it; none of them may be cited here
        return None, _unclear_notice(prediction, uncited=True)
    statements = []
    carrying = [(item, sentence) for item, sentence in prediction.sentences if item.source_id in citable]
    for item, sentence in carrying[:3]:
        text = strip_citations(sentence)
        support = check_support(text, item.text, min_support=settings.compose.min_support)
        if support.supported:
            cited = Statement(text=text, citations=book.cite(item), passage_id=item.passage_id, support=support.score)
            statements.append(cited.model_copy(update={"quote": support.quote}))
    studies = [book.cite(item)[0] for item in carriers]
    return (
        Verdict(
            answer=prediction.answer,
            confidence=round(prediction.confidence, 3),
            statements=statements,
            studies=list(dict.fromkeys(studies)),
            threshold=round(prediction.threshold, 4),
        ),
        None,
    )


OVERVIEW_VERDICT_NOTICE = (
    "Medora states one only from studies that report their own conclusions, and this answer is laid out from an "
    "editorial overview of the guidelines: its bottom line says what they recommend."
)


def _unclear_notice(prediction: VerdictPrediction, *, uncited: bool = False) -> str:
    notice = "The retrieved studies do not give a clear yes or no answer"
    if uncited:
        return f"{notice}: the studies that would carry a verdict are not among the sources this article cites."
    if prediction.threshold > 1:
        kind = " on studies that give results without stating a conclusion" if prediction.regime == RESULTS_ONLY else ""
        return (
            f"{notice}: Medora states a verdict only at a confidence where its cross-validated accuracy reaches "
            f"{TARGET_ACCURACY:.0%}, and its verdict model reaches no such level{kind}. Read the studies' own findings "
            "below."
        )
    digits = 0 if f"{prediction.confidence:.0%}" != f"{prediction.threshold:.0%}" else 1  # never '56% is below 56%'
    return (
        f"{notice}: the verdict model's confidence ({prediction.confidence:.{digits}%}) is below "
        f"{prediction.threshold:.{digits}%}, the level at which its cross-validated accuracy reaches "
        f"{TARGET_ACCURACY:.0%}."
    )


def _first_passages(evidence: list[Evidence]) -> list[Evidence]:
    return list({item.source_id: item for item in reversed(evidence)}.values())[::-1]


def _certainty(status: str, selection: Selection, book: CitationBook, body: _Body, pool: list[Evidence]) -> Certainty:
    """The certainty line from the cited sources; a partial or empty answer is very low by definition, and says why."""
    if status == INSUFFICIENT or not book.references():
        return Certainty(level="very low", reason=NONE_ON_TOPIC)
    if status == PARTIAL:
        shown = {term.label: term.shown for term in selection.terms}
        missing = ", ".join(  # once each: two words of one phrase show as the phrase ("eluting stent")
            dict.fromkeys(shown.get(label, label) for label in selection.uncovered_terms)
        ) or "the question as asked"
        return Certainty(level="very low", reason=f"No source here addresses {missing}; the answer is partial.")
    return article_certainty(
        book.references(),
        pool + selection.further + selection.on_topic,  # every source that may be cited is graded
        _all_statements(body),
        body.key_studies,
        current_year=datetime.date.today().year,
    )


def _all_statements(body: _Body) -> list[Statement]:
    found = list(body.bottom_line)
    pending = list(body.sections)
    while pending:
        section = pending.pop(0)
        found += section.statements
        pending += section.subsections
    return found


def _title(question: str, overview: Evidence | None) -> str:
    return overview.source.title if overview is not None else question.strip().rstrip("?").strip()


def _evidence_summary(references: list[Reference]) -> str:
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
