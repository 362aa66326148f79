"""The portal's updates of our reports (phase 3): the link's portal status, the updates
deduplicated on their id, and what came of each inbound webhook.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("portal_link", sa.Column("portal_status", sa.Text))
    op.add_column("portal_link", sa.Column("portal_status_at", sa.DateTime(timezone=True)))
    # The tracking id finds the link an update is about.
    op.create_index("portal_link_external", "portal_link", ["portal", "external_id"], unique=True)
    op.add_column("inbound_update", sa.Column("outcome", sa.String(32)))
    # The job's claim: what is not processed yet, oldest first.
    op.create_index(
        "inbound_update_waiting",
        "inbound_update",
        ["received_at"],
        postgresql_where=sa.text("processed_at IS NULL"),
    )
    op.create_table(
        "portal_update",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("portal", sa.String(64), nullable=False),
        sa.Column("external_update_id", sa.Text, nullable=False),
        sa.Column("registration_number", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("effect", sa.String(16), nullable=False),
        sa.Column(
            "received_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.text("now()"),
        ),
        # Deduplicated on the portal's update id, whatever message carried it.
        sa.UniqueConstraint("portal", "external_update_id"),
        sa.CheckConstraint(
            "effect IN ('applied', 'older', 'unchanged')", name="portal_update_effect"
        ),
    )


def downgrade() -> None:
    op.drop_table("portal_update")
    op.drop_index("inbound_update_waiting", table_name="inbound_update")
    op.drop_column("inbound_update", "outcome")
    op.drop_index("portal_link_external", table_name="portal_link")
    op.drop_column("portal_link", "portal_status_at")
    op.drop_column("portal_link", "portal_status")
