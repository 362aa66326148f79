"""The near-copy signature's index takes new rows directly, not in a pending list
(issue 22).

Every registration looks up its text's bands in `report_text_bands` (the duplicate
search's `near`). A GIN index built with the default `fastupdate = on` puts new entries
in an unsorted pending list, which every search reads from end to end until a vacuum (or
the 4 MB `gin_pending_list_limit`) merges it into the tree. On a busy office's large
table autovacuum comes rarely (after a fifth of the table's size in inserts), so the
list stays near its limit: some 500 pages read by each registration's search, several
milliseconds of PostgreSQL's CPU, where the tree answers from about 17 pages. A row has
8 bands: inserting them into the tree directly costs 8 small tree insertions, far less.

The full-text index (`report_fts`) keeps its pending list: registration does not search
it, and its hundred-odd words per row are what the pending list is cheaper for.

Revision ID: 0035
Revises: 0033
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0035"
down_revision = "0033"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER INDEX report_text_bands SET (fastupdate = off)")
    # What the list holds now moves into the tree (turning the option off does not).
    op.execute("SELECT gin_clean_pending_list('report_text_bands')")


def downgrade() -> None:
    op.execute("ALTER INDEX report_text_bands RESET (fastupdate)")
