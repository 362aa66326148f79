"""One index entry fewer per registration: the reporter's office alone (issue 22).

Every registration inserts a reporter. `ix_reporter_office` (office) is an entry to
insert, WAL to write and a relation the write opens and locks on every execution, and
nothing needs it: what reads the reporters by office names a blind index too (the
reporter's match, `intake_reporter_matches`, and the subject access search: the office
and a NIK, phone or email index, OR-ed), which the partial indexes
`reporter_office_nik_index`, `_phone_index` and `_email_index` serve, leading with the
office (checked: the generic plans of both take a BitmapOr of the three). Under the
bench's load the planner chose the office index for the match about one time in fifty,
and the partial indexes the others.

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0037"
down_revision = "0036"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_reporter_office", table_name="reporter")


def downgrade() -> None:
    op.create_index("ix_reporter_office", "reporter", ["office"])
