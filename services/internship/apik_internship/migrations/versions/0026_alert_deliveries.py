"""The Red Button's alerts delivered off-screen: the officers' and the head's contacts
(sealed), and one delivery per case, person and channel, retried until the server takes
it or the case is acknowledged.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

NOW = sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "red_button_contact",
        sa.Column("office", sa.String(32), primary_key=True),
        sa.Column("username", sa.String(200), primary_key=True),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("email", sa.Text),
        sa.Column("phone", sa.Text),
        sa.Column("set_by", sa.String, nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.CheckConstraint("role IN ('protection_officer', 'head')", name="contact_role"),
        sa.CheckConstraint("email IS NOT NULL OR phone IS NOT NULL", name="contact_reachable"),
    )
    op.create_table(
        "red_button_delivery",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "case_id",
            UUID(as_uuid=True),
            sa.ForeignKey("red_button_case.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.String),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("case_id", "username", "channel"),
    )
    # The sender's scan: what is pending and due.
    op.create_index(
        "red_button_delivery_due",
        "red_button_delivery",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )


def downgrade() -> None:
    op.drop_table("red_button_delivery")
    op.drop_table("red_button_contact")
