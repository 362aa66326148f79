"""Certificates counted from the intern's records: when the records began, and what the
supervisor stated (with the reason) for the working days before.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

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


def downgrade() -> None:
    op.drop_constraint("certificate_stated_with_reason", "certificate")
    for name in ("stated_reason", "stated_logbook_approved", "stated_days_present"):
        op.drop_column("certificate", name)
    op.drop_column("certificate", "records_began")
