"""Phase 2 (pull) and 3 (two-way) of the portal sync: the complaints a portal assigned
to an office (once per portal and tracking id), each office's polling cursor, and the
link's origin (pushed by us, or pulled from the portal), and when an update that came
before its pulled report was linked is tried again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
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
    # An update of a pulled complaint that came before its report was linked waits.
    op.add_column("inbound_update", sa.Column("retry_at", sa.DateTime(timezone=True)))
    op.add_column(
        "portal_link",
        sa.Column("origin", sa.String(8), nullable=False, server_default="push"),
    )
    op.create_table(
        "pulled_complaint",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("portal", sa.String(64), nullable=False),
        sa.Column("external_id", sa.String(200), nullable=False),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("via", sa.String(16), nullable=False),
        sa.Column("pulled_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("portal", "external_id"),
    )
    op.create_index("ix_pulled_complaint_office", "pulled_complaint", ["office"])
    op.create_table(
        "portal_cursor",
        sa.Column("portal", sa.String(64), primary_key=True),
        sa.Column("office", sa.String(32), primary_key=True),
        sa.Column("polled_at", sa.DateTime(timezone=True)),
        sa.Column("caught_up_on", sa.Date),
        sa.Column("caught_up_at", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("portal_cursor")
    op.drop_index("ix_pulled_complaint_office", table_name="pulled_complaint")
    op.drop_table("pulled_complaint")
    op.drop_column("portal_link", "origin")
    op.drop_column("inbound_update", "retry_at")
