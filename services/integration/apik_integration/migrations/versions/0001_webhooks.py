"""Webhook subscriptions and deliveries, and the portals' verified inbound updates.

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


def upgrade() -> None:
    create_platform_tables()
    create_office_registry()
    op.create_table(
        "webhook_subscription",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("client", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("event_types", JSONB, nullable=False, server_default="[]"),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("disabled_reason", sa.Text),
        _at("disabled_at"),
        sa.Column("secret", sa.Text, nullable=False),
        sa.Column("previous_secret", sa.Text),
        _at("previous_secret_until"),
        _at("failing_since"),
        sa.Column("created_by", sa.Text, nullable=False),
        _at("created_at", nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.CheckConstraint("status IN ('active', 'disabled')", name="subscription_status"),
    )
    # The consumer looks up an office's active subscriptions for every event.
    op.create_index(
        "webhook_subscription_active",
        "webhook_subscription",
        ["office"],
        postgresql_where=sa.text("status = 'active'"),
    )
    op.create_table(
        "webhook_delivery",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "subscription_id",
            UUID(as_uuid=True),
            sa.ForeignKey("webhook_subscription.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        _at("next_attempt_at"),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        _at("created_at", nullable=False),
        _at("last_attempt_at"),
        _at("delivered_at"),
        # Never twice: one row per event and subscription, whatever redelivers the event.
        sa.UniqueConstraint("event_id", "subscription_id"),
        sa.CheckConstraint("status IN ('pending', 'delivered', 'failed')", name="delivery_status"),
    )
    # The delivery job's claim: the due pending rows, oldest first.
    op.create_index(
        "webhook_delivery_due",
        "webhook_delivery",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    # The lists: an office's deliveries newest first.
    op.create_index(
        "webhook_delivery_office_created", "webhook_delivery", ["office", "created_at", "id"]
    )
    op.create_table(
        "inbound_update",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("portal", sa.String(64), nullable=False),
        sa.Column("webhook_id", sa.String(200), nullable=False),
        _at("sent_at", nullable=False),
        _at("received_at", nullable=False),
        sa.Column("event_type", sa.Text),
        sa.Column("body", JSONB, nullable=False),
        _at("processed_at"),
        # Each webhook-id accepted once per portal: a replay finds the row and is refused.
        sa.UniqueConstraint("portal", "webhook_id"),
    )


def downgrade() -> None:
    for table in ("inbound_update", "webhook_delivery", "webhook_subscription"):
        op.drop_table(table)
    drop_office_registry()
    drop_platform_tables()
