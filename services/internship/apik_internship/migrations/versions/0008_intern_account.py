"""An accepted application's link to the intern's account (their gateway username).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("application", sa.Column("intern_username", sa.String(80)))
    op.create_unique_constraint(
        "application_intern_username_key", "application", ["intern_username"]
    )


def downgrade() -> None:
    op.drop_constraint("application_intern_username_key", "application", type_="unique")
    op.drop_column("application", "intern_username")
