"""Scheme versions, assessments and their entries (the shipped schemes are loaded by
the app at start-up, `schemes.service.load_shipped`).

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

from apik_shared.platform.offices import create_office_registry, drop_office_registry
from apik_shared.platform.tables import create_platform_tables, drop_platform_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _at(name: str, *, nullable: bool = True) -> sa.Column:
    if nullable:
        return sa.Column(name, sa.DateTime(timezone=True))
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
    )


def _json_list(name: str) -> sa.Column:
    return sa.Column(name, JSONB, nullable=False, server_default="[]")


def upgrade() -> None:
    create_platform_tables()
    create_office_registry()
    op.create_table(
        "scheme_version",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("code", sa.String(40), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("year_from", sa.Integer, nullable=False),
        sa.Column("year_to", sa.Integer),
        sa.Column("definition", JSONB, nullable=False),
        sa.Column("frozen", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("based_on", UUID(as_uuid=True)),
        sa.Column("reason", sa.Text),
        sa.Column("created_by", sa.Text, nullable=False),
        _at("created_at", nullable=False),
        sa.Column("row_version", sa.Integer, nullable=False, server_default="1"),
        sa.UniqueConstraint("code", "version"),
    )
    op.create_table(
        "assessment",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("unit_name", sa.Text, nullable=False),
        sa.Column("unit_type", sa.String(32), nullable=False),
        sa.Column("region", sa.Text, nullable=False),
        sa.Column("regency", sa.Text),
        sa.Column("year", sa.Integer, nullable=False, index=True),
        sa.Column(
            "scheme_id", UUID(as_uuid=True), sa.ForeignKey("scheme_version.id"), nullable=False
        ),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("follow_up_issued", sa.Integer),
        sa.Column("follow_up_done", sa.Integer),
        sa.Column("created_by", sa.Text, nullable=False),
        _at("created_at", nullable=False),
        _at("plenary_at"),
        _at("published_at"),
        sa.Column("published_by", sa.Text),
        sa.Column("published_total", sa.Float),
        sa.Column("published_label", sa.Text),
        sa.Column("published_zone", sa.String(16)),
        sa.Column("published_grade", sa.String(1)),
        sa.Column("published_score", JSONB),
        _json_list("history"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.UniqueConstraint("office", "year", "unit_type", "unit_name"),
    )
    op.create_table(
        "assessment_entry",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "assessment_id",
            UUID(as_uuid=True),
            sa.ForeignKey("assessment.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("respondent_type", sa.String(32), nullable=False),
        sa.Column("respondent_ref", sa.String(40)),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.Text, nullable=False),
        _json_list("photos"),
        sa.Column("answers", JSONB, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("enumerator", sa.Text, nullable=False),
        _at("submitted_at", nullable=False),
        sa.Column("reviewed_by", sa.Text),
        _at("reviewed_at"),
        sa.Column("review_note", sa.Text),
        _json_list("corrections"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )


def downgrade() -> None:
    op.drop_table("assessment_entry")
    op.drop_table("assessment")
    op.drop_table("scheme_version")
    drop_office_registry()
    drop_platform_tables()
