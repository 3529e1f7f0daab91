"""A maintained count of searchable vectors in ``search.totals`` (column ``vectors``), kept by statement triggers
like the term statistics of 0005: the size of the vector index is read in one row instead of counting every
passage's embedding on each access (a sequential scan at a million passages).

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# One trigger per event: PostgreSQL allows transition tables only on a trigger for a single event.
_VECTOR_COUNT = [
    "ALTER TABLE search.totals ADD COLUMN vectors bigint NOT NULL DEFAULT 0",
    *(
        f"CREATE FUNCTION search.count_vectors_{name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"UPDATE search.totals SET vectors = vectors {change}; RETURN NULL; END $$"
        for name, change in (
            ("added", "+ (SELECT count(embedding) FROM new_rows)"),
            ("removed", "- (SELECT count(embedding) FROM old_rows)"),
            ("changed", "+ (SELECT count(embedding) FROM new_rows) - (SELECT count(embedding) FROM old_rows)"),
        )
    ),
    *(
        f"CREATE TRIGGER search_vectors_{name} AFTER {event} ON search.passages REFERENCING {tables} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION search.count_vectors_{name}()"
        for name, event, tables in (
            ("added", "INSERT", "NEW TABLE AS new_rows"),
            ("removed", "DELETE", "OLD TABLE AS old_rows"),
            ("changed", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        )
    ),
    "UPDATE search.totals SET vectors = (SELECT count(embedding) FROM search.passages)",
]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    has_vectors = bind.exec_driver_sql(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_schema = 'search' AND table_name = 'passages' AND column_name = 'embedding'"
    ).first()
    if has_vectors:
        for statement in _VECTOR_COUNT:
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for name in ("added", "removed", "changed"):
        op.execute(f"DROP TRIGGER IF EXISTS search_vectors_{name} ON search.passages")
        op.execute(f"DROP FUNCTION IF EXISTS search.count_vectors_{name}()")
    op.execute("ALTER TABLE search.totals DROP COLUMN IF EXISTS vectors")
