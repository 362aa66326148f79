"""The data protection officer's registers: data subjects' requests (with the audit of
every opening) and personal-data breaches with their notifications (UU 27/2022).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-12
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels = None
depends_on = None


def _at(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _strings(name: str) -> sa.Column[list[str]]:
    return sa.Column(name, ARRAY(sa.String(40)), nullable=False, server_default="{}")


def _office() -> sa.Column[str]:
    return sa.Column("office", sa.String(20), sa.ForeignKey("office.code"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "data_subject_request",
        sa.Column("id", sa.Uuid, primary_key=True),
        _office(),
        sa.Column("kind", sa.String(30), nullable=False),
        # Sealed (AES-GCM, the gateway's keyring): no plaintext identity at rest.
        sa.Column("requester", sa.Text, nullable=False),
        sa.Column("details", sa.Text),
        _at("received_at"),
        _at("due_at"),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("answer", sa.Text),
        _at("answered_at", nullable=True),
        sa.Column("answered_by", sa.String(60)),
        sa.Column("answered_by_name", sa.String(200)),
        sa.Column("recorded_by", sa.String(60), nullable=False),
        sa.Column("recorded_by_name", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        _at("created_at"),
        _at("updated_at"),
    )
    op.create_index("ix_data_subject_request_office", "data_subject_request", ["office"])
    op.create_index("ix_data_subject_request_due_at", "data_subject_request", ["due_at"])
    op.create_index("ix_data_subject_request_status", "data_subject_request", ["status"])
    op.create_table(
        "data_subject_request_read",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("request_id", sa.Uuid, sa.ForeignKey("data_subject_request.id"), nullable=False),
        sa.Column("office", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(60), nullable=False),
        sa.Column("actor_username", sa.String(200), nullable=False),
        _strings("actor_roles"),
        _at("at"),
    )
    op.create_index(
        "ix_data_subject_request_read_request_id", "data_subject_request_read", ["request_id"]
    )
    op.create_table(
        "personal_data_breach",
        sa.Column("id", sa.Uuid, primary_key=True),
        _office(),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        _at("occurred_at", nullable=True),
        _at("discovered_at"),
        _at("notification_due_at"),
        _strings("data_classes"),
        sa.Column("subjects_affected", sa.Integer, nullable=False, server_default="0"),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("resolution", sa.Text),
        _at("authority_notified_at", nullable=True),
        _at("subjects_notified_at", nullable=True),
        sa.Column("recorded_by", sa.String(60), nullable=False),
        sa.Column("recorded_by_name", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        _at("created_at"),
        _at("updated_at"),
    )
    op.create_index("ix_personal_data_breach_office", "personal_data_breach", ["office"])
    op.create_index(
        "ix_personal_data_breach_notification_due_at",
        "personal_data_breach",
        ["notification_due_at"],
    )
    op.create_index("ix_personal_data_breach_status", "personal_data_breach", ["status"])
    op.create_table(
        "breach_notification",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("breach_id", sa.Uuid, sa.ForeignKey("personal_data_breach.id"), nullable=False),
        sa.Column("recipient", sa.String(12), nullable=False),
        _at("notified_at"),
        sa.Column("means", sa.String(200), nullable=False),
        sa.Column("content", sa.Text),
        sa.Column("notified_by", sa.String(60), nullable=False),
        sa.Column("notified_by_name", sa.String(200), nullable=False),
        _at("recorded_at"),
    )
    op.create_index("ix_breach_notification_breach_id", "breach_notification", ["breach_id"])


def downgrade() -> None:
    op.drop_table("breach_notification")
    op.drop_table("personal_data_breach")
    op.drop_table("data_subject_request_read")
    op.drop_table("data_subject_request")
