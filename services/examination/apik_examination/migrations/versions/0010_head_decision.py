"""The head's recorded decision that lets a case close as resolved by the agency with
corrective actions undone (issue 17).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("case_closure", sa.Column("head_decision_reason", sa.Text))
    op.add_column("case_closure", sa.Column("head_decision_by", sa.String(128)))
    op.add_column("case_closure", sa.Column("head_decision_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    op.drop_column("case_closure", "head_decision_at")
    op.drop_column("case_closure", "head_decision_by")
    op.drop_column("case_closure", "head_decision_reason")
