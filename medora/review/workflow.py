"""The editorial workflow over the store: assign, approve, request changes, reject, edit, and read the audit log.

Each action asks the pure state machine (states.py) what may happen, then writes the new state and its audit event
in one transaction. Who may act is the state machine's answer for the actor's role, plus one rule that needs the
store: a reviewer decides only on articles an editor assigned to them."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from medora.articles import StoredArticle, find_record, get_article, load_version
from medora.compose.verify import check_support
from medora.errors import AuthenticationError, PermissionDeniedError, ReviewError, ReviewInputError
from medora.review.anchors import citation_labels, find_anchor, statement_lists
from medora.review.diff import DiffLine, diff_articles
from medora.review.events import record_revision
from medora.review.states import EDITING_ROLES, Action, Actor, Role, State, published_version, transition
from medora.store import articles as article_rows
from medora.store import repository
from medora.store import review as rows
from medora.store import users as user_rows
from medora.store.articles import ArticleRecord
from medora.store.review import AssignmentRecord, AuditEvent, CommentRecord

WAITING = (State.SUBMITTED.value, State.UNDER_REVIEW.value, State.CHANGES_REQUESTED.value)
MAX_TEXT = 4000  # a comment, a reason or an edited sentence


@dataclass
class StatementEdit:
    """New text and citations for one sentence (its anchor, e.g. "s2.0"); empty text removes the sentence."""

    anchor: str
    text: str
    citations: list[str]


@dataclass
class QueueItem:
    record: ArticleRecord
    reviewers: list[str]


def require_signed_in(actor: Actor, doing: str) -> None:
    if actor.role is Role.ANONYMOUS:
        raise AuthenticationError(f"sign in to {doing}")


def require_editor(actor: Actor, doing: str) -> None:
    require_signed_in(actor, doing)
    if actor.role not in EDITING_ROLES:
        raise PermissionDeniedError(f"only editors and admins may {doing}")


def _text(value: str, what: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ReviewInputError(f"give a {what}")
    if len(value) > MAX_TEXT:
        raise ReviewInputError(f"the {what} is {len(value)} characters long; the limit is {MAX_TEXT}")
    return value


def _check_version(record: ArticleRecord, version: int | None) -> None:
    if version is not None and version != record.version:
        raise ReviewError(f"version {version} is no longer the newest: review version {record.version}")


def _decide(
    workspace, key: str | int, *, actor: Actor, action: Action, reason: str, version: int | None,  # noqa: ANN001
    comments: list[tuple[str, str]] = (),
) -> ArticleRecord:
    """A reviewer's decision on the newest version, with its comments, in one transaction."""
    require_signed_in(actor, action.value)
    article_id = find_record(workspace, key).id
    with workspace.engine.begin() as conn:
        record = rows.lock_article(conn, article_id=article_id)
        state = transition(record.status, action, actor.role)
        _check_version(record, version)
        if not rows.is_assigned(conn, article_id=record.id, reviewer_id=actor.user_id):
            raise PermissionDeniedError(f"{actor.name} is not assigned to review this article: an editor assigns reviewers")
        article = load_version(conn, record, record.version).article
        for anchor_id, body in comments:
            anchor = find_anchor(article, anchor_id)
            if anchor is None:
                raise ReviewInputError(f"no section or sentence {anchor_id[:40]!r} in version {record.version}")
            rows.insert_comment(conn, article_id=record.id, version=record.version, author=actor.name,
                                anchor=anchor.id, anchor_text=anchor.text, body=_text(body, "comment", required=True))
        approved = action is Action.APPROVE
        rows.set_review_state(
            conn, article_id=record.id, status=state.value,
            approved_version=published_version(record.status, action, approved_version=record.approved_version,
                                               current_version=record.version),
            approved_by=actor.name if approved else record.approved_by,
            approved_at=datetime.datetime.now(datetime.UTC) if approved else record.approved_at,
            new_evidence=None if approved else record.new_evidence,  # the reviewer has seen it
        )
        rows.append_audit_event(
            conn, article_id=record.id, actor=actor.name, actor_role=actor.role.value, action=action.value,
            from_state=record.status, to_state=state.value, version=record.version, reason=reason,
            details={"comments": [{"anchor": a, "body": b} for a, b in comments]} if comments else None,
        )
        return article_rows.article_by_id(conn, article_id=record.id)


def approve(workspace, key: str | int, *, actor: Actor, reason: str = "", version: int | None = None) -> ArticleRecord:  # noqa: ANN001
    """Approve the newest version: readers see it from now on, with "Reviewed by NAME, DATE"."""
    return _decide(workspace, key, actor=actor, action=Action.APPROVE, reason=_text(reason, "reason"), version=version)


