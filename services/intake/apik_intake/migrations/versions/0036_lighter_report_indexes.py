"""Fewer index entries per registration (issue 22).

Every registration inserts a report and its reporter's first message; each index of
those tables is an entry to insert, a relation to open and lock on every execution of
the registration's write, and WAL to write. Profiled under the bench's load, these
indexes were never read, or held nothing for almost every row:

- `ix_report_office` (office): every query of the reports names the office together
  with another column, and five indexes lead with the office (`report_office_created`,
  `_status`, `_agency`, `_received`, `_assignee`), which serve the office alone as well.
- `ix_notification_office` (office): nothing reads the messages by office (the sender
  reads `ix_notification_due`, a report's messages come by `report_id`).
- `ix_report_outreach_id`, `ix_report_community_member_id`: a report names an outreach
  or a community member on those channels alone, and the lists filter on equality with
  one (`outreach_id = ...`), which a partial index of the rows naming one serves just
  the same; the other reports (nearly all) no longer get an entry of NULL.

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None

_PARTIAL = ("outreach_id", "community_member_id")


def upgrade() -> None:
    op.drop_index("ix_report_office", table_name="report")
    op.drop_index("ix_notification_office", table_name="notification")
    for column in _PARTIAL:
        op.drop_index(f"ix_report_{column}", table_name="report")
        op.create_index(
            f"ix_report_{column}",
            "report",
            [column],
            postgresql_where=f"{column} IS NOT NULL",
        )


def downgrade() -> None:
    for column in _PARTIAL:
        op.drop_index(f"ix_report_{column}", table_name="report")
        op.create_index(f"ix_report_{column}", "report", [column])
    op.create_index("ix_notification_office", "notification", ["office"])
    op.create_index("ix_report_office", "report", ["office"])
