"""Living evidence: an approved article is a snapshot of the evidence on the day it was approved. After an ingest,
this step asks again, for every approved article, the question it answers; a source the ingest added that now ranks
among the article's cited evidence, and is newer than its newest cited source or of a higher evidence level than
its best, is recorded on the article as new evidence. Readers are told, and the article joins the review queue
until a reviewer approves a version again.

(A source an ingest replaces or withdraws is another matter: deleting its passages marks, in the same transaction,
the stored versions citing them (``store.articles.mark_citing``), and the question is answered anew when next asked
once the search indexes cover the store; an approved version stays what readers see until a reviewer approves the
new one.)

An explicit step after ``Workspace.ingest`` (`medora ingest` runs it), never a side effect of reading."""

from __future__ import annotations

import datetime
import json

from medora.articles import load_version
from medora.retrieve.priors import EVIDENCE_LEVEL
from medora.retrieve.retriever import Filters
from medora.review.states import SYSTEM
from medora.store import repository
from medora.store import review as rows
from medora.store.articles import ArticleRecord
from medora.types import Article, Evidence


def newest_source_id(workspace) -> int:  # noqa: ANN001
    """Call before an ingest; pass the result to :func:`flag_new_evidence` after it."""
    with workspace.engine.connect() as conn:
        return repository.max_source_id(conn)


def _filters(filters_key: str) -> Filters | None:
    if not filters_key:
        return None
    data = json.loads(filters_key)
    return Filters(year_from=data.get("from"), year_to=data.get("to"), kinds=frozenset(data.get("kinds") or ()))


def newer_or_stronger(article: Article, ranked: list[Evidence], *, since_source_id: int) -> list[dict]:
    """Sources added after ``since_source_id`` that rank at or above the lowest-ranked cited source and beat the
    cited evidence on recency or evidence level. Pure: ``ranked`` is the retrieval result, best first."""
    cited = {reference.source_key for reference in article.references}
    if not cited:
        return []
    positions = [rank for rank, evidence in enumerate(ranked) if evidence.source.key in cited]
    cutoff = max(positions) if positions else len(ranked) - 1
    newest = max((reference.year or 0 for reference in article.references), default=0)
    strongest = max((EVIDENCE_LEVEL.get(reference.kind, 0.4) for reference in article.references), default=0.0)
    found: dict[str, dict] = {}
    for evidence in ranked[: cutoff + 1]:
        source = evidence.source
        if evidence.source_id <= since_source_id or source.key in cited or source.key in found:
            continue
        reasons = []
        if source.year and source.year > newest:
            reasons.append(f"newer: {source.year}, the newest cited source is from {newest or 'an unknown year'}")
        if EVIDENCE_LEVEL.get(source.kind.value, 0.4) > strongest:
            reasons.append(f"a higher evidence level: {source.kind.value}")
        if reasons:
            found[source.key] = {
                "source_key": source.key, "title": source.title, "kind": source.kind.value, "year": source.year,
                "pmid": source.pmid, "doi": source.doi, "reason": "; ".join(reasons),
            }
    return list(found.values())


def flag_new_evidence(workspace, *, since_source_id: int) -> list[ArticleRecord]:  # noqa: ANN001
    """Mark approved articles for which sources added after ``since_source_id`` would now rank among the cited
    evidence; returns the articles newly flagged (each flag is also an audit event)."""
    with workspace.engine.connect() as conn:
        if repository.max_source_id(conn) <= since_source_id:
            return []
        approved = rows.approved_articles(conn)
    flagged = []
    retriever = workspace.retriever
    top_k = workspace.settings.retrieve.top_k
    for record in approved:
        with workspace.engine.connect() as conn:
            article = load_version(conn, record, record.approved_version).article
        ranked = retriever.search(article.question or record.question, top_k=top_k, filters=_filters(record.filters_key))
        found = newer_or_stronger(article, ranked, since_source_id=since_source_id)
        known = {item["source_key"] for item in record.new_evidence or []}
        added = [item | {"found_on": datetime.date.today().isoformat()} for item in found if item["source_key"] not in known]
        if not added:
            continue
        with workspace.engine.begin() as conn:
            rows.set_new_evidence(conn, article_id=record.id, new_evidence=(record.new_evidence or []) + added)
            rows.append_audit_event(
                conn, article_id=record.id, actor=SYSTEM.name, actor_role=SYSTEM.role.value, action="new evidence",
                from_state=record.status, to_state=record.status, version=record.approved_version,
                reason=f"{len(added)} source(s) added since approval rank among the cited evidence",
                details={"sources": [item["source_key"] for item in added]},
            )
        flagged.append(record)
    return flagged