def request_changes(
    workspace, key: str | int, *, actor: Actor, comments: list[tuple[str, str]], reason: str = "",  # noqa: ANN001
    version: int | None = None,
) -> ArticleRecord:
    """Send the newest version back to the editors with comments anchored to its sections or sentences."""
    reason = _text(reason, "reason")
    comments = [(anchor, body) for anchor, body in comments if (body or "").strip()]
    if not comments and not reason:
        raise ReviewInputError("say what should change: a comment on a section or sentence, or a reason")
    return _decide(workspace, key, actor=actor, action=Action.REQUEST_CHANGES, reason=reason, version=version,
                   comments=comments)


def reject(workspace, key: str | int, *, actor: Actor, reason: str, version: int | None = None) -> ArticleRecord:  # noqa: ANN001
    return _decide(workspace, key, actor=actor, action=Action.REJECT, reason=_text(reason, "reason", required=True),
                   version=version)


def assign(workspace, key: str | int, *, actor: Actor, reviewers: list[str], reason: str = "") -> ArticleRecord:  # noqa: ANN001
    """Give the article to reviewers (accounts with the reviewer role); the first assignment starts the review."""
    require_signed_in(actor, "assign reviewers")
    article_id = find_record(workspace, key).id
    names = list(dict.fromkeys(name.strip() for name in reviewers if name.strip()))
    if not names:
        raise ReviewInputError("name at least one reviewer to assign")
    with workspace.engine.begin() as conn:
        record = rows.lock_article(conn, article_id=article_id)
        state = transition(record.status, Action.ASSIGN, actor.role)
        added = []
        for name in names:
            user = user_rows.user_by_name(conn, name=name)
            if user is None or user.role != Role.REVIEWER.value:
                raise ReviewInputError(f"{name[:80]!r} is not a reviewer's account")
            if not rows.is_assigned(conn, article_id=record.id, reviewer_id=user.id):
                rows.insert_assignment(conn, article_id=record.id, reviewer_id=user.id, assigned_by=actor.name)
                added.append(name)
        if not added:
            raise ReviewInputError(f"already assigned: {', '.join(names)}")
        rows.set_status(conn, article_id=record.id, status=state.value)
        rows.append_audit_event(
            conn, article_id=record.id, actor=actor.name, actor_role=actor.role.value, action=Action.ASSIGN.value,
            from_state=record.status, to_state=state.value, version=record.version, reason=_text(reason, "reason"),
            details={"reviewers": added},
        )
        return article_rows.article_by_id(conn, article_id=record.id)


def edit(
    workspace, key: str | int, *, actor: Actor, edits: list[StatementEdit], reason: str,  # noqa: ANN001
    version: int | None = None,
) -> StoredArticle:
    """A new version with sentences rewritten (text and citations) or removed; each edited sentence is checked
    again against the passages of the references it now cites. An approved article goes back to review."""
    require_editor(actor, "edit articles")
    reason = _text(reason, "reason for the edit", required=True)
    if not edits:
        raise ReviewInputError("no sentence was changed")
    article_id = find_record(workspace, key).id
    with workspace.engine.begin() as conn:
        record = rows.lock_article(conn, article_id=article_id)
        transition(record.status, Action.REVISE, actor.role)  # refuse early, before any work
        _check_version(record, version)
        article = load_version(conn, record, record.version).article.model_copy(deep=True)
        changes = _apply_edits(conn, article, edits, min_support=workspace.settings.compose.min_support)
        if not changes:
            raise ReviewInputError("the edits change nothing")
        number = record.version + 1
        article.editorial.version = number
        article.editorial.last_updated = datetime.date.today().isoformat()
        article.provenance.notes.append(f"Version {number} edited by {actor.name}: {reason}")
        article_rows.add_version(conn, article_id=record.id, content=article.model_dump(mode="json"),
                                 composer="edited", index_version=article.provenance.index_version)
        record_revision(conn, record=record, number=number, actor=actor, reason=reason, details={"edits": changes})
        updated = article_rows.article_by_id(conn, article_id=record.id)
        return load_version(conn, updated, number)


