"""Every person gets an id of its own, unrelated to any reporter id.

A new person's id used to be its first reporter's id, and the reporter id is shown with
its report and sent in `report.verified`: the reporter id of a confidential first report
then led, through the person filter, to every later report of the same person and to
the identity on it. All person ids are drawn anew (the grouping stays as it was); an id
someone noted down before now finds nothing, which is the point.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        UPDATE reporter SET person_id = fresh.person_id
        FROM (SELECT old.person_id AS old_id, gen_random_uuid() AS person_id
              FROM (SELECT DISTINCT person_id FROM reporter) AS old) AS fresh
        WHERE reporter.person_id = fresh.old_id
        """
    )


def downgrade() -> None:
    # Nothing to undo: the old ids were the leak, and the grouping is unchanged.
    pass
