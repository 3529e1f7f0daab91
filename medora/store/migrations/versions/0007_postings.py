"""Postings for lexical search in PostgreSQL: one row per (lexeme, passage) with the lexeme's frequency in the
passage and the passage's length, under a btree whose key is the lexeme (covering tf and length, so BM25 reads the
index only).

BM25 over full-text matches read the tsvector of every passage holding any question word (tens of thousands at 56 k
passages, about 70 ms a question and 13.7 s an ask under 50 askers); summing the question's postings costs one index
range per word. Kept by statement triggers on ``search.passages`` like the term statistics of 0005 (rows there are
inserted and deleted, never updated in their document, so two events suffice).

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# tf as PostgreSQL's tsvector counts it (positions kept, at most 256 per lexeme; a lexeme without any counts once)
_POSTINGS_OF = (
    "SELECT u.lexeme, r.passage_id, coalesce(array_length(u.positions, 1), 1), r.length "
    "FROM {rows} r CROSS JOIN LATERAL unnest(r.document) AS u"
)

_MAINTENANCE = [
    (
        "CREATE FUNCTION search.postings_added() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO search.postings (lexeme, passage_id, tf, length) {_POSTINGS_OF.format(rows='new_rows')}; "
        "RETURN NULL; END $$"
    ),
    (
        "CREATE FUNCTION search.postings_removed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "DELETE FROM search.postings p USING old_rows o CROSS JOIN LATERAL unnest(o.document) AS u "
        "WHERE p.lexeme = u.lexeme AND p.passage_id = o.passage_id; "  # by the key: no second index on passage_id
        "RETURN NULL; END $$"
    ),
    (
        "CREATE TRIGGER search_postings_added AFTER INSERT ON search.passages REFERENCING NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION search.postings_added()"
    ),
    (
        "CREATE TRIGGER search_postings_removed AFTER DELETE ON search.passages REFERENCING OLD TABLE AS old_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION search.postings_removed()"
    ),
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TABLE search.postings (lexeme text NOT NULL, passage_id integer NOT NULL, tf smallint NOT NULL, "
        "length integer NOT NULL)"
    )
    op.execute(f"INSERT INTO search.postings {_POSTINGS_OF.format(rows='search.passages')}")  # rows already synced
    op.execute("ALTER TABLE search.postings ADD PRIMARY KEY (lexeme, passage_id) INCLUDE (tf, length)")
    for statement in _MAINTENANCE:
        op.execute(statement)
    op.execute("ANALYZE search.postings")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in ("added", "removed"):
        op.execute(f"DROP TRIGGER IF EXISTS search_postings_{name} ON search.passages")
        op.execute(f"DROP FUNCTION IF EXISTS search.postings_{name}()")
    op.execute("DROP TABLE IF EXISTS search.postings")
