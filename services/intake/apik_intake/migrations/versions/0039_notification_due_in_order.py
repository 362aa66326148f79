"""The notification sender reads its batch in order off an index (issue 22).

The sender takes the oldest due rows by (`next_attempt_at`, `created_at`), 50 at a time,
and `ix_notification_due` held `next_attempt_at` alone: PostgreSQL read every due row,
joined each to its report, sorted them all and kept 50. Under the registration bench
(about 4,800 acknowledgements due) that was 24-27 ms a batch, 0.11 ms of PostgreSQL a
registration; after a mail server's outage, every batch paid for the whole backlog.
With `created_at` in the index, the batch is read in its order and the scan stops.

Revision ID: 0039
Revises: 0038
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0039"
down_revision = "0038"
branch_labels = None
depends_on = None

_PENDING = sa.text("status = 'pending'")


def upgrade() -> None:
    op.drop_index("ix_notification_due", table_name="notification")
    op.create_index(
        "ix_notification_due",
        "notification",
        ["next_attempt_at", "created_at"],
        postgresql_where=_PENDING,
    )


def downgrade() -> None:
    op.drop_index("ix_notification_due", table_name="notification")
    op.create_index(
        "ix_notification_due", "notification", ["next_attempt_at"], postgresql_where=_PENDING
    )
