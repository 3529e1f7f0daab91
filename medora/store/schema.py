"""Tables. Sources and passages are the truth; indexes are derived from them and can be rebuilt."""

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
    Text,
    Table,
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

ingested_files = Table(
    "ingested_files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("path", Text, nullable=False),
    Column("records", Integer, nullable=False, default=0),
    Column("seconds", Float, nullable=False, default=0.0),
    Column("finished_at", DateTime(timezone=True), nullable=False),
)
