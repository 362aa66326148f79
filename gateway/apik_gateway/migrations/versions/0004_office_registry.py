"""The office registry: letterhead, head of office, calendar, versions and an outbox.

Offices now carry what letters, forms and calendars need, and are announced to every
service as events (`office.registered`, `office.updated`) through the gateway's own
transactional outbox. Existing offices start unannounced (`announced_version` 0), so
the next start-up announces them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

from apik_shared.platform.tables import outbox

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    add = op.add_column
    add("office", sa.Column("address", sa.String(1000)))
    add("office", sa.Column("letterhead", ARRAY(sa.Text), nullable=False, server_default="{}"))
    add("office", sa.Column("head_name", sa.String(200)))
    add("office", sa.Column("head_title", sa.String(200)))
    add(
        "office",
        sa.Column("observes_cuti_bersama", sa.Boolean, nullable=False, server_default="true"),
    )
    add("office", sa.Column("closure_days", ARRAY(sa.Date), nullable=False, server_default="{}"))
    add("office", sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    add("office", sa.Column("announced_version", sa.Integer, nullable=False, server_default="0"))
    add(
        "office",
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    outbox.create(op.get_bind(), checkfirst=True)


def downgrade() -> None:
    outbox.drop(op.get_bind(), checkfirst=True)
    for column in (
        "updated_at",
        "announced_version",
        "version",
        "closure_days",
        "observes_cuti_bersama",
        "head_title",
        "head_name",
        "letterhead",
        "address",
    ):
        op.drop_column("office", column)