def _apply_edits(conn, article, edits: list[StatementEdit], *, min_support: float) -> list[dict]:  # noqa: ANN001
    """Change the article in place; returns what changed (anchor, before, after) for the audit log."""
    lists = statement_lists(article)
    labels = citation_labels(article)
    passage_of = {str(ref.number): ref.passage_ids for ref in article.references}
    changes, removals = [], []
    for change in edits:
        section_id, _, index = change.anchor.rpartition(".")
        if section_id not in lists or not index.isdigit() or int(index) >= len(lists[section_id]):
            raise ReviewInputError(f"no sentence {change.anchor[:40]!r} in the newest version")
        statement = lists[section_id][int(index)]
        text = _text(change.text, "sentence")
        citations = [label.strip() for label in change.citations if label.strip()]
        unknown = [label for label in citations if label not in labels]
        if unknown:
            raise ReviewInputError(
                f"sentence {change.anchor}: the article has no reference {', '.join(unknown)} "
                f"(it has {', '.join(sorted(labels, key=lambda x: (len(x), x)))})"
            )
        if text == statement.text and citations == statement.citations:
            continue
        changes.append({"anchor": change.anchor, "before": statement.text, "after": text,
                        "citations_before": statement.citations, "citations_after": citations})
        if not text:
            removals.append((section_id, int(index)))
            continue
        if text and not citations:
            raise ReviewInputError(f"sentence {change.anchor}: every sentence must cite at least one reference")
        statement.text, statement.citations = text, citations
        cited_passages = [pid for label in citations for pid in passage_of.get(_reference_number(label), [])]
        _reverify(conn, statement, cited_passages, min_support=min_support)
    for section_id, index in sorted(removals, reverse=True):
        del lists[section_id][index]
    return changes


def _reference_number(label: str) -> str:
    """'1a' (a source an overview summarises) rests on reference 1's passages."""
    return re.match(r"\d*", label).group()


def _reverify(conn, statement, passage_ids: list[int], *, min_support: float) -> None:  # noqa: ANN001
    """Check an edited sentence against the cited passages; it keeps the best-supporting one."""
    found = repository.fetch_passages(conn, passage_ids=passage_ids)
    best = None
    for passage_id, (row, _source_id, _source) in found.items():
        support = check_support(statement.text, row.text, min_support=min_support)
        if best is None or (support.supported, support.score) > (best[1].supported, best[1].score):
            best = (passage_id, support)
    if best is None:
        statement.passage_id, statement.support, statement.verified = None, 0.0, False
        statement.flags = ["edited: no cited passage to check against"]
        return
    statement.passage_id, statement.support = best[0], best[1].score
    statement.verified, statement.flags = best[1].supported, best[1].flags


def review_queue(workspace, *, actor: Actor) -> list[QueueItem]:  # noqa: ANN001
    """What waits on review: for a reviewer, the articles assigned to them; for editors, everything waiting and
    every approved article with new evidence."""
    require_signed_in(actor, "see the review queue")
    with workspace.engine.connect() as conn:
        reviewer_id = actor.user_id if actor.role is Role.REVIEWER else None
        records = rows.review_queue(conn, states=WAITING, reviewer_id=reviewer_id)
        return [QueueItem(r, [a.reviewer for a in rows.assignments_of(conn, article_id=r.id)]) for r in records]


def assignments(workspace, key: str | int) -> list[AssignmentRecord]:  # noqa: ANN001
    article_id = find_record(workspace, key).id
    with workspace.engine.connect() as conn:
        return rows.assignments_of(conn, article_id=article_id)


def comments(workspace, key: str | int) -> list[CommentRecord]:  # noqa: ANN001
    article_id = find_record(workspace, key).id
    with workspace.engine.connect() as conn:
        return rows.comments_of(conn, article_id=article_id)


def audit_log(workspace, key: str | int, *, actor: Actor) -> list[AuditEvent]:  # noqa: ANN001
    """Every transition and edit of the article, oldest first: for editors and admins."""
    require_editor(actor, "read the audit log")
    article_id = find_record(workspace, key).id
    with workspace.engine.connect() as conn:
        return rows.audit_events_of(conn, article_id=article_id)


def version_diff(workspace, key: str | int, *, old: int, new: int) -> list[DiffLine]:  # noqa: ANN001
    """What changed between two stored versions of the article (any two, either order)."""
    return diff_articles(get_article(workspace, key, version=old).article, get_article(workspace, key, version=new).article)


def audit_export(workspace, key: str | int) -> dict:  # noqa: ANN001
    """The audit log as plain JSON data (for `medora audit`, run by whoever can read the store)."""
    record = find_record(workspace, key)
    with workspace.engine.connect() as conn:
        events = rows.audit_events_of(conn, article_id=record.id)
    return {"article": record.slug, "id": record.id, "events": [event_data(event) for event in events]}


def event_data(event: AuditEvent) -> dict:
    return {
        "id": event.id, "at": event.at.isoformat(), "actor": event.actor, "actor_role": event.actor_role,
        "action": event.action, "from_state": event.from_state, "to_state": event.to_state,
        "version": event.version, "reason": event.reason, "details": event.details,
    }


def reviewers(workspace) -> list[str]:  # noqa: ANN001
    with workspace.engine.connect() as conn:
        return [user.name for user in user_rows.users_with_role(conn, role=Role.REVIEWER.value)]
