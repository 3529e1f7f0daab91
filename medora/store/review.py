"""Reads and writes of the editorial review: article states, reviewer assignments, anchored comments, new evidence,
and the audit log. The audit log is append-only: this module inserts and lists events and has no way to change one
(the database refuses it too)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from sqlalchemy import Connection, insert, or_, select, update

from medora.store.articles import ArticleRecord, aware_utc, record_of
from medora.store.schema import articles, audit_events, review_assignments, review_comments, users


@dataclass
class AssignmentRecord:
    reviewer: str
    assigned_by: str
    assigned_at: datetime.datetime


@dataclass
class CommentRecord:
    id: int
    version: int
    author: str
    anchor: str
    anchor_text: str
    body: str
    created_at: datetime.datetime


@dataclass
class AuditEvent:
    id: int
    article_id: int | None
    at: datetime.datetime
    actor: str
    actor_role: str
    action: str
    from_state: str | None
    to_state: str | None
    version: int | None
    reason: str
    details: dict = field(default_factory=dict)


def lock_article(conn: Connection, *, article_id: int) -> ArticleRecord | None:
    """The article row, locked for the rest of the transaction where the database can (PostgreSQL), so two
    reviewers deciding at once are applied one after the other."""
    query = select(articles).where(articles.c.id == article_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    return record_of(row) if row else None


def set_review_state(
    conn: Connection,
    *,
    article_id: int,
    status: str,
    approved_version: int | None,
    approved_by: str | None,
    approved_at: datetime.datetime | None,
    new_evidence: list[dict] | None,
) -> None:
    conn.execute(
        update(articles).where(articles.c.id == article_id).values(
            status=status, approved_version=approved_version, approved_by=approved_by, approved_at=approved_at,
            new_evidence=new_evidence,
        )
    )


def set_status(conn: Connection, *, article_id: int, status: str) -> None:
    conn.execute(update(articles).where(articles.c.id == article_id).values(status=status))


def set_new_evidence(conn: Connection, *, article_id: int, new_evidence: list[dict] | None) -> None:
    conn.execute(update(articles).where(articles.c.id == article_id).values(new_evidence=new_evidence))


def approved_articles(conn: Connection) -> list[ArticleRecord]:
    rows = conn.execute(select(articles).where(articles.c.approved_version.is_not(None)).order_by(articles.c.id))
    return [record_of(row) for row in rows]


def review_queue(conn: Connection, *, states: tuple[str, ...], reviewer_id: int | None = None) -> list[ArticleRecord]:
    """Articles waiting on review (in ``states``) or with new evidence, oldest change first; for a reviewer, only
    those assigned to them."""
    query = select(articles).where(or_(articles.c.status.in_(states), articles.c.new_evidence.is_not(None)))
    if reviewer_id is not None:
        assigned = select(review_assignments.c.article_id).where(review_assignments.c.reviewer_id == reviewer_id)
        query = query.where(articles.c.id.in_(assigned))
    return [record_of(row) for row in conn.execute(query.order_by(articles.c.updated_at, articles.c.id))]


def is_assigned(conn: Connection, *, article_id: int, reviewer_id: int) -> bool:
    return conn.execute(
        select(review_assignments.c.id).where(
            review_assignments.c.article_id == article_id, review_assignments.c.reviewer_id == reviewer_id
        )
    ).first() is not None


def insert_assignment(conn: Connection, *, article_id: int, reviewer_id: int, assigned_by: str) -> None:
    conn.execute(
        insert(review_assignments).values(
            article_id=article_id, reviewer_id=reviewer_id, assigned_by=assigned_by,
            assigned_at=datetime.datetime.now(datetime.UTC),
        )
    )


def assignments_of(conn: Connection, *, article_id: int) -> list[AssignmentRecord]:
    rows = conn.execute(
        select(users.c.name, review_assignments.c.assigned_by, review_assignments.c.assigned_at)
        .join(users, users.c.id == review_assignments.c.reviewer_id)
        .where(review_assignments.c.article_id == article_id)
        .order_by(review_assignments.c.assigned_at, users.c.name)
    )
    return [AssignmentRecord(row.name, row.assigned_by, aware_utc(row.assigned_at)) for row in rows]


def insert_comment(
    conn: Connection, *, article_id: int, version: int, author: str, anchor: str, anchor_text: str, body: str
) -> int:
    return conn.execute(
        insert(review_comments).values(
            article_id=article_id, version=version, author=author, anchor=anchor, anchor_text=anchor_text, body=body,
            created_at=datetime.datetime.now(datetime.UTC),
        )
    ).inserted_primary_key[0]


def comments_of(conn: Connection, *, article_id: int) -> list[CommentRecord]:
    rows = conn.execute(
        select(review_comments).where(review_comments.c.article_id == article_id).order_by(review_comments.c.id)
    )
    return [
        CommentRecord(row.id, row.version, row.author, row.anchor, row.anchor_text, row.body, aware_utc(row.created_at))
        for row in rows
    ]


def append_audit_event(
    conn: Connection,
    *,
    article_id: int | None,
    actor: str,
    actor_role: str,
    action: str,
    from_state: str | None = None,
    to_state: str | None = None,
    version: int | None = None,
    reason: str = "",
    details: dict | None = None,
) -> int:
    """Add one event to the audit log; events are never changed afterwards."""
    return conn.execute(
        insert(audit_events).values(
            article_id=article_id, at=datetime.datetime.now(datetime.UTC), actor=actor, actor_role=actor_role,
            action=action, from_state=from_state, to_state=to_state, version=version, reason=reason,
            details=details or {},
        )
    ).inserted_primary_key[0]


def audit_events_of(conn: Connection, *, article_id: int | None) -> list[AuditEvent]:
    """The article's events in the order they happened (``None``: events about accounts, not articles)."""
    condition = audit_events.c.article_id.is_(None) if article_id is None else audit_events.c.article_id == article_id
    rows = conn.execute(select(audit_events).where(condition).order_by(audit_events.c.id))
    return [
        AuditEvent(
            row.id, row.article_id, aware_utc(row.at), row.actor, row.actor_role, row.action, row.from_state,
            row.to_state, row.version, row.reason, dict(row.details or {}),
        )
        for row in rows
    ]
