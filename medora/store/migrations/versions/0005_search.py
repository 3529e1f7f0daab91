"""Search inside PostgreSQL: a ``search`` schema holding, per passage, its source's kind and year (for filter
pushdown), a weighted tsvector (title A, text B) under a GIN index with its length in words (for BM25), and its
MiniLM vector (pgvector, cosine HNSW).

Derived data, kept in step with the store by ``medora.retrieve.postgres.sync``. Its own schema keeps it out of the
table definitions the store's queries are written against. SQLite stores skip this migration (their indexes are files
in the data folder); without the pgvector extension the vector column is left out and search is lexical only.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

DIMENSIONS = 384


# BM25 needs each word's document frequency and the average length: kept up to date by statement triggers (a
# look-up per question instead of counting through the GIN index). Rows are inserted and deleted, never updated in
# their document (``retrieve.postgres`` deletes and re-inserts a changed passage).
_TERM_STATISTICS = [
    "CREATE TABLE search.terms (lexeme text PRIMARY KEY, documents integer NOT NULL)",
    (
        "CREATE TABLE search.totals (one boolean PRIMARY KEY DEFAULT true CHECK (one), documents bigint NOT NULL, "
        "words bigint NOT NULL)"
    ),
    "INSERT INTO search.totals VALUES (true, 0, 0)",
    *(
        f"CREATE FUNCTION search.count_{name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO search.terms SELECT u.lexeme, {sign}count(*) FROM {rows}, unnest({rows}.document) AS u "
        "GROUP BY u.lexeme ON CONFLICT (lexeme) DO UPDATE SET documents = search.terms.documents + excluded.documents; "
        f"UPDATE search.totals SET documents = documents {sign or '+'} (SELECT count(*) FROM {rows}), "
        f"words = words {sign or '+'} (SELECT coalesce(sum(length), 0) FROM {rows}); "
        "RETURN NULL; END $$"
        for name, sign, rows in (("added", "", "new_rows"), ("removed", "-", "old_rows"))
    ),
    (
        "CREATE TRIGGER search_passages_added AFTER INSERT ON search.passages REFERENCING NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION search.count_added()"
    ),
    (
        "CREATE TRIGGER search_passages_removed AFTER DELETE ON search.passages REFERENCING OLD TABLE AS old_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION search.count_removed()"
    ),
]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    has_vector = bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'").first()
    if has_vector:
        op.execute("CREATE EXTENSION IF NOT EXISTS vector")
    op.execute("CREATE SCHEMA IF NOT EXISTS search")
    vector_column = f", embedding vector({DIMENSIONS})" if has_vector else ""
    op.execute(
        "CREATE TABLE search.passages ("
        " passage_id integer PRIMARY KEY REFERENCES public.passages (id) ON DELETE CASCADE,"
        " kind varchar(40) NOT NULL,"
        " year smallint NOT NULL DEFAULT 0,"
        " document tsvector NOT NULL,"
        " length integer NOT NULL DEFAULT 0"  # words in the document, for BM25's length normalisation
        f"{vector_column})"
    )
    op.execute("CREATE INDEX search_passages_document ON search.passages USING gin (document)")
    for statement in _TERM_STATISTICS:
        op.execute(statement)
    op.execute("CREATE INDEX search_passages_kind_year ON search.passages (kind, year)")
    if has_vector:
        op.execute(
            "CREATE INDEX search_passages_embedding ON search.passages "
            "USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SCHEMA IF EXISTS search CASCADE")
