"""Shared cases between deployments: our reports' fingerprints per peer, the peer's
reports as its signals told us, the signals to send, and the webhook-ids received.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shared_case_local",
        sa.Column("peer", sa.String(64), primary_key=True),
        sa.Column("registration_number", sa.Text, primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("shared_case_local_match", "shared_case_local", ["peer", "fingerprint"])
    op.create_index("shared_case_local_office", "shared_case_local", ["office"])
    op.create_table(
        "shared_case_remote",
        sa.Column("peer", sa.String(64), primary_key=True),
        sa.Column("registration_number", sa.String(100), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("shared_case_remote_match", "shared_case_remote", ["peer", "fingerprint"])
    op.create_table(
        "peer_signal",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("peer", sa.String(64), nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True)),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("peer", "event_id"),
        sa.CheckConstraint(
            "status IN ('pending', 'delivered', 'failed')", name="peer_signal_status"
        ),
    )
    # The send job's claim: the pending signals, soonest first.
    op.create_index(
        "peer_signal_due",
        "peer_signal",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_table(
        "peer_received",
        sa.Column("peer", sa.String(64), primary_key=True),
        sa.Column("webhook_id", sa.String(200), primary_key=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("peer_received")
    op.drop_table("peer_signal")
    op.drop_table("shared_case_remote")
    op.drop_table("shared_case_local")
