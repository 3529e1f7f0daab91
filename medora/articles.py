"""Persisted articles: ask once, keep the article, serve it again, list and search what was asked.

An asked question is keyed by its stemmed content words and its filters, so a rewording with the same words
("How should X be managed?" / "How to manage X") serves the stored article instead of answering again; asking
afresh stores a new version of the same article. The packaged overviews become articles too (origin "library")."""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy.exc import IntegrityError

from medora import build
from medora.answer import AUDIENCES, MAX_QUESTION_LENGTH, overview_article, run_pipeline, validate_question
from medora.errors import ArticleNotFoundError
from medora.readers.audience import adapt_article, reading_order
from medora.retrieve.retriever import Filters
from medora.retrieve.tokenize import content_words
from medora.review.events import record_creation, record_revision
from medora.review.states import State
from medora.store import articles as rows
from medora.store import repository
from medora.store import review as review_rows
from medora.store.articles import ArticleRecord, VersionSummary
from medora.store.database import write_transaction
from medora.types import LIBRARY_PREFIX, Article, Kind

__all__ = [
    "AUDIENCES",
    "MAX_QUESTION_LENGTH",
    "STATUSES",
    "ArticleRecord",
    "PassageView",
    "StoredArticle",
    "VersionSummary",
    "ask",
    "for_audience",
    "get_article",
    "list_articles",
    "list_versions",
    "passages_for",
    "register_library_articles",
    "specialties",
]

STATUSES = tuple(state.value for state in State)  # submitted, under review, approved, changes requested, rejected
SLUG_ATTEMPTS = 3  # a new article's slug taken by a concurrent asker of another question is retried
ADAPTED_CACHE_SIZE = 256  # adapted articles kept per process (a stored article version never changes)
_LIBRARY_STATUS = {"pending human review": "submitted"}  # front matter wording → workflow state


@dataclass
class StoredArticle:
    record: ArticleRecord
    article: Article
    version: int
    reused: bool = False

    @property
    def earlier_build(self) -> bool:
        """Whether this version was composed by another build of Medora than the one running (one stored before
        builds were stamped included): the running one may answer it otherwise."""
        return self.article.provenance.engine != build.engine_build()


@dataclass
class PassageView:
    """The exact text a citation rests on, with its place in the source."""

    id: int
    source_key: str
    source_title: str
    section: str
    text: str
    start: int
    end: int


def question_key(question: str) -> str:
    """Order-free stemmed content words: rewordings with the same words share a key."""
    return " ".join(sorted(content_words(question)))[:400]


def filters_key(filters: Filters | None) -> str:
    if filters is None or not filters.active:
        return ""
    return json.dumps({"from": filters.year_from, "to": filters.year_to, "kinds": sorted(filters.kinds)}, sort_keys=True)


def ask(
    workspace,  # noqa: ANN001 (a Workspace; typed loosely to keep this module below it)
    question: str,
    *,
    filters: Filters | None = None,
    audience: str = "clinician",
    fresh: bool = False,
    on_text: Callable[[str], None] | None = None,
) -> StoredArticle:
    """The stored article for ``question`` when one exists (unless ``fresh``), else a new one, answered and kept.

    Articles are stored as composed (for clinicians) and adapted to ``audience`` on the way out, so one stored
    article serves every reader."""
    validate_question(question, audience=audience)
    stored = _ask_composed(workspace, question, filters=filters, fresh=fresh, on_text=on_text)
    return for_audience(workspace, stored, audience)


def for_audience(workspace, stored: StoredArticle, audience: str) -> StoredArticle:  # noqa: ANN001
    """The stored article as ``audience`` reads it (adapted once per article version and audience, then cached)."""
    if audience == "clinician":
        return replace(stored, article=stored.article.model_copy(update={"audience": "clinician"}))
    key = (workspace.settings.resolved_database_url, stored.record.id, stored.version, audience)
    adapted = _ADAPTED.get(key)
    if adapted is None or adapted.provenance != stored.article.provenance:
        cited = [s.passage_id for s in reading_order(stored.article) if s.passage_id is not None]
        texts = {pid: view.text for pid, view in passages_for(workspace, cited).items()} if cited else {}
        adapted = adapt_article(stored.article, audience, passages=texts)
        _ADAPTED[key] = adapted
        while len(_ADAPTED) > ADAPTED_CACHE_SIZE:
            _ADAPTED.popitem(last=False)
    _ADAPTED.move_to_end(key)
    return replace(stored, article=adapted.model_copy(deep=True))


