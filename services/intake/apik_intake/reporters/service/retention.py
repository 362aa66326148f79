"""Retention (UU 27/2022: personal data is deleted when its retention period ends).

Two data classes of a reporter, each with its own period after the report is finished:

- the person links: the blind indexes of NIK, phone and email, what matched them, and
  the person id shared with the same person's other reports. Cut, the reporter becomes
  a person of their own (a fresh person id) and a new report by them is not recognised;
- the identity itself: the sealed blob is replaced by a tombstone (`identity` NULL,
  `anonymised_at`), and its links are cut with it.

The report, its steps and its counts stay: intake's lists and figures count reports, not
identities, and reporting's KPIs come from events that never carried one.

Replicas run this side by side: each batch claims its reporters with `FOR UPDATE SKIP
LOCKED` and writes only rows whose mark is still empty, so a reporter is anonymised once,
by one runner. A batch is one transaction: a crash loses the batch's work, not its rows,
and the next run takes them again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession

from apik_intake.reporters.rules import (
    FINISHED_STATUSES,
    FINISHED_WHEN_CASE_CLOSED,
    FINISHED_WITH_SURVIVOR,
    expiry_cutoff,
)


@dataclass(frozen=True)
class Anonymised:
    """What one run did: reporters whose identity became a tombstone, and reporters whose
    links alone were cut (their identity's period runs on)."""

    identities: int = 0
    links: int = 0

    def __add__(self, other: Anonymised) -> Anonymised:
        return Anonymised(self.identities + other.identities, self.links + other.links)


def _finished(r: str) -> str:
    statuses = ", ".join(f"'{s.value}'" for s in sorted(FINISHED_STATUSES))
    return (
        f"({r}.status IN ({statuses}) OR ({r}.status = '{FINISHED_WHEN_CASE_CLOSED.value}'"
        f" AND {r}.case_closed_at IS NOT NULL))"
    )


def _quiet_since_cutoff(r: str) -> str:
    # The last thing that happened to the report: a change, a step (possibly backdated,
    # never later than the change that recorded it), the case's closure in examination.
    return (
        f"{r}.updated_at < :cutoff"
        f" AND ({r}.case_closed_at IS NULL OR {r}.case_closed_at < :cutoff)"
        f" AND NOT EXISTS (SELECT 1 FROM report_step s"
        f"  WHERE s.report_id = {r}.id AND s.at >= :cutoff)"
    )


def _expired(mark: str) -> str:
    """Reporters whose `mark` is empty and whose report was finished before `:cutoff`,
    claimed for this transaction; rows another runner holds are skipped, not waited for.
    No ORDER BY: the scan stops as soon as it has a batch."""
    return f"""
        SELECT rp.id, r.id AS report_id
        FROM report r JOIN reporter rp ON rp.id = r.reporter_id
        WHERE rp.{mark} IS NULL
          AND {_quiet_since_cutoff("r")}
          AND ({_finished("r")}
               OR (r.status = '{FINISHED_WITH_SURVIVOR.value}' AND EXISTS (
                   SELECT 1 FROM report m WHERE m.id = r.linked_report_id
                     AND {_finished("m")} AND {_quiet_since_cutoff("m")})))
        LIMIT :batch
        FOR UPDATE OF rp SKIP LOCKED
    """


# Cutting the links: no index to find the person by, nothing saying what matched, and a
# person id of its own (NOT NULL: the lists and duplicates join on it).
_CUT_LINKS = """
    nik_index = NULL, phone_index = NULL, email_index = NULL,
    matched_on = '[]'::jsonb,
    person_id = CASE WHEN rp.unlinked_at IS NULL THEN gen_random_uuid() ELSE rp.person_id END,
    unlinked_at = coalesce(rp.unlinked_at, now())
"""

_ANONYMISE = text(
    f"""
    WITH expired AS ({_expired("anonymised_at")})
    UPDATE reporter rp SET identity = NULL, anonymised_at = now(), {_CUT_LINKS}
    FROM expired WHERE rp.id = expired.id AND rp.anonymised_at IS NULL
    RETURNING expired.report_id
    """
)

_UNLINK = text(
    f"""
    WITH expired AS ({_expired("unlinked_at")})
    UPDATE reporter rp SET {_CUT_LINKS}
    FROM expired WHERE rp.id = expired.id AND rp.unlinked_at IS NULL
    RETURNING expired.report_id
    """
)

# A stored duplicate candidate says "same_reporter": a link between two reports' people
# as plain as the person id. Rows are locked in key order, so two runners cutting both
# ends of one pair wait for each other instead of deadlocking.
_FORGET_SAME_REPORTER = text(
    """
    WITH pairs AS (
        SELECT report_id, candidate_id FROM duplicate_candidate
        WHERE (report_id = ANY(:reports) OR candidate_id = ANY(:reports))
          AND reasons @> '["same_reporter"]'::jsonb
        ORDER BY report_id, candidate_id
        FOR UPDATE
    )
    UPDATE duplicate_candidate d SET reasons = d.reasons - 'same_reporter'
    FROM pairs WHERE d.report_id = pairs.report_id AND d.candidate_id = pairs.candidate_id
    """
)

# The messages to an anonymised reporter: their address and what they were told go with
# the identity (nothing pending is left to send to nobody).
_FORGET_NOTIFICATIONS = text("DELETE FROM notification WHERE report_id = ANY(:reports)")


async def _claim(
    session: AsyncSession, statement: TextClause, *, cutoff: datetime, batch: int
) -> list[uuid.UUID]:
    rows = await session.execute(statement, {"cutoff": cutoff, "batch": batch})
    return [row.report_id for row in rows]


async def anonymise_expired(
    *,
    session: AsyncSession,
    now: datetime,
    identity_days: int,
    link_days: int,
    batch: int,
) -> Anonymised:
    """One batch of each data class whose period has passed at `now`. Adds and flushes
    nothing through the ORM: the statements write, the caller's transaction commits."""
    anonymised = await _claim(
        session, _ANONYMISE, cutoff=expiry_cutoff(now, identity_days), batch=batch
    )
    unlinked = await _claim(session, _UNLINK, cutoff=expiry_cutoff(now, link_days), batch=batch)
    if reports := anonymised + unlinked:
        await session.execute(_FORGET_SAME_REPORTER, {"reports": reports})
    if anonymised:
        await session.execute(_FORGET_NOTIFICATIONS, {"reports": anonymised})
    return Anonymised(identities=len(anonymised), links=len(unlinked))
