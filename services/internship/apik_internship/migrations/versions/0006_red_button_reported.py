"""Who a Red Button report is about, sealed, with keyed hashes for repeated reports.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("red_button_case", sa.Column("reported", sa.Text))
    op.add_column("red_button_case", sa.Column("reported_person_hash", sa.String(64)))
    op.add_column("red_button_case", sa.Column("reported_unit_hash", sa.String(64)))
    # Counting the office's cases that name the same person or unit.
    op.create_index(
        "ix_red_button_case_reported_person_hash", "red_button_case", ["reported_person_hash"]
    )
    op.create_index(
        "ix_red_button_case_reported_unit_hash", "red_button_case", ["reported_unit_hash"]
    )


def downgrade() -> None:
    op.drop_index("ix_red_button_case_reported_unit_hash", "red_button_case")
    op.drop_index("ix_red_button_case_reported_person_hash", "red_button_case")
    op.drop_column("red_button_case", "reported_unit_hash")
    op.drop_column("red_button_case", "reported_person_hash")
    op.drop_column("red_button_case", "reported")
