"""The duplicate search at scale: a near-copy signature per report, a person's newest first.

The text door of the duplicate search used a trigram index (`%`); on a million reports
it takes seconds, because texts this long share most trigrams with every other text.
It now looks up the text's MinHash bands (`duplicates.rules.text_bands`), computed here
for the reports registered before; the trigram index goes (nothing else reads it). The
person door takes a person's newest reports first, straight from an index.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

from apik_intake.duplicates.rules import text_bands

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TEXT = "lower(summary || ' ' || coalesce(chronology, ''))"
BATCH = 5000


def _backfill() -> None:
    """Signatures of the reports registered so far (consultations are never searched)."""
    bind = op.get_bind()
    select = sa.text(
        "SELECT id, summary, chronology FROM report WHERE kind <> 'KNL' AND id > :after "
        "ORDER BY id LIMIT :batch"
    )
    update = sa.text("UPDATE report SET text_bands = :bands WHERE id = :id")
    after = "00000000-0000-0000-0000-000000000000"
    while rows := bind.execute(select, {"after": after, "batch": BATCH}).all():
        bind.execute(
            update,
            [
                {"id": row.id, "bands": text_bands(f"{row.summary} {row.chronology or ''}")}
                for row in rows
            ],
        )
        after = rows[-1].id


def upgrade() -> None:
    # The trigram index first: the backfill then does not update it for nothing.
    op.execute("DROP INDEX report_text_trgm")
    op.add_column("report", sa.Column("text_bands", ARRAY(sa.BigInteger)))
    _backfill()
    op.execute("CREATE INDEX report_text_bands ON report USING gin (text_bands)")
    op.create_index("reporter_person_created", "reporter", ["person_id", "created_at"])
    op.drop_index("reporter_person_id", table_name="reporter")


def downgrade() -> None:
    op.create_index("reporter_person_id", "reporter", ["person_id"])
    op.drop_index("reporter_person_created", table_name="reporter")
    op.execute(f"CREATE INDEX report_text_trgm ON report USING gin (({TEXT}) gin_trgm_ops)")
    op.execute("DROP INDEX report_text_bands")
    op.drop_column("report", "text_bands")
