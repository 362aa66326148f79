"""Visits, their steps (the clock), signatures and queue tickets.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

from apik_shared.platform.tables import create_platform_tables, drop_platform_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _now() -> sa.TextClause:
    return sa.text("now()")


def _at(name: str, *, nullable: bool = True) -> sa.Column:
    if nullable:
        return sa.Column(name, sa.DateTime(timezone=True))
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False, server_default=_now())


def upgrade() -> None:
    create_platform_tables()
    op.create_table(
        "visit",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("ticket", sa.Integer, nullable=False),
        sa.Column("requested_category", sa.String(32), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("institution", sa.Text),
        sa.Column("visitor", sa.Text, nullable=False),
        sa.Column("tender_reference", sa.Text),
        sa.Column("announced_on", sa.Date),
        sa.Column("answer_due", sa.Date),
        _at("answered_at"),
        sa.Column("answer", sa.Text),
        sa.Column("status", sa.String(32), nullable=False, index=True),
        sa.Column("officer", sa.Text),
        sa.Column("outcome", sa.Text),
        sa.Column("conversation", sa.Text),
        _at("checked_in_at", nullable=False),
        _at("started_at"),
        _at("ended_at"),
        sa.Column("duration_seconds", sa.Integer),
        sa.Column("rating", sa.SmallInteger),
        sa.Column("rating_comment", sa.Text),
        _at("rated_at"),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.UniqueConstraint("office", "day", "ticket", name="visit_ticket"),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name="visit_rating_range"),
    )
    # Lists are newest first within an office, paged by (checked_in_at, id).
    op.create_index("visit_office_checked_in", "visit", ["office", "checked_in_at", "id"])
    # Performance reads ended visits by office and period.
    op.create_index("visit_office_ended", "visit", ["office", "ended_at"])
    op.create_table(
        "visit_step",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "visit_id", UUID(as_uuid=True), sa.ForeignKey("visit.id"), nullable=False, index=True
        ),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("from_status", sa.String(32)),
        sa.Column("to_status", sa.String(32), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("details", JSONB, nullable=False, server_default="{}"),
        _at("at", nullable=False),
    )
    op.create_table(
        "visit_signature",
        sa.Column("visit_id", UUID(as_uuid=True), sa.ForeignKey("visit.id"), primary_key=True),
        sa.Column("media_type", sa.String(32), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "ticket_counter",
        sa.Column("office", sa.String(32), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("ticket_counter", "visit_signature", "visit_step", "visit"):
        op.drop_table(table)
    drop_platform_tables()