_ADAPTED: OrderedDict[tuple, Article] = OrderedDict()


def _answer_again(workspace, existing: ArticleRecord, stored: StoredArticle) -> bool:  # noqa: ANN001
    """Whether a stored question is answered anew rather than served: its newest version cites evidence an ingest
    replaced or withdrew (marked in that ingest's transaction, so asking reads one row, not every cited passage)
    and search now covers the store (``Workspace.indexes_current``: the index files, or PostgreSQL's search rows,
    hold every stored passage and no deleted one), or the version served found no answer and the index has moved
    since, or it is the newest version and another build of Medora composed it (an upgrade): it may now be answered.
    An answered version from an earlier build is served with a note (``StoredArticle.earlier_build``): it has been
    read, may be under review, and asking afresh is the reader's choice; a reviewer's edit is never replaced.

    Until then a marked version is served as it is: search still holds the old text and lacks the new, so answering
    would store an answer quoting neither, and the mark would be spent on it. That the index merely moved since the
    version was answered is not enough: an unrelated ingest may have moved it before the mark.
    The newest version decides: while an approved version is shown and a newer one awaits review, the newer one
    says what the evidence says now, and answering again would only add another version."""
    with workspace.engine.connect() as conn:
        newest_index, replaced = rows.version_state(conn, article_id=existing.id, number=existing.version)
    if replaced:
        return workspace.indexes_current()
    current = workspace.retriever.index_version
    if stored.article.answer_status == "answered":
        return False
    index_moved = stored.article.provenance.index_version != current
    newest_served = existing.reader_version == existing.version
    edited = stored.article.provenance.composer == "edited"
    return (index_moved and (newest_served or newest_index != current)) or (
        stored.earlier_build and newest_served and not edited
    )


def _ask_composed(
    workspace,  # noqa: ANN001
    question: str,
    *,
    filters: Filters | None,
    fresh: bool,
    on_text: Callable[[str], None] | None,
) -> StoredArticle:
    """The stored article as composed, answering and storing it first when needed."""
    question = validate_question(question)
    audience = "clinician"
    key, fkey = question_key(question), filters_key(filters)
    with workspace.engine.connect() as conn:
        existing = rows.article_by_question(conn, question_key=key, filters_key=fkey) if key else None
    if existing is not None and not fresh:
        stored = _load(workspace, existing, existing.reader_version)
        if not _answer_again(workspace, existing, stored):
            stored.reused = True
            return stored
    session = run_pipeline(question, retriever=workspace.retriever, settings=workspace.settings, filters=filters,
                           audience=audience, on_text=on_text)
    article = session.article
    content = article.model_dump(mode="json")
    with write_transaction(workspace.engine) as conn:  # concurrent askers wait for the lock instead of failing
        if existing is not None:
            return _store_version(conn, existing, article, content, fresh=fresh)
        overview = session.selection.overview if session.selection else None
        for attempt in range(SLUG_ATTEMPTS):
            try:
                with conn.begin_nested():
                    article_id = rows.insert_article(
                        conn,
                        slug=_free_slug(conn, question),
                        question=question,
                        question_key=key or f"empty:{hashlib.sha256(question.encode()).hexdigest()[:16]}",
                        filters_key=fkey,
                        title=article.title,
                        question_type=article.question_type,
                        origin="asked",
                        status="submitted",
                        specialties=list(overview.source.mesh) if overview is not None else [],
                        content=content,
                        composer=article.provenance.composer,
                        index_version=article.provenance.index_version,
                    )
                    record_creation(conn, article_id=article_id, state=State.SUBMITTED.value, reason="question answered")
                break
            except IntegrityError:
                winner = rows.article_by_question(conn, question_key=key, filters_key=fkey)
                if winner is not None:  # the same question stored by a concurrent asker (another worker) a moment ago
                    stored = load_version(conn, winner, winner.version)
                    stored.reused = True
                    return stored
                if attempt == SLUG_ATTEMPTS - 1:
                    raise
                # else another question took this slug a moment ago: the next attempt picks a free one
        record = rows.article_by_id(conn, article_id=article_id)
    return StoredArticle(record, article, 1)


