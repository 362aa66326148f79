"""Each duplicate candidate pair stored once, without foreign-key checks (issue 22).

A registration stored each candidate it found twice, (new, earlier) and (earlier, new),
so that either report's panel read its pairs by `report_id` alone; each stored row cost
a heap tuple, a primary-key entry and two foreign-key checks, and each check locks the
referenced report's row (a tuple lock is a page dirtied and a WAL record): some 40 µs a
row, 4 to 13 rows a registration under the bench's load (8 of the 11 key checks a
registration made, counted with `pg_stat_statements`). Now the pair is one row, its
`report_id` the report whose registration found it (the later), and a report's panel
reads both columns (`candidate_id` gets an index of its own). The existing pairs keep
the later report's row.

The foreign keys go: they protect nothing here. Both ends of a pair come from the
statement that writes it (the report it inserts and the reports it has just read), so
it cannot name a report that does not exist; and a report is never deleted (a merge,
a link and the retention's anonymisation all keep the row), which is the only other way
a pair could come to point at nothing. Were one deleted, its pairs would show nothing:
every read joins the pair to `report`.

`cross_office_candidate` keeps its rows both ways and its keys: a letter sent to two
offices is rare (about no rows a registration), so it costs next to nothing.

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0038"
down_revision = "0037"
branch_labels = None
depends_on = None

_KEYS = ("report_id", "candidate_id")


def upgrade() -> None:
    for column in _KEYS:
        op.drop_constraint(f"duplicate_candidate_{column}_fkey", "duplicate_candidate")
    # Of a pair's two rows, the earlier report's goes (its reverse is the same pair,
    # scored alike: the score and its reasons do not depend on the order).
    op.execute(
        """
        DELETE FROM duplicate_candidate d
        USING report mine, report other
        WHERE mine.id = d.report_id AND other.id = d.candidate_id
          AND (mine.created_at, mine.id) < (other.created_at, other.id)
          AND EXISTS (SELECT 1 FROM duplicate_candidate back
                      WHERE back.report_id = d.candidate_id
                        AND back.candidate_id = d.report_id)
        """
    )
    op.create_index("ix_duplicate_candidate_candidate_id", "duplicate_candidate", ["candidate_id"])


def downgrade() -> None:
    op.drop_index("ix_duplicate_candidate_candidate_id", table_name="duplicate_candidate")
    op.execute(
        """
        INSERT INTO duplicate_candidate (report_id, candidate_id, score, reasons, computed_at)
        SELECT candidate_id, report_id, score, reasons, computed_at FROM duplicate_candidate
        ON CONFLICT DO NOTHING
        """
    )
    for column in _KEYS:
        op.create_foreign_key(
            f"duplicate_candidate_{column}_fkey",
            "duplicate_candidate",
            "report",
            [column],
            ["id"],
        )
