"""Reads and writes of persisted articles and their versions. Keyword-only arguments; rows in, records out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import Connection, Select, String, and_, cast, func, insert, or_, select, true, update

from medora.store.schema import article_versions, articles, passages, version_citations


@dataclass
class ArticleRecord:
    """One row of ``articles``: what a list or a page header needs without the article JSON."""

    id: int
    slug: str
    question: str
    title: str
    question_type: str
    origin: str
    status: str
    specialties: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    source_key: str | None = None
    approved_version: int | None = None
    approved_by: str | None = None
    approved_at: datetime.datetime | None = None
    new_evidence: list[dict] | None = None
    filters_key: str = ""

    @property
    def reader_version(self) -> int:
        """The version readers are shown: the approved one when there is one, else the newest."""
        return self.approved_version or self.version


@dataclass
class VersionSummary:
    number: int
    created_at: datetime.datetime
    composer: str
    index_version: str


def record_of(row) -> ArticleRecord:  # noqa: ANN001 (a Row)
    return ArticleRecord(
        id=row.id,
        slug=row.slug,
        question=row.question,
        title=row.title,
        question_type=row.question_type,
        origin=row.origin,
        status=row.status,
        specialties=list(row.specialties or []),
        created_at=aware_utc(row.created_at),
        updated_at=aware_utc(row.updated_at),
        version=row.current_version,
        source_key=row.source_key,
        approved_version=row.approved_version,
        approved_by=row.approved_by,
        approved_at=aware_utc(row.approved_at) if row.approved_at else None,
        new_evidence=list(row.new_evidence) if row.new_evidence else None,
        filters_key=row.filters_key or "",
    )


def aware_utc(moment: datetime.datetime) -> datetime.datetime:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def article_by_id(conn: Connection, *, article_id: int) -> ArticleRecord | None:
    row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
    return record_of(row) if row else None


def article_by_slug(conn: Connection, *, slug: str) -> ArticleRecord | None:
    row = conn.execute(select(articles).where(articles.c.slug == slug)).first()
    return record_of(row) if row else None


def article_by_question(conn: Connection, *, question_key: str, filters_key: str) -> ArticleRecord | None:
    row = conn.execute(
        select(articles).where(articles.c.question_key == question_key, articles.c.filters_key == filters_key)
    ).first()
    return record_of(row) if row else None


def article_by_source(conn: Connection, *, source_key: str) -> ArticleRecord | None:
    row = conn.execute(select(articles).where(articles.c.source_key == source_key)).first()
    return record_of(row) if row else None


def library_source_keys_with_articles(conn: Connection) -> set[str]:
    return set(conn.execute(select(articles.c.source_key).where(articles.c.source_key.is_not(None))).scalars())


def slug_taken(conn: Connection, *, slug: str) -> bool:
    return conn.execute(select(articles.c.id).where(articles.c.slug == slug)).first() is not None


def insert_article(
    conn: Connection,
    *,
    slug: str,
    question: str,
    question_key: str,
    filters_key: str,
    title: str,
    question_type: str,
    origin: str,
    status: str,
    specialties: list[str],
    content: dict,
    composer: str,
    index_version: str,
    source_key: str | None = None,
) -> int:
    """A new article with its first version; returns its id."""
    now = datetime.datetime.now(datetime.UTC)
    article_id = conn.execute(
        insert(articles).values(
            slug=slug,
            question=question,
            question_key=question_key,
            filters_key=filters_key,
            title=title,
            question_type=question_type,
            origin=origin,
            source_key=source_key,
            status=status,
            specialties=specialties,
            current_version=1,
            created_at=now,
            updated_at=now,
        )
    ).inserted_primary_key[0]
    version_id = conn.execute(
        insert(article_versions).values(
            article_id=article_id, number=1, created_at=now, composer=composer, index_version=index_version, content=content
        )
    ).inserted_primary_key[0]
    _record_citations(conn, version_id=version_id, content=content, at=now)
    return article_id


def add_version(
    conn: Connection, *, article_id: int, content: dict, composer: str, index_version: str, title: str | None = None
) -> int:
    """Store a new version and make it current; returns its number."""
    now = datetime.datetime.now(datetime.UTC)
    number = (
        conn.execute(select(func.max(article_versions.c.number)).where(article_versions.c.article_id == article_id)).scalar()
        or 0
    ) + 1
    version_id = conn.execute(
        insert(article_versions).values(
            article_id=article_id, number=number, created_at=now, composer=composer, index_version=index_version, content=content
        )
    ).inserted_primary_key[0]
    _record_citations(conn, version_id=version_id, content=content, at=now)
    values = {"current_version": number, "updated_at": now} | ({"title": title} if title else {})
    conn.execute(update(articles).where(articles.c.id == article_id).values(**values))
    return number


def version_content(conn: Connection, *, article_id: int, number: int) -> dict | None:
    return conn.execute(
        select(article_versions.c.content).where(
            article_versions.c.article_id == article_id, article_versions.c.number == number
        )
    ).scalar()


def version_state(conn: Connection, *, article_id: int, number: int) -> tuple[str, bool]:
    """A version's index version and whether an ingest has since replaced or withdrawn evidence it cites."""
    row = conn.execute(
        select(article_versions.c.index_version, article_versions.c.evidence_replaced_at).where(
            article_versions.c.article_id == article_id, article_versions.c.number == number
        )
    ).one()
    return row.index_version, row.evidence_replaced_at is not None