def _store_version(
    conn, existing: ArticleRecord, article: Article, content: dict, *, fresh: bool  # noqa: ANN001
) -> StoredArticle:
    """Add ``article`` as the next version. The article row is locked first (on PostgreSQL; SQLite's write lock is
    already held), so two workers answering the same question afresh number their versions one after the other.

    Unless asked ``fresh``, a version stored by a concurrent asker since ``existing`` was read is served instead:
    both decided to answer again for the same reason, and the first answer settles it (no second version)."""
    article_id = existing.id
    current = review_rows.lock_article(conn, article_id=article_id)
    if not fresh and current.version != existing.version:
        stored = load_version(conn, current, current.version)
        stored.reused = True
        return stored
    number = rows.add_version(conn, article_id=article_id, content=_numbered(content, current.version + 1),
                              composer=article.provenance.composer, index_version=article.provenance.index_version)
    record_revision(conn, record=current, number=number, reason="answered afresh")
    article.editorial.version = number
    return StoredArticle(rows.article_by_id(conn, article_id=article_id), article, number)


def get_article(
    workspace, key: str | int, *, version: int | None = None, audience: str = "clinician"  # noqa: ANN001
) -> StoredArticle:
    """The article with this id or slug, at ``version`` (default: the one readers see, the approved version when
    there is one, else the newest), as ``audience`` reads it."""
    record = find_record(workspace, key)
    return for_audience(workspace, _load(workspace, record, version or record.reader_version), audience)


def list_versions(workspace, key: str | int) -> list[VersionSummary]:  # noqa: ANN001
    record = find_record(workspace, key)
    with workspace.engine.connect() as conn:
        return rows.versions_of(conn, article_id=record.id)


def list_articles(
    workspace,  # noqa: ANN001
    *,
    query: str | None = None,
    status: str | None = None,
    specialty: str | None = None,
    updated_from: datetime.date | None = None,
    updated_to: datetime.date | None = None,
    origin: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[ArticleRecord], int]:
    """A page of articles, newest first, and how many match in all."""
    words = re.findall(r"\w+", query or "")[:10]
    with workspace.engine.connect() as conn:
        return rows.search_articles(
            conn, words=words, status=status, specialty=specialty, updated_from=updated_from, updated_to=updated_to,
            origin=origin, limit=limit, offset=offset,
        )


def specialties(workspace) -> list[str]:  # noqa: ANN001
    with workspace.engine.connect() as conn:
        return rows.all_specialties(conn)


def passages_for(workspace, passage_ids: list[int]) -> dict[int, PassageView]:  # noqa: ANN001
    """The stored passages behind an article's citations (those still in the store)."""
    with workspace.engine.connect() as conn:
        found = repository.fetch_passages(conn, passage_ids=passage_ids)
    return {
        pid: PassageView(pid, source.key, source.title, row.section, row.text, row.start, row.end)
        for pid, (row, _source_id, source) in found.items()
    }


def library_articles_missing(workspace) -> bool:  # noqa: ANN001
    with workspace.engine.connect() as conn:
        wanted = set(repository.source_keys_of_kind(conn, kind=Kind.EDITORIAL_SUMMARY.value))
        return bool(wanted - rows.library_source_keys_with_articles(conn))


