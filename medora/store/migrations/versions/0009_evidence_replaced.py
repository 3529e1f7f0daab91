"""A mark on each article version whose cited evidence an ingest replaced or withdrew, and ``version_citations``
(which passages each version cites), so the ingest transaction that deletes a passage marks the versions citing it,
and asking reads one row instead of every cited passage. Here every stored version's citations are recorded, and
versions citing a passage no longer stored are marked, as are versions with a quoted sentence no longer in its
passage (checked once here with the composer's whole-sentence test): stores from before ids were never reused
(f74837e) may have given a replaced overview's ids to its new passages.

Revision ID: 0009
Revises: 0008
"""

import datetime
import json

import sqlalchemy as sa
from alembic import op

from medora.compose.faithfulness import is_verbatim

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_CHUNK = 500  # passage ids per query, well inside every database's parameter limit


def cited_passage_ids(content: object) -> set[int]:
    """Every passage id a stored article's statements cite (``passage_id`` and ``grouped_passage_ids`` at any depth),
    leaving out the sentences that failed verification (``dropped_statements``: shown, never cited)."""
    found: set[int] = set()
    stack = [content]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("passage_id"), int):
                found.add(item["passage_id"])
            found.update(i for i in item.get("grouped_passage_ids") or () if isinstance(i, int))
            stack.extend(value for key, value in item.items() if key != "dropped_statements")
        elif isinstance(item, list):
            stack.extend(item)
    return found


def quoted_sentences(content: object) -> list[tuple[int, str]]:
    """(passage id, sentence) of every statement quoting its passage, leaving out ``dropped_statements``."""
    found: list[tuple[int, str]] = []
    stack = [content]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            pid, text = item.get("passage_id"), item.get("text")
            if item.get("quote") is True and isinstance(pid, int) and isinstance(text, str):
                found.append((pid, text))
            stack.extend(value for key, value in item.items() if key != "dropped_statements")
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _stored(bind, ids: set[int]) -> dict[int, str]:  # noqa: ANN001
    """The text of each of ``ids`` still stored."""
    chosen, found = sorted(ids), {}
    for start in range(0, len(chosen), _CHUNK):
        query = sa.text("SELECT id, text FROM passages WHERE id IN :ids")
        query = query.bindparams(sa.bindparam("ids", expanding=True))
        found.update((pid, text) for pid, text in bind.execute(query, {"ids": chosen[start : start + _CHUNK]}))
    return found


def upgrade() -> None:
    op.add_column("article_versions", sa.Column("evidence_replaced_at", sa.DateTime(timezone=True)))
    op.create_table(
        "version_citations",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("article_versions.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("passage_id", sa.Integer, primary_key=True, index=True),
    )
    bind = op.get_bind()
    cited, quoted = {}, {}
    for row in bind.execute(sa.text("SELECT id, content FROM article_versions")):
        content = json.loads(row.content) if isinstance(row.content, str) else row.content
        cited[row.id], quoted[row.id] = cited_passage_ids(content), quoted_sentences(content)
    citations = sa.table("version_citations", sa.column("version_id"), sa.column("passage_id"))
    pairs = [{"version_id": version, "passage_id": pid} for version, ids in cited.items() for pid in sorted(ids)]
    for start in range(0, len(pairs), _CHUNK):
        bind.execute(sa.insert(citations), pairs[start : start + _CHUNK])
    stored = _stored(bind, set().union(*cited.values())) if cited else {}
    stale = [version for version, ids in cited.items()
             if ids - stored.keys() or any(not is_verbatim(text, stored[pid]) for pid, text in quoted[version])]
    versions = sa.table("article_versions", sa.column("id"), sa.column("evidence_replaced_at", sa.DateTime(timezone=True)))
    now = datetime.datetime.now(datetime.UTC)
    for start in range(0, len(stale), _CHUNK):
        chosen = stale[start : start + _CHUNK]
        bind.execute(sa.update(versions).where(versions.c.id.in_(chosen)).values(evidence_replaced_at=now))


def downgrade() -> None:
    op.drop_table("version_citations")
    with op.batch_alter_table("article_versions") as batch:
        batch.drop_column("evidence_replaced_at")
