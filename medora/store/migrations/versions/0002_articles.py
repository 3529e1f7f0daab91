"""Persisted articles and their versions.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(120), nullable=False, unique=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("question_key", sa.String(400), nullable=False),
        sa.Column("filters_key", sa.String(400), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("question_type", sa.String(40), nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("source_key", sa.String(200), unique=True),
        sa.Column("status", sa.String(40), nullable=False, index=True),
        sa.Column("specialties", sa.JSON, nullable=False),
        sa.Column("current_version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.UniqueConstraint("question_key", "filters_key"),
    )
    op.create_table(
        "article_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("composer", sa.String(40), nullable=False),
        sa.Column("index_version", sa.String(80), nullable=False),
        sa.Column("content", sa.JSON, nullable=False),
        sa.UniqueConstraint("article_id", "number"),
    )


def downgrade() -> None:
    op.drop_table("article_versions")
    op.drop_table("articles")
