"""The public loss a case's closure recorded (case.closed public_loss), on its fact.

Few cases record one, so a partial index holds just those: a year's totals per office,
substance and agency type read it, not the whole case table. Closures projected before
this revision have no loss on their fact until the read model is rebuilt
(`python -m apik_reporting.read_model.service.rebuild`): the events carry it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("case_fact", sa.Column("public_loss_kind", sa.String(16)))
    op.add_column("case_fact", sa.Column("public_loss_idr", sa.BigInteger))
    op.add_column("case_fact", sa.Column("public_loss_people", sa.Integer))
    op.create_index(
        "case_fact_public_loss",
        "case_fact",
        ["office", "closed_on"],
        postgresql_include=[
            "public_loss_kind",
            "public_loss_idr",
            "public_loss_people",
            "substance",
            "report_id",
        ],
        postgresql_where=sa.text("public_loss_kind IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("case_fact_public_loss", table_name="case_fact")
    op.drop_column("case_fact", "public_loss_people")
    op.drop_column("case_fact", "public_loss_idr")
    op.drop_column("case_fact", "public_loss_kind")
