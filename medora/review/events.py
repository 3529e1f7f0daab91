"""What every new or revised article records: the state the workflow gives it, and an event in the audit log.

Called inside the caller's transaction (articles.py when a question is answered again or an overview changes,
the workflow when an editor edits), so a version never exists without its audit event."""

from __future__ import annotations

from sqlalchemy import Connection

from medora.review.states import SYSTEM, Action, Actor, transition
from medora.store import review as rows
from medora.store.articles import ArticleRecord


def record_creation(conn: Connection, *, article_id: int, state: str, actor: Actor = SYSTEM, reason: str) -> None:
    rows.append_audit_event(
        conn, article_id=article_id, actor=actor.name, actor_role=actor.role.value, action="create",
        to_state=state, version=1, reason=reason,
    )


def record_revision(
    conn: Connection, *, record: ArticleRecord, number: int, actor: Actor = SYSTEM, reason: str,
    details: dict | None = None,
) -> str:
    """Version ``number`` of ``record`` now exists: move the article on (an approved one goes back to review and
    keeps its approved version for readers) and log it; returns the new state."""
    state = transition(record.status, Action.REVISE, actor.role)
    rows.set_status(conn, article_id=record.id, status=state.value)
    rows.append_audit_event(
        conn, article_id=record.id, actor=actor.name, actor_role=actor.role.value, action=Action.REVISE.value,
        from_state=record.status, to_state=state.value, version=number, reason=reason, details=details,
    )
    return state.value
