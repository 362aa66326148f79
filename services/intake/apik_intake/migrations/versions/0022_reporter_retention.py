"""Retention of reporters' identity: a tombstone instead of the sealed identity.

`identity` may be NULL now, for a reporter the retention job anonymised
(`reporters.service.retention`); `anonymised_at` says when, and a check keeps the two
together so no row is both sealed and marked, or empty and unmarked. `unlinked_at` says
when the reporter's links to the same person's other reports were cut.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("reporter", sa.Column("anonymised_at", sa.DateTime(timezone=True)))
    op.add_column("reporter", sa.Column("unlinked_at", sa.DateTime(timezone=True)))
    op.alter_column("reporter", "identity", nullable=True)
    op.create_check_constraint(
        "reporter_identity_or_tombstone",
        "reporter",
        "(identity IS NULL) = (anonymised_at IS NOT NULL)",
    )


def downgrade() -> None:
    # The identity is gone for good: the old shape gets an empty blob, which no key opens.
    op.drop_constraint("reporter_identity_or_tombstone", "reporter", type_="check")
    op.execute("UPDATE reporter SET identity = '' WHERE identity IS NULL")
    op.alter_column("reporter", "identity", nullable=False)
    op.drop_column("reporter", "unlinked_at")
    op.drop_column("reporter", "anonymised_at")
