"""Survey facts (case.surveyed answers, for the IKM) and the staff's gateway subjects.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The nine elements of the IKM regulation, as of this revision
# (apik_shared.vocabulary.ikm.ELEMENTS):
# written out, so this revision means the same whatever later code says.
ELEMENTS = (
    "requirements",
    "procedure",
    "completion_time",
    "cost",
    "product",
    "competence",
    "behaviour",
    "facilities",
    "complaint_handling",
)


def upgrade() -> None:
    # Staff activity keys on the gateway's subject, which the events now carry beside the
    # username (older events do not: their rows keep the username only).
    for column in ("verified_by_subject", "rejected_by_subject", "answered_by_subject"):
        op.add_column("report_fact", sa.Column(column, sa.String))
    op.add_column("visit_fact", sa.Column("officer_subject", sa.String))
    op.create_table(
        "survey_fact",
        sa.Column("case_id", sa.String(64), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("examiner_id", sa.String),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("answered_on", sa.Date),
        *(sa.Column(element, sa.SmallInteger) for element in ELEMENTS),
    )
    # The index is summed over one year's range of answered_on, per office and for every
    # office together; the answers included make those sums index-only scans.
    include = list(ELEMENTS)
    op.create_index(
        "survey_fact_office_answered_on",
        "survey_fact",
        ["office", "answered_on"],
        postgresql_include=include,
    )
    op.create_index(
        "survey_fact_answered_on", "survey_fact", ["answered_on"], postgresql_include=include
    )


def downgrade() -> None:
    op.drop_table("survey_fact")
    op.drop_column("visit_fact", "officer_subject")
    for column in ("verified_by_subject", "rejected_by_subject", "answered_by_subject"):
        op.drop_column("report_fact", column)
