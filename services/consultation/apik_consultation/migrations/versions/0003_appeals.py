"""Sanggah banding: the appeal against an objection's answer.

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

COLUMNS = (
    ("appealed_at", sa.DateTime(timezone=True)),
    ("appeal_guarantee", sa.BigInteger()),
    ("appeal_answer_due", sa.Date()),
    ("appeal_answered_at", sa.DateTime(timezone=True)),
    ("appeal_answer", sa.Text()),
)


def upgrade() -> None:
    for name, type_ in COLUMNS:
        op.add_column("visit", sa.Column(name, type_))


def downgrade() -> None:
    for name, _ in reversed(COLUMNS):
        op.drop_column("visit", name)
