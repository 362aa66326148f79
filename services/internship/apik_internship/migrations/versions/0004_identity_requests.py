"""Requests to open a confidential reporter's identity, and their second approvals.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "identity_request",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "case_id",
            UUID(as_uuid=True),
            sa.ForeignKey("red_button_case.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("requested_username", sa.Text, nullable=False),
        sa.Column(
            "requested_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.text("now()"),
        ),
        sa.Column("approved_by", sa.Text),
        sa.Column("approved_username", sa.Text),
        sa.Column("approved_at", sa.DateTime(timezone=True)),
        # Four eyes: whoever asked cannot be whoever approves.
        sa.CheckConstraint(
            "approved_by IS NULL OR approved_by <> requested_by",
            name="identity_request_second_officer",
        ),
    )


def downgrade() -> None:
    op.drop_table("identity_request")
