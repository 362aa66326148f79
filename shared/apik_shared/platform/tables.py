"""The platform's own tables, present in every service's database.

`outbox` holds events committed with the business rows until the relay publishes them;
`inbox` remembers which events a consumer has applied; `dead_letter` keeps what a
consumer gave up on, for operators; `idempotency_key` backs `Idempotency-Key`.
Each service's first migration calls `create_platform_tables()`.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = sa.MetaData()

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", UUID(as_uuid=False), primary_key=True),  # the CloudEvent id
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("payload", sa.LargeBinary, nullable=False),  # the envelope, as published
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Column("sent_at", sa.DateTime(timezone=True)),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
)
# The relay only ever looks at unsent rows, oldest first.
sa.Index("outbox_unsent", outbox.c.created_at, postgresql_where=outbox.c.sent_at.is_(None))

inbox = sa.Table(
    "inbox",
    metadata,
    sa.Column("consumer", sa.Text, primary_key=True),
    sa.Column("event_id", sa.Text, primary_key=True),
    sa.Column("event_type", sa.Text, nullable=False),
    sa.Column(
        "received_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)

dead_letter = sa.Table(
    "dead_letter",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("consumer", sa.Text, nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("event_id", sa.Text),
    sa.Column("deliveries", sa.Integer, nullable=False),
    sa.Column("error", sa.Text, nullable=False),
    sa.Column("payload", sa.LargeBinary, nullable=False),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)

idempotency_key = sa.Table(
    "idempotency_key",
    metadata,
    sa.Column("scope", sa.String(200), primary_key=True),
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("request_hash", sa.LargeBinary, nullable=False),
    sa.Column("status_code", sa.Integer),
    sa.Column("body", JSONB),
    # The answer's headers a replay repeats (Location, ETag); added after the table.
    sa.Column("headers", JSONB),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)


def create_platform_tables() -> None:
    """Called from a service's first Alembic revision."""
    from alembic import op

    bind = op.get_bind()
    metadata.create_all(bind)


def add_idempotency_headers() -> None:
    """Called from each component's revision that came with replayed headers. A database
    created after it already has the column (`create_platform_tables` builds the current
    tables), hence IF NOT EXISTS."""
    from alembic import op

    op.execute("ALTER TABLE idempotency_key ADD COLUMN IF NOT EXISTS headers JSONB")


def drop_idempotency_headers() -> None:
    from alembic import op

    op.execute("ALTER TABLE idempotency_key DROP COLUMN IF EXISTS headers")


def drop_platform_tables() -> None:
    from alembic import op

    metadata.drop_all(op.get_bind())
