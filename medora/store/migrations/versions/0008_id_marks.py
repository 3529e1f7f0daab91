"""Source and passage ids are never handed out twice. SQLite gives a new row the highest stored id plus one, so
deleting the newest passage (a source replaced or withdrawn) and ingesting again reused its id, and a stored article's
citation could silently name different text. ``id_marks`` keeps the highest id each table ever held, from the
highest stored now; insert triggers raise it and refuse any id at or below it, so every writer, not only Medora's
bulk insert, is held to it. PostgreSQL's serial sequences never go back: there the table is created (one schema for
both) and left empty.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_TABLES = ("sources", "passages")


def _trigger(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_ids_never_reused AFTER INSERT ON {table} BEGIN "
        f"SELECT RAISE(ABORT, '{table}: this id was handed out before (ids are never reused)') "
        f"WHERE NEW.id <= (SELECT highest FROM id_marks WHERE table_name = '{table}'); "
        f"UPDATE id_marks SET highest = NEW.id WHERE table_name = '{table}'; END"
    )


def upgrade() -> None:
    op.create_table(
        "id_marks",
        sa.Column("table_name", sa.String(40), primary_key=True),
        sa.Column("highest", sa.Integer, nullable=False),
    )
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in _TABLES:
        op.execute(f"INSERT INTO id_marks (table_name, highest) SELECT '{table}', coalesce(max(id), 0) FROM {table}")
        op.execute(_trigger(table))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_ids_never_reused")
    op.drop_table("id_marks")
