"""The citizen's saved form (`public_draft`, issue 21): sealed answers found by a keyed
hash of the resume code, deleted at submission or expiry.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "public_draft",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("pin_hash", sa.String(64), nullable=False),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    # The expiry job's scan.
    op.create_index("ix_public_draft_expires_at", "public_draft", ["expires_at"])


def downgrade() -> None:
    op.drop_table("public_draft")
