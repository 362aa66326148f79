"""Attachment names stored before they were cleaned, cleaned as new ones are.

Until issue 16 a name kept its control and bidi characters (CR/LF, U+202E): downloads
now clean the name they send, but the lists still showed `ktp\u202efdp.exe` as
`ktpexe.pdf`. Only names outside printable ASCII can need it, so only those are read.
Not reversible, and need not be: the originals are what made the names unsafe.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from apik_shared.vocabulary.files import clean_filename

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    bind = op.get_bind()
    select = sa.text(
        "SELECT id, filename FROM attachment WHERE filename ~ '[^ -~]' AND id > :after "
        "ORDER BY id LIMIT :batch"
    )
    update = sa.text("UPDATE attachment SET filename = :filename WHERE id = :id")
    after = "00000000-0000-0000-0000-000000000000"
    while rows := bind.execute(select, {"after": after, "batch": BATCH}).all():
        changed = [
            {"id": row.id, "filename": clean_filename(row.filename) or "attachment"}
            for row in rows
            if (clean_filename(row.filename) or "attachment") != row.filename
        ]
        if changed:
            bind.execute(update, changed)
        after = rows[-1].id


def downgrade() -> None:
    pass
