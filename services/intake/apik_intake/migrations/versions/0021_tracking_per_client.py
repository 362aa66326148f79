"""Tracking-PIN lockout per client, and registration numbers without a counter.

Wrong PINs were counted per report, so a stranger's guesses locked the reporter out of
their own page: the counter is now per client (a keyed hash of the address). The
counts of the old shape are seconds to minutes deep and are dropped with it.

Registration numbers are random now (`reports/service/registration.py`): the office-year
counter they were counted by goes. Numbers already issued stay as they are.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def _attempts(key: sa.Column[object]) -> None:
    op.create_table(
        "tracking_attempt",
        key,
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column(
            "window_started_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.text("now()"),
        ),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
    )


def upgrade() -> None:
    op.drop_table("tracking_attempt")
    _attempts(sa.Column("client", sa.String(32), primary_key=True))
    op.drop_table("registration_counter")


def downgrade() -> None:
    # The counter restarts from the highest sequential number issued in each year.
    op.create_table(
        "registration_counter",
        sa.Column("office", sa.String(32), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )
    op.execute(
        """
        INSERT INTO registration_counter (office, year, last)
        SELECT office, split_part(registration_number, '-', 2)::int,
               max(split_part(registration_number, '-', 3)::int)
        FROM report
        WHERE registration_number ~ '^[A-Z0-9_]+-[0-9]{4}-[0-9]{5}$'
        GROUP BY office, split_part(registration_number, '-', 2)
        """
    )
    op.drop_table("tracking_attempt")
    _attempts(
        sa.Column("report_id", UUID(as_uuid=True), sa.ForeignKey("report.id"), primary_key=True)
    )
