"""Portal push (phase 1): reports linked to a portal's tracking id, and what is sent.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _at(name: str, *, nullable: bool = True) -> sa.Column:
    if nullable:
        return sa.Column(name, sa.DateTime(timezone=True))
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
    )


def upgrade() -> None:
    op.create_table(
        "portal_link",
        sa.Column("portal", sa.String(64), primary_key=True),
        sa.Column("registration_number", sa.Text, primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("report_id", sa.Text),
        sa.Column("external_id", sa.Text),
        _at("created_at", nullable=False),
        _at("pushed_at"),
    )
    op.create_table(
        "portal_send",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("portal", sa.String(64), nullable=False),
        sa.Column("registration_number", sa.Text, nullable=False),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        _at("next_attempt_at"),
        sa.Column("last_error", sa.Text),
        sa.Column("external_update_id", sa.Text),
        _at("created_at", nullable=False),
        _at("sent_at"),
        # One send per event and portal, whatever redelivers the event.
        sa.UniqueConstraint("portal", "event_id"),
        sa.ForeignKeyConstraint(
            ["portal", "registration_number"],
            ["portal_link.portal", "portal_link.registration_number"],
        ),
        sa.CheckConstraint("kind IN ('report', 'update')", name="portal_send_kind"),
        sa.CheckConstraint("status IN ('pending', 'sent', 'failed')", name="portal_send_status"),
    )
    # A report's sends, oldest first; the job finds the reports with due sends.
    op.create_index(
        "portal_send_report", "portal_send", ["portal", "registration_number", "created_at"]
    )
    op.create_index(
        "portal_send_due",
        "portal_send",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )


def downgrade() -> None:
    op.drop_table("portal_send")
    op.drop_table("portal_link")
