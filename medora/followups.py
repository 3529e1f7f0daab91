"""What to ask or read next: follow-up threads (a reader's questions kept in order, each answered as its own cited
article from a standalone rewording), suggested follow-ups, and for patients plain-language pages to read.

A thread belongs to one owner ('reader:…' for an anonymous reader holding a cookie token, 'local' for the command
line, an account later) and is found only by that owner. Threads are never listed."""

from __future__ import annotations

import hashlib
import secrets
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from medora import articles
from medora.articles import StoredArticle
from medora.compose.select import on_topic_evidence, question_weights
from medora.errors import ThreadNotFoundError
from medora.readers.threads import ThreadContext, as_question, follow_up_candidates, standalone_question, topic_of
from medora.retrieve.retriever import Filters
from medora.store import threads as rows
from medora.store.database import write_transaction
from medora.store.threads import ThreadRecord
from medora.types import Kind

__all__ = [
    "LOCAL_OWNER", "Reading", "ThreadAnswer", "ThreadRecord", "ask_in_thread", "get_thread", "owner_of_token",
    "plain_reading", "suggest",
]

LOCAL_OWNER = "local"  # the command line: whoever can run it can read the data folder anyway
SUGGESTIONS = 3
_SUGGESTED: OrderedDict[tuple, list[str]] = OrderedDict()
_READING: OrderedDict[tuple, list] = OrderedDict()


@dataclass(frozen=True)
class Reading:
    """A consumer-health page on the article's topic: further reading for a patient, not a citation."""

    title: str
    url: str | None
    source_key: str


@dataclass
class ThreadAnswer:
    stored: StoredArticle
    thread: ThreadRecord
    standalone: str


def new_token() -> str:
    """An unguessable token for an anonymous reader's cookie (256 bits)."""
    return secrets.token_urlsafe(32)


def owner_of_token(token: str) -> str:
    """The owner a reader's token stands for; the store keeps only this hash, never the token."""
    return "reader:" + hashlib.sha256(token.encode()).hexdigest()[:40]


def get_thread(workspace, thread_id: str, *, owner: str) -> ThreadRecord:  # noqa: ANN001
    with workspace.engine.connect() as conn:
        thread = rows.thread_of(conn, thread_id=thread_id, owner=owner)
    if thread is None:
        raise ThreadNotFoundError(f"no thread {thread_id[:60]!r} of yours: start one by asking a follow-up question")
    return thread


def ask_in_thread(
    workspace,  # noqa: ANN001
    question: str,
    *,
    owner: str,
    thread_id: str | None = None,
    follow_up_of: str | int | None = None,
    audience: str = "clinician",
    filters: Filters | None = None,
    fresh: bool = False,
    on_text: Callable[[str], None] | None = None,
) -> ThreadAnswer:
    """Ask ``question`` in the owner's thread ``thread_id``; without one, start a thread, beginning with the article
    ``follow_up_of`` when given. The question is made standalone from the thread before it is answered."""
    if thread_id is not None:
        thread = get_thread(workspace, thread_id, owner=owner)
    elif follow_up_of is not None:
        parent = articles.get_article(workspace, follow_up_of)
        thread = _start(workspace, owner=owner, topic=topic_of(parent.article))
        _record(workspace, thread.id, parent.record.question, parent.record.question, parent)
        thread = get_thread(workspace, thread.id, owner=owner)
    else:
        thread = None
    context = _context(thread)
    standalone = standalone_question(question, context)
    stored = articles.ask(workspace, standalone, filters=filters, audience=audience, fresh=fresh, on_text=on_text)
    if thread is None:
        thread = _start(workspace, owner=owner, topic=topic_of(stored.article))
    _record(workspace, thread.id, question, standalone, stored)
    return ThreadAnswer(stored, get_thread(workspace, thread.id, owner=owner), standalone)


def _context(thread: ThreadRecord | None) -> ThreadContext | None:
    if thread is None or not thread.items:
        return None
    first, last = thread.items[0].standalone, thread.items[-1].standalone
    return ThreadContext(thread.topic, as_question(first, thread.topic), as_question(last, thread.topic))


def _start(workspace, *, owner: str, topic: str) -> ThreadRecord:  # noqa: ANN001
    thread_id = secrets.token_urlsafe(12)
    with workspace.engine.begin() as conn:
        rows.insert_thread(conn, thread_id=thread_id, owner=owner, topic=topic)
    return ThreadRecord(thread_id, topic, None, None, [])  # type: ignore[arg-type] (times unread until reloaded)


def _record(workspace, thread_id: str, asked: str, standalone: str, stored: StoredArticle) -> None:  # noqa: ANN001
    with write_transaction(workspace.engine) as conn:  # reads the last position, then writes: take the lock first
        rows.add_item(conn, thread_id=thread_id, asked=asked, standalone=standalone, article_id=stored.record.id,
                      version=stored.version)


def suggest(workspace, stored: StoredArticle, *, limit: int = SUGGESTIONS) -> list[str]:  # noqa: ANN001
    """Up to ``limit`` follow-up questions the library can answer: each candidate passes retrieval's on-topic gate
    (a passage covering its words or close to it in meaning). Computed once per article version."""
    key = (workspace.settings.resolved_database_url, stored.record.id, stored.version)
    if key in _SUGGESTED:
        return list(_SUGGESTED[key])
    if stored.article.insufficient_evidence:
        return []
    retriever = workspace.retriever
    found = []
    for candidate in follow_up_candidates(stored.article, topic_of(stored.article)):
        evidence = retriever.search(candidate, top_k=5)
        if on_topic_evidence(evidence, question_weights(candidate, retriever.term_weights(candidate))):
            found.append(candidate)
            if len(found) == limit:
                break
    _SUGGESTED[key] = found
    while len(_SUGGESTED) > 256:
        _SUGGESTED.popitem(last=False)
    return list(found)


def plain_reading(workspace, stored: StoredArticle, *, limit: int = SUGGESTIONS) -> list[Reading]:  # noqa: ANN001
    """Consumer-health pages on the article's question, for patients: retrieval with the patient prior
    (``retrieve.patient_consumer_health_boost``) and the on-topic gate, leaving out pages the article already cites.
    Empty when the store holds none."""
    key = (workspace.settings.resolved_database_url, stored.record.id, stored.version)
    if key not in _READING:
        retriever, question = workspace.retriever, stored.record.question
        boost = {Kind.CONSUMER_HEALTH.value: workspace.settings.retrieve.patient_consumer_health_boost}
        evidence = retriever.search(question, top_k=20, kind_boost=boost)
        on_topic = on_topic_evidence(evidence, question_weights(question, retriever.term_weights(question)))
        cited = {ref.source_key for ref in stored.article.references}
        pages = {item.source.key: Reading(item.source.title, item.source.url, item.source.key)
                 for item in on_topic if item.source.kind is Kind.CONSUMER_HEALTH and item.source.key not in cited}
        _READING[key] = list(pages.values())[:limit]
        while len(_READING) > 256:
            _READING.popitem(last=False)
    return list(_READING[key])
