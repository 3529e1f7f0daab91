"""Reads and writes of follow-up threads. Keyword-only arguments; rows in, records out.

Every read takes the owner: a thread is found only by the one who owns it, so no query here can hand one reader's
thread to another."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from medora.store.articles import aware_utc
from medora.store.schema import articles, thread_items, threads


@dataclass
class ThreadItem:
    position: int
    asked: str
    standalone: str
    article_id: int
    slug: str
    title: str
    version: int
    created_at: datetime.datetime


@dataclass
class ThreadRecord:
    id: str
    topic: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    items: list[ThreadItem]


def insert_thread(conn: Connection, *, thread_id: str, owner: str, topic: str) -> None:
    now = datetime.datetime.now(datetime.UTC)
    conn.execute(insert(threads).values(id=thread_id, owner=owner, topic=topic, created_at=now, updated_at=now))


def add_item(
    conn: Connection, *, thread_id: str, asked: str, standalone: str, article_id: int, version: int
) -> int:
    """Append a question and its article to the thread; returns its position (1 for the first). The thread row is
    locked first on PostgreSQL, so two workers appending to one thread at once take the next positions in turn."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(threads.c.id).where(threads.c.id == thread_id).with_for_update())
    now = datetime.datetime.now(datetime.UTC)
    position = (
        conn.execute(select(func.max(thread_items.c.position)).where(thread_items.c.thread_id == thread_id)).scalar() or 0
    ) + 1
    conn.execute(
        insert(thread_items).values(
            thread_id=thread_id, position=position, asked=asked, standalone=standalone, article_id=article_id,
            version=version, created_at=now,
        )
    )
    conn.execute(update(threads).where(threads.c.id == thread_id).values(updated_at=now))
    return position


def thread_of(conn: Connection, *, thread_id: str, owner: str) -> ThreadRecord | None:
    """The thread with its items in order, or None when it does not exist or belongs to someone else."""
    row = conn.execute(select(threads).where(threads.c.id == thread_id, threads.c.owner == owner)).first()
    if row is None:
        return None
    items = conn.execute(
        select(thread_items, articles.c.slug, articles.c.title)
        .join(articles, articles.c.id == thread_items.c.article_id)
        .where(thread_items.c.thread_id == thread_id)
        .order_by(thread_items.c.position)
    ).all()
    return ThreadRecord(
        id=row.id,
        topic=row.topic,
        created_at=aware_utc(row.created_at),
        updated_at=aware_utc(row.updated_at),
        items=[
            ThreadItem(i.position, i.asked, i.standalone, i.article_id, i.slug, i.title, i.version, aware_utc(i.created_at))
            for i in items
        ],
    )
