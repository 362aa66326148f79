"""Retention of desk visitors: a tombstone instead of the sealed name and phone.

`anonymised_at` says when the retention job (`visitors.service.retention`) erased a
visit's visitor: `visitor` is then empty and the institution NULL. A check keeps the two
together, so no visit is both sealed and marked, or empty and unmarked.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("visit", sa.Column("anonymised_at", sa.DateTime(timezone=True)))
    op.create_check_constraint(
        "visit_visitor_or_tombstone", "visit", "(visitor = '') = (anonymised_at IS NOT NULL)"
    )


def downgrade() -> None:
    # Erased visitors stay erased: the empty blob opens for no key, in either shape.
    op.drop_constraint("visit_visitor_or_tombstone", "visit", type_="check")
    op.drop_column("visit", "anonymised_at")
