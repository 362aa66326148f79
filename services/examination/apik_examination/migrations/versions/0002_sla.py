"""SLA clocks: classification, the case's event log, versioned policies and breaches.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Version 1 of every policy. The regulations name no numbers: these are defaults an
# office replaces with `POST /api/v1/examination/sla-policies` (a new version). Kept as
# literal data here, not imported, so this migration means the same thing forever.
# (track, classification, target, unit)
DEFAULTS = [
    ("regular", None, 30, "working_days"),  # not classified yet: measured as simple
    ("regular", "sederhana", 30, "working_days"),
    ("regular", "sedang", 120, "calendar_days"),  # one office quotes 4-6 months for
    ("regular", "berat", 180, "calendar_days"),  # medium and heavy cases
    ("rapid_response", None, 14, "calendar_days"),  # emergencies do not wait for Monday
]
PAUSES = ["waiting_reporter", "waiting_agency"]
NAMESPACE = uuid.UUID("6f1c8a4e-6d53-4a5e-9d0c-5a1b2c3d4e5f")


def upgrade() -> None:
    op.add_column("examination_case", sa.Column("classification", sa.String(16)))
    op.add_column("examination_case", sa.Column("sla_policy_id", UUID(as_uuid=True)))
    op.add_column(
        "examination_case",
        sa.Column("sla_phase", sa.String(16), nullable=False, server_default="running"),
    )
    op.add_column("examination_case", sa.Column("sla_warn_at", sa.DateTime(timezone=True)))
    op.add_column("examination_case", sa.Column("sla_breach_at", sa.DateTime(timezone=True)))
    op.create_index("case_sla", "examination_case", ["office", "sla_phase", "sla_breach_at"])
    op.create_table(
        "case_event",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "case_id", UUID(as_uuid=True), sa.ForeignKey("examination_case.id"), nullable=False
        ),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32)),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("data", JSONB, nullable=False, server_default="{}"),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("case_event_case_at", "case_event", ["case_id", "at", "id"])
    # Cases opened before this revision get their opening as the first event.
    op.execute(
        "INSERT INTO case_event (case_id, type, status, actor, data, at) "
        "SELECT id, 'opened', status, 'system', '{}'::jsonb, opened_at FROM examination_case"
    )
    policy = op.create_table(
        "sla_policy",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("track", sa.String(32), nullable=False),
        sa.Column("classification", sa.String(16)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("target", sa.Integer, nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("warning_ratio", sa.Float, nullable=False),
        sa.Column("pause_statuses", JSONB, nullable=False),
        sa.Column("effective_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "sla_policy_key_version",
        "sla_policy",
        ["track", sa.text("coalesce(classification, '')"), "version"],
        unique=True,
    )
    since = datetime(2000, 1, 1, tzinfo=UTC)
    op.bulk_insert(
        policy,
        [
            {
                "id": uuid.uuid5(NAMESPACE, f"{track}/{cls or '*'}/1"),
                "track": track,
                "classification": cls,
                "version": 1,
                "target": target,
                "unit": unit,
                "warning_ratio": 0.8,
                "pause_statuses": PAUSES,
                "effective_from": since,
                "note": "default (configurable; the regulations name no numbers)",
                "created_by": "system",
                "created_at": since,
            }
            for track, cls, target, unit in DEFAULTS
        ],
    )
    op.create_table(
        "sla_breach",
        sa.Column(
            "case_id", UUID(as_uuid=True), sa.ForeignKey("examination_case.id"), primary_key=True
        ),
        sa.Column(
            "policy_id", UUID(as_uuid=True), sa.ForeignKey("sla_policy.id"), primary_key=True
        ),
        sa.Column("breached_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sla_breach")
    op.drop_table("sla_policy")
    op.drop_table("case_event")
    op.drop_index("case_sla", "examination_case")
    for column in ("sla_breach_at", "sla_warn_at", "sla_phase", "sla_policy_id", "classification"):
        op.drop_column("examination_case", column)
