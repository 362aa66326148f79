"""Publications (news, opinion pieces, press releases and their number counters), the
social media log, the inventory of innovations and the anti-maladministration villages.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _at(name: str) -> sa.Column:
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
    )


def _tail() -> list[sa.Column]:
    return [
        sa.Column("history", JSONB, nullable=False, server_default="[]"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    ]


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("summary", sa.String),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("language", sa.String(2), nullable=False, server_default="id"),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("author", sa.String, nullable=False),
        sa.Column("approved_by", sa.String),
        sa.Column("approved_at", sa.DateTime(timezone=True)),
        sa.Column("number", sa.String(40)),
        sa.Column("published_at", sa.DateTime(timezone=True), index=True),
        sa.Column("published_on", sa.Date),
        _at("created_at"),
        *_tail(),
        sa.UniqueConstraint("office", "number"),
    )
    op.create_table(
        "press_release_counter",
        sa.Column("office", sa.String(32), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "social_post",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("platform", sa.String(16), nullable=False, index=True),
        sa.Column("url", sa.String, nullable=False),
        sa.Column("posted_on", sa.Date, nullable=False, index=True),
        sa.Column("caption", sa.String),
        sa.Column("article_id", UUID(as_uuid=True), sa.ForeignKey("article.id")),
        sa.Column("reach", sa.Integer, nullable=False, server_default="0"),
        sa.Column("impressions", sa.Integer, nullable=False, server_default="0"),
        sa.Column("engagement", sa.Integer, nullable=False, server_default="0"),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("recorded_by", sa.String, nullable=False),
        _at("recorded_at"),
        *_tail(),
        sa.UniqueConstraint("office", "url"),
    )
    op.create_table(
        "innovation",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("owner", sa.String(16), nullable=False, index=True),
        sa.Column("agency", sa.String),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("category", sa.String(24), nullable=False, index=True),
        sa.Column("year", sa.Integer, nullable=False, index=True),
        sa.Column("started_on", sa.Date),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("link", sa.String),
        sa.Column("created_by", sa.String, nullable=False),
        _at("created_at"),
        *_tail(),
    )
    op.create_table(
        "village",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("district", sa.String, nullable=False),
        sa.Column("regency", sa.String, nullable=False),
        sa.Column("region", sa.String, nullable=False),
        sa.Column("year", sa.Integer, nullable=False, index=True),
        sa.Column("stage", sa.String(24), nullable=False, index=True),
        sa.Column("nominated_by", sa.String),
        sa.Column("assessment_id", UUID(as_uuid=True), sa.ForeignKey("assessment.id")),
        sa.Column("verified_total", sa.Float),
        sa.Column("verified_label", sa.String),
        sa.Column("decree_number", sa.String(80)),
        sa.Column("decided_on", sa.Date),
        sa.Column("decided_by", sa.String),
        sa.Column("created_by", sa.String, nullable=False),
        _at("created_at"),
        *_tail(),
        sa.UniqueConstraint("office", "year", "regency", "district", "name"),
    )


def downgrade() -> None:
    op.drop_table("village")
    op.drop_table("innovation")
    op.drop_table("social_post")
    op.drop_table("press_release_counter")
    op.drop_table("article")
