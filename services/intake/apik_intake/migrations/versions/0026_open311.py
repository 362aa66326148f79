"""Open311: the reports filed through the facade, found without reading the others.

`GET /open311/v2/requests` is public and lists reports of the `open311` channel only; a
partial index keeps that list (by office, newest first) a short index scan however many
reports the other channels hold.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_report_open311",
        "report",
        ["office", "received_at"],
        postgresql_where=sa.text("channel = 'open311'"),
    )


def downgrade() -> None:
    op.drop_index("ix_report_open311", table_name="report")
