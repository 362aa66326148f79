"""`intake_reporter_matches`: a registration's reporter locks and match in one round
trip (issue 22).

A registration locks each blind index of its reporter (two registrations of the same
new person at once must not start two persons), then looks for the office's reporters
sharing one. Sent as two statements they cost two round trips; sent as one plain
statement, the match would read with the snapshot taken before the lock was granted
and miss the row of the registration it waited for. A VOLATILE PL/pgSQL function takes
a new snapshot for each statement inside it (READ COMMITTED), so the match after the
locks sees what the lock holder committed, and the caller pays one round trip.

Revision ID: 0033
Revises: 0031
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0033"
down_revision = "0031"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The locks are taken in the keys' hash order, so that two registrations sharing
    # keys cannot deadlock; the earliest reporter first (it names the person).
    op.execute(
        """
        CREATE FUNCTION intake_reporter_matches(
            keys text[], office_code text, nik text, phone text, email text
        ) RETURNS TABLE (
            person_id uuid, nik_index varchar, phone_index varchar, email_index varchar
        ) LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock(h)
            FROM (SELECT DISTINCT hashtextextended(k, 0) AS h
                  FROM unnest(keys) AS k ORDER BY h) AS ordered;
            RETURN QUERY
            SELECT r.person_id, r.nik_index, r.phone_index, r.email_index
            FROM reporter r
            WHERE r.office = office_code
              AND (r.nik_index = nik OR r.phone_index = phone OR r.email_index = email)
            ORDER BY r.created_at, r.id;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION intake_reporter_matches(text[], text, text, text, text)")
