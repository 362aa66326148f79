"""Each report keeps its text's trigrams, so the duplicate search compares two sets of
numbers instead of splitting and sorting both texts for every row it scores (issue 22).

`similarity(a, b)` (pg_trgm) splits both texts into words, builds their trigrams and
sorts them on every call: the duplicate search called it once per candidate row with
the new report's text, so that text was split and sorted again for each row, and
profiling put the trigram sorting and splitting at about a fifth of PostgreSQL's CPU
under registration load. Now `report.text_trigrams` holds the trigrams of the text the
search compares (`lower(summary || ' ' || coalesce(chronology, ''))`), computed by
PostgreSQL when the row is written or its text changes (a generated column: no code
path can forget it), each trigram as the integer of its three bytes, sorted; the new
report's are computed once per search; and `intake_trigram_similarity` is pg_trgm's
similarity on them: shared over all distinct trigrams, as a real, 0 when either has
none. The same value to the bit (pg_trgm's `show_trgm` gives the very trigrams
`similarity` compares, a multibyte one as the hex of its three bytes): the duplicate
tests hold it on texts with multibyte characters. intarray (trusted, in contrib) does
the intersection in C: about 0.01 ms a row where `similarity` took 0.4 on a loaded
machine.

About 1.2 KB a report (some 300 trigrams of a 530-character text); adding the column
rewrites the table and computes it for every report (at a million reports, minutes).

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0037"
down_revision = "0036"
branch_labels = None
depends_on = None

TEXT = "lower(summary || ' ' || coalesce(chronology, ''))"


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS intarray")
    # A trigram as `show_trgm` prints it: three characters, or `0x` and the hex of the
    # three bytes pg_trgm keeps for one that is not plain ASCII letters and digits.
    op.execute(
        """
        CREATE FUNCTION intake_trigrams(body text) RETURNS int[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT sort(ARRAY(
                SELECT CASE WHEN length(g) = 8 AND left(g, 2) = '0x'
                            THEN CAST(CAST('x' || substr(g, 3) AS bit(24)) AS int)
                            ELSE (ascii(g) << 16) | (ascii(substr(g, 2, 1)) << 8)
                                 | ascii(substr(g, 3, 1))
                       END
                FROM unnest(show_trgm(body)) AS g))
        $$
        """
    )
    # Not STRICT, so the planner inlines it into the search (a NULL still gives NULL,
    # as `similarity` does: `&` is strict).
    op.execute(
        """
        CREATE FUNCTION intake_trigram_similarity(a int[], b int[]) RETURNS real
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT CASE WHEN cardinality(a) = 0 OR cardinality(b) = 0 THEN CAST(0 AS real)
                        ELSE CAST(icount(a & b) AS real)
                             / CAST(cardinality(a) + cardinality(b) - icount(a & b) AS real)
                   END
        $$
        """
    )
    op.execute(
        f"ALTER TABLE report ADD COLUMN text_trigrams int[]"
        f" GENERATED ALWAYS AS (intake_trigrams({TEXT})) STORED"
    )


def downgrade() -> None:
    op.execute("ALTER TABLE report DROP COLUMN text_trigrams")
    op.execute("DROP FUNCTION intake_trigram_similarity(int[], int[])")
    op.execute("DROP FUNCTION intake_trigrams(text)")
    op.execute("DROP EXTENSION IF EXISTS intarray")