def cited_passage_ids(content: object) -> set[int]:
    """Every passage id a stored article's JSON cites (``passage_id`` and ``grouped_passage_ids`` at any depth), apart
    from the sentences that failed verification (``dropped_statements``: shown for debugging, never cited). Read
    from the JSON, not the model, so a version stored under an older article schema is read the same way."""
    found: set[int] = set()
    pending = [content]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            if isinstance(item.get("passage_id"), int):
                found.add(item["passage_id"])
            found.update(pid for pid in item.get("grouped_passage_ids") or () if isinstance(pid, int))
            pending.extend(value for key, value in item.items() if key != "dropped_statements")
    return found


def _record_citations(conn: Connection, *, version_id: int, content: dict, at: datetime.datetime) -> None:
    """Note which passages a new version cites; one already gone (an ingest deleted it while this answer was being
    composed, after that ingest marked the versions citing it) marks the version at once, so no mark is missed."""
    cited = sorted(cited_passage_ids(content))
    if not cited:
        return
    conn.execute(insert(version_citations), [{"version_id": version_id, "passage_id": pid} for pid in cited])
    stored = conn.execute(select(func.count()).select_from(passages).where(passages.c.id.in_(cited))).scalar()
    if stored < len(cited):
        conn.execute(update(article_versions).where(article_versions.c.id == version_id).values(evidence_replaced_at=at))


def mark_citing(conn: Connection, *, passage_ids: Select, at: datetime.datetime) -> list[str]:
    """Mark every stored version citing one of these passages, in the caller's transaction: the one that deletes
    them (an ingest replacing their source), so a mark cannot be lost to a run that dies between the two. Returns
    the slugs of the asked articles whose newest version is marked now: asked once search covers the store, those
    are answered anew (the library's own articles are re-registered from their overview instead). An approved
    version citing them is marked too, and readers keep seeing it until a reviewer approves the new one."""
    citing = select(version_citations.c.version_id).where(version_citations.c.passage_id.in_(passage_ids))
    unmarked = and_(article_versions.c.id.in_(citing), article_versions.c.evidence_replaced_at.is_(None))
    newest = and_(article_versions.c.article_id == articles.c.id, article_versions.c.number == articles.c.current_version)
    slugs = list(conn.execute(
        select(articles.c.slug).join(article_versions, newest).where(unmarked, articles.c.origin != "library")
        .order_by(articles.c.slug)).scalars())
    conn.execute(update(article_versions).where(unmarked).values(evidence_replaced_at=at))
    return slugs


def versions_of(conn: Connection, *, article_id: int) -> list[VersionSummary]:
    rows = conn.execute(
        select(article_versions.c.number, article_versions.c.created_at, article_versions.c.composer, article_versions.c.index_version)
        .where(article_versions.c.article_id == article_id)
        .order_by(article_versions.c.number.desc())
    ).all()
    return [VersionSummary(row.number, aware_utc(row.created_at), row.composer, row.index_version) for row in rows]


def search_articles(
    conn: Connection,
    *,
    words: list[str],
    status: str | None,
    specialty: str | None,
    updated_from: datetime.date | None,
    updated_to: datetime.date | None,
    origin: str | None,
    limit: int,
    offset: int,
) -> tuple[list[ArticleRecord], int]:
    """Articles matching every word (in question or title) and the filters, newest first, with the total count."""
    conditions = []
    for word in words:
        pattern = f"%{word.lower()}%"
        conditions.append(or_(func.lower(articles.c.question).like(pattern), func.lower(articles.c.title).like(pattern)))
    if status:
        conditions.append(articles.c.status == status)
    if specialty:
        conditions.append(func.lower(cast(articles.c.specialties, String)).like(f'%"{specialty.lower()}"%'))
    if updated_from:
        conditions.append(articles.c.updated_at >= datetime.datetime.combine(updated_from, datetime.time(), datetime.UTC))
    if updated_to:
        end = datetime.datetime.combine(updated_to + datetime.timedelta(days=1), datetime.time(), datetime.UTC)
        conditions.append(articles.c.updated_at < end)
    if origin:
        conditions.append(articles.c.origin == origin)
    where = and_(*conditions) if conditions else true()
    total = conn.execute(select(func.count()).select_from(articles).where(where)).scalar() or 0
    rows = conn.execute(
        select(articles).where(where).order_by(articles.c.updated_at.desc(), articles.c.id.desc()).limit(limit).offset(offset)
    ).all()
    return [record_of(row) for row in rows], total


def all_specialties(conn: Connection) -> list[str]:
    found: set[str] = set()
    for value in conn.execute(select(articles.c.specialties)).scalars():
        found.update(value or [])
    return sorted(found)
