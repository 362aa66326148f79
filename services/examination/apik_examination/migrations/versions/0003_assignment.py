"""Assignment: the examiner of a case, office rosters and the round-robin.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("examination_case", sa.Column("examiner_id", sa.String(128)))
    op.create_index("case_office_examiner", "examination_case", ["office", "examiner_id", "status"])
    op.create_table(
        "examiner",
        sa.Column("office", sa.String(32), primary_key=True),
        sa.Column("examiner_id", sa.String(128), primary_key=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("team", sa.String(64), nullable=False, server_default=""),
        sa.Column("capacity", sa.Integer, nullable=False),
        sa.Column("in_rotation", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("absent_from", sa.Date),
        sa.Column("absent_until", sa.Date),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "assignment_rotation",
        sa.Column("office", sa.String(32), primary_key=True),
        sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("team", sa.String(64)),
        sa.Column("last_examiner_id", sa.String(128)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("assignment_rotation")
    op.drop_table("examiner")
    op.drop_index("case_office_examiner", "examination_case")
    op.drop_column("examination_case", "examiner_id")
