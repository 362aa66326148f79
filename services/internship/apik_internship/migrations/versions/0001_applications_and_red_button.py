"""Applications, their letters and reads, quotas, and the Red Button's cases and reads.

Revision ID: 0001
Revises:
Create Date: 2026-12-05
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


def _reader_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("actor_username", sa.Text, nullable=False),
        sa.Column("actor_roles", JSONB, nullable=False, server_default="[]"),
        _at("at", nullable=False),
    ]


def upgrade() -> None:
    create_platform_tables()
    create_office_registry()
    op.create_table(
        "application",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("applicant", sa.Text, nullable=False),
        sa.Column("institution_kind", sa.String(16), nullable=False),
        sa.Column("institution", sa.Text, nullable=False),
        sa.Column("programme", sa.Text, nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("units", JSONB, nullable=False, server_default="[]"),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("unit", sa.String(64)),
        sa.Column("reason", sa.Text),
        sa.Column("decided_by", sa.Text),
        _at("decided_at"),
        _at("submitted_at", nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.CheckConstraint("period_start <= period_end", name="application_period_order"),
    )
    # Staff lists are newest first within an office, paged by (submitted_at, id).
    op.create_index("application_office_submitted", "application", ["office", "submitted_at", "id"])
    # The quota check reads the accepted applications of a unit by period.
    op.create_index(
        "application_accepted_unit",
        "application",
        ["office", "unit", "period_start", "period_end"],
        postgresql_where=sa.text("status = 'accepted'"),
    )
    op.create_table(
        "application_letter",
        sa.Column(
            "application_id", UUID(as_uuid=True), sa.ForeignKey("application.id"), primary_key=True
        ),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("media_type", sa.String(128), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
    )
    op.create_table(
        "applicant_read",
        *_reader_columns(),
        sa.Column("application_id", UUID(as_uuid=True), nullable=False, index=True),
        sa.Column("purpose", sa.Text, nullable=False),
    )
    op.create_table(
        "quota",
        sa.Column("office", sa.String(32), primary_key=True),
        sa.Column("unit", sa.String(64), primary_key=True),
        sa.Column("month", sa.Date, primary_key=True),
        sa.Column("places", sa.Integer, nullable=False),
        sa.Column("set_by", sa.Text, nullable=False),
        _at("set_at", nullable=False),
        sa.CheckConstraint("places >= 0", name="quota_places_not_negative"),
        sa.CheckConstraint("extract(day FROM month) = 1", name="quota_month_first_day"),
    )
    op.create_table(
        "red_button_case",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("receipt_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("account", sa.Text, nullable=False),
        sa.Column("identity", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        _at("raised_at", nullable=False),
        _at("protection_due", nullable=False),
        _at("acknowledged_at"),
        sa.Column("acknowledged_by", sa.Text),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        # An anonymous case holds no identity, whatever a future code path would store.
        sa.CheckConstraint(
            "mode <> 'anonymous' OR identity IS NULL", name="red_button_anonymous_has_no_identity"
        ),
    )
    op.create_index(
        "red_button_case_office_raised", "red_button_case", ["office", "raised_at", "id"]
    )
    op.create_table(
        "red_button_read",
        *_reader_columns(),
        sa.Column("case_id", UUID(as_uuid=True), nullable=False, index=True),
        sa.Column("action", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "red_button_read",
        "red_button_case",
        "quota",
        "applicant_read",
        "application_letter",
        "application",
    ):
        op.drop_table(table)
    drop_office_registry()
    drop_platform_tables()