def register_library_articles(workspace) -> int:  # noqa: ANN001
    """Make each packaged overview an article (its front-matter review status the initial state); an overview
    edited since gets a new version. Returns how many articles were added or updated."""
    retriever = workspace.retriever
    changed = 0
    with workspace.engine.connect() as conn:
        overviews = repository.sources_of_kind(conn, kind=Kind.EDITORIAL_SUMMARY.value)
    for source_id, source in overviews:
        with workspace.engine.connect() as conn:
            record = rows.article_by_source(conn, source_key=source.key)
            current = load_version(conn, record, record.version).article if record else None
        passage_ids = repository_passage_ids(workspace, source_id)
        if current is not None and set(passage_ids) <= set(current.provenance.passage_ids):
            continue  # unchanged: a re-ingested (edited) overview has new passage ids
        article = overview_article(source_id, retriever=retriever, settings=workspace.settings)
        article.provenance.passage_ids = sorted(set(article.provenance.passage_ids) | set(passage_ids))
        content = article.model_dump(mode="json")
        with workspace.engine.begin() as conn:
            if record is None:
                state = _library_status(source.review_status)
                article_id = rows.insert_article(
                    conn,
                    slug=_free_slug(conn, source.key.removeprefix(LIBRARY_PREFIX), suffix=False),
                    question=source.title,
                    question_key=f"{LIBRARY_PREFIX}{source.key}",
                    filters_key="",
                    title=source.title,
                    question_type=article.question_type,
                    origin="library",
                    source_key=source.key,
                    status=state,
                    specialties=list(source.mesh),
                    content=content,
                    composer=article.provenance.composer,
                    index_version=article.provenance.index_version,
                )
                record_creation(conn, article_id=article_id, state=state,
                                reason=f"packaged overview (front matter: {source.review_status or 'no review status'})")
                if state == State.APPROVED.value:  # approved before it was packaged: readers see version 1
                    review_rows.set_review_state(
                        conn, article_id=article_id, status=state, approved_version=1, approved_by=None,
                        approved_at=_reviewed_on(source.last_reviewed), new_evidence=None,
                    )
            else:
                number = rows.add_version(conn, article_id=record.id, content=_numbered(content, record.version + 1),
                                          composer=article.provenance.composer,
                                          index_version=article.provenance.index_version, title=source.title)
                record_revision(conn, record=record, number=number, reason="the packaged overview changed")
        changed += 1
    return changed


def repository_passage_ids(workspace, source_id: int) -> list[int]:  # noqa: ANN001
    with workspace.engine.connect() as conn:
        return repository.passage_ids_of_source(conn, source_id=source_id)


def _reviewed_on(last_reviewed: str | None) -> datetime.datetime | None:
    try:
        day = datetime.date.fromisoformat(last_reviewed or "")
    except ValueError:
        return None
    return datetime.datetime.combine(day, datetime.time(), datetime.UTC)


def _library_status(review_status: str | None) -> str:
    status = _LIBRARY_STATUS.get(review_status or "", review_status or "submitted")
    return status if status in STATUSES else "submitted"


def _numbered(content: dict, number: int) -> dict:
    content["editorial"]["version"] = number
    return content


def find_record(workspace, key: str | int) -> ArticleRecord:  # noqa: ANN001
    with workspace.engine.connect() as conn:
        if isinstance(key, int) or str(key).isdigit():
            record = rows.article_by_id(conn, article_id=int(key))
        else:
            record = rows.article_by_slug(conn, slug=str(key))
    if record is None:
        raise ArticleNotFoundError(f"no article with id or slug {str(key)[:120]!r}")
    return record


def _load(workspace, record: ArticleRecord, number: int) -> StoredArticle:  # noqa: ANN001
    with workspace.engine.connect() as conn:
        return load_version(conn, record, number)


def load_version(conn, record: ArticleRecord, number: int) -> StoredArticle:  # noqa: ANN001
    content = rows.version_content(conn, article_id=record.id, number=number)
    if content is None:
        raise ArticleNotFoundError(f"article {record.slug!r} has no version {number} (it has 1 to {record.version})")
    article = Article.model_validate(content)
    article.editorial.version = number
    approved = number == record.approved_version
    article.editorial.status = "approved" if approved else "pending human review"
    article.editorial.reviewed_by = record.approved_by if approved else None
    article.editorial.reviewed_on = record.approved_at.date().isoformat() if approved and record.approved_at else None
    return StoredArticle(record, article, number)


def _free_slug(conn, text: str, *, suffix: bool = True) -> str:  # noqa: ANN001
    """A readable URL slug from ``text``: lower-case words, at most 60 characters, plus a short hash for asked
    questions (so two articles never fight over a slug)."""
    base = "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-") or "article"
    if not suffix and not rows.slug_taken(conn, slug=base):
        return base
    for salt in itertools.count():
        candidate = f"{base}-{hashlib.sha256(f'{text}|{salt}'.encode()).hexdigest()[:6]}"
        if not rows.slug_taken(conn, slug=candidate):
            return candidate
    raise AssertionError("unreachable")
