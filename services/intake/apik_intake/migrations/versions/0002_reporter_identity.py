"""The reporter's full identity: person links through blind indexes, and the read audit.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("reporter", sa.Column("person_id", UUID(as_uuid=True)))
    # Reporters registered before this revision are each their own person.
    op.execute("UPDATE reporter SET person_id = id")
    op.alter_column("reporter", "person_id", nullable=False)
    op.create_index("reporter_person_id", "reporter", ["person_id"])
    for field in ("nik", "phone", "email"):
        op.add_column("reporter", sa.Column(f"{field}_index", sa.String(64)))
        # Lookups are always within one office.
        op.create_index(
            f"reporter_office_{field}_index",
            "reporter",
            ["office", f"{field}_index"],
            postgresql_where=sa.text(f"{field}_index IS NOT NULL"),
        )
    op.add_column("reporter", sa.Column("matched_on", JSONB, nullable=False, server_default="[]"))
    op.create_table(
        "identity_read",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("report_id", UUID(as_uuid=True), nullable=False, index=True),
        sa.Column("reporter_id", UUID(as_uuid=True), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("actor_username", sa.Text, nullable=False),
        sa.Column("actor_roles", JSONB, nullable=False, server_default="[]"),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("disclosure", sa.String(16), nullable=False),
        sa.Column(
            "at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
        ),
    )
    op.create_index("identity_read_office_at", "identity_read", ["office", "at", "id"])


def downgrade() -> None:
    op.drop_table("identity_read")
    for field in ("nik", "phone", "email"):
        op.drop_index(f"reporter_office_{field}_index", table_name="reporter")
        op.drop_column("reporter", f"{field}_index")
    op.drop_column("reporter", "matched_on")
    op.drop_index("reporter_person_id", table_name="reporter")
    op.drop_column("reporter", "person_id")
