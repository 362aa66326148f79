"""Imports keep the upload's own status texts → outcomes (`mapping.outcomes`), shown back
with the import's report; shared cases keep the keyed fingerprint of a letter's own
number (`letter_fingerprint`), matched before the content's.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "import_job",
        sa.Column("outcomes", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    )
    for table in ("shared_case_local", "shared_case_remote"):
        op.add_column(table, sa.Column("letter_fingerprint", sa.String(64)))
        op.create_index(f"ix_{table}_letter_fingerprint", table, ["letter_fingerprint"])


def downgrade() -> None:
    for table in ("shared_case_local", "shared_case_remote"):
        op.drop_index(f"ix_{table}_letter_fingerprint", table_name=table)
        op.drop_column(table, "letter_fingerprint")
    op.drop_column("import_job", "outcomes")
