"""Certificates counted from the intern's records: when the records began, and what the
supervisor stated (with the reason) for the working days before. The Red Button's
on-duty roster (windows in the office's zone) and its alerts, one per case and recipient.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("certificate", sa.Column("records_began", sa.Date))
    op.add_column("certificate", sa.Column("stated_days_present", sa.Integer))
    op.add_column("certificate", sa.Column("stated_logbook_approved", sa.Integer))
    op.add_column("certificate", sa.Column("stated_reason", sa.Text))
    op.create_check_constraint(
        "certificate_stated_with_reason",
        "certificate",
        "(stated_days_present IS NULL) = (stated_reason IS NULL)"
        " AND (stated_logbook_approved IS NULL) = (stated_reason IS NULL)",
    )
    op.create_table(
        "red_button_roster",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("weekday", sa.SmallInteger, nullable=False),
        sa.Column("starts", sa.Time, nullable=False),
        sa.Column("ends", sa.Time, nullable=False),
        sa.Column("set_by", sa.String, nullable=False),
        sa.Column(
            "set_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
        ),
        sa.CheckConstraint("weekday BETWEEN 1 AND 7", name="red_button_roster_weekday"),
        sa.CheckConstraint("ends = time '00:00' OR starts < ends", name="red_button_roster_window"),
    )
    op.create_table(
        "red_button_alert",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "case_id",
            UUID(as_uuid=True),
            sa.ForeignKey("red_button_case.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("recipient", sa.String(210), nullable=False, index=True),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column(
            "alerted_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.text("now()"),
        ),
        sa.UniqueConstraint("case_id", "recipient"),
    )


def downgrade() -> None:
    op.drop_table("red_button_alert")
    op.drop_table("red_button_roster")
    op.drop_constraint("certificate_stated_with_reason", "certificate")
    for name in ("stated_reason", "stated_logbook_approved", "stated_days_present"):
        op.drop_column("certificate", name)
    op.drop_column("certificate", "records_began")
