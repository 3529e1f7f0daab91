"""Tables. Sources and passages are the truth; indexes are derived from them and can be rebuilt. Articles and
their versions are what readers were shown; users, assignments, comments and the append-only audit log are the
editorial review of them.

The database itself is created and changed by the Alembic migrations in ``store/migrations``; these Table objects
are what queries are written against, and a test checks that the two agree."""

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("kind", String(40), nullable=False, index=True),
    Column("title", Text, nullable=False, default=""),
    Column("authors", JSON, nullable=False, default=list),
    Column("journal", Text),
    Column("year", Integer, index=True),
    Column("pmid", String(20), index=True),
    Column("doi", String(200)),
    Column("url", Text),
    Column("mesh", JSON, nullable=False, default=list),
    Column("licence", Text),
    Column("origin", Text, nullable=False, default=""),
    Column("sections", JSON, nullable=False, default=list),
    Column("references", JSON, nullable=False, default=list),
    Column("review_status", String(40)),
    Column("last_reviewed", String(20)),
)

passages = Table(
    "passages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("section", Text, nullable=False, default=""),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    UniqueConstraint("source_id", "ordinal"),
)

embeddings = Table(
    "embeddings",
    metadata,
    Column("passage_id", Integer, ForeignKey("passages.id", ondelete="CASCADE"), primary_key=True),
    Column("model", String(80), nullable=False),
    Column("vector", LargeBinary, nullable=False),
)

# The highest id each of these tables ever handed out (SQLite; PostgreSQL's serial sequences never go back, so
# there the table stays empty). Kept by insert triggers, which also refuse an id at or below it: a stored article
# cites passages by id, and an id given out again after a delete would make its citation name other text.
id_marks = Table(
    "id_marks",
    metadata,
    Column("table_name", String(40), primary_key=True),
    Column("highest", Integer, nullable=False),
)

ingested_files = Table(
    "ingested_files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("path", Text, nullable=False),
    Column("records", Integer, nullable=False, default=0),
    Column("seconds", Float, nullable=False, default=0.0),
    Column("finished_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(120), nullable=False, unique=True),
    Column("question", Text, nullable=False),
    Column("question_key", String(400), nullable=False),
    Column("filters_key", String(400), nullable=False, default=""),
    Column("title", Text, nullable=False),
    Column("question_type", String(40), nullable=False),
    Column("origin", String(20), nullable=False),
    Column("source_key", String(200), unique=True),
    Column("status", String(40), nullable=False, index=True),
    Column("specialties", JSON, nullable=False, default=list),
    Column("current_version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, index=True),
    Column("approved_version", Integer),  # the version readers see; None until a reviewer approves one
    Column("approved_by", String(80)),
    Column("approved_at", DateTime(timezone=True)),
    Column("new_evidence", JSON),  # sources found after approval that would now rank among the cited ones
    UniqueConstraint("question_key", "filters_key"),
)

article_versions = Table(
    "article_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("composer", String(40), nullable=False),
    Column("index_version", String(80), nullable=False),
    Column("content", JSON, nullable=False),
    # when an ingest replaced or withdrew a passage this version cites (marked in that ingest's transaction): once
    # search covers the store again, asking again answers anew instead of serving what the source may no longer say
    Column("evidence_replaced_at", DateTime(timezone=True)),
    UniqueConstraint("article_id", "number"),
)

# Which passages each stored version cites, written with the version: the ingest transaction that deletes a
# passage marks the versions citing it (store/articles.mark_citing) by this index instead of reading every article.
# No foreign key to passages: the rows outlive the passages they name, which is the point.
version_citations = Table(
    "version_citations",
    metadata,
    Column("version_id", Integer, ForeignKey("article_versions.id", ondelete="CASCADE"), primary_key=True),
    Column("passage_id", Integer, primary_key=True, index=True),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256 of the cookie: a stolen table is no key
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account", String(80), nullable=False, index=True),
    Column("address", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
)

review_assignments = Table(
    "review_assignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("reviewer_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("assigned_by", String(80), nullable=False),
    Column("assigned_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("article_id", "reviewer_id"),
)

review_comments = Table(
    "review_comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("author", String(80), nullable=False),
    Column("anchor", String(40), nullable=False),  # a section ("s2") or a statement ("s2.0") of that version
    Column("anchor_text", Text, nullable=False),  # the heading or sentence as it read when commented on
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

audit_events = Table(  # append-only: the store has no function that updates or deletes a row, and triggers refuse it
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(80), nullable=False),
    Column("actor_role", String(20), nullable=False),
    Column("action", String(40), nullable=False),
    Column("from_state", String(40)),
    Column("to_state", String(40)),
    Column("version", Integer),
    Column("reason", Text, nullable=False),
    Column("details", JSON, nullable=False),
)

# A reader's follow-up thread: private to its owner ('reader:<hash of a cookie token>', 'local' for the CLI, or an
# account id later); never listed publicly.
threads = Table(
    "threads",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("owner", String(120), nullable=False, index=True),
    Column("topic", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

thread_items = Table(
    "thread_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("thread_id", String(40), ForeignKey("threads.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("asked", Text, nullable=False),
    Column("standalone", Text, nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("thread_id", "position"),
)
