"""Retention (UU 27/2022: personal data is deleted when its retention period ends).

A desk visitor's name and phone (sealed), institution and drawn signature are kept a set
number of days after the visit is over: served, and for an objection answered (and its
appeal, if one was filed). Then the visit keeps a tombstone: an empty `visitor`, no
institution, no signature, and `anonymised_at`. The visit itself, its category,
description, officer, clock and rating stay, so the desk's analysis and every officer's
performance count it as before.

Replicas run this side by side: each batch claims its visits with `FOR UPDATE SKIP
LOCKED` and writes only visits not anonymised yet, so a visit is anonymised once, by one
runner. A batch is one transaction: a crash loses the batch's work, not its visits, and
the next run takes them again.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from apik_consultation.visitors.rules import expiry_cutoff
from apik_consultation.visits.rules import VisitStatus

_OVER = ", ".join(f"'{s.value}'" for s in (VisitStatus.ended, VisitStatus.completed))

_ANONYMISE = text(
    f"""
    WITH expired AS (
        SELECT v.id FROM visit v
        WHERE v.anonymised_at IS NULL
          AND v.status IN ({_OVER})
          -- An objection is over once answered; an appeal, once its answer is given too.
          AND (v.answer_due IS NULL OR v.answered_at IS NOT NULL)
          AND (v.appealed_at IS NULL OR v.appeal_answered_at IS NOT NULL)
          -- The last thing that happened to it (GREATEST skips what never happened).
          AND GREATEST(v.checked_in_at, v.started_at, v.ended_at, v.rated_at,
                       v.answered_at, v.appealed_at, v.appeal_answered_at) < :cutoff
          AND NOT EXISTS (SELECT 1 FROM visit_step s WHERE s.visit_id = v.id AND s.at >= :cutoff)
        LIMIT :batch
        FOR UPDATE SKIP LOCKED
    )
    UPDATE visit v SET visitor = '', institution = NULL, anonymised_at = now(),
                       version = v.version + 1
    FROM expired WHERE v.id = expired.id AND v.anonymised_at IS NULL
    RETURNING v.id
    """
)

_FORGET_SIGNATURES = text("DELETE FROM visit_signature WHERE visit_id = ANY(:visits)")


async def anonymise_expired(*, session: AsyncSession, now: datetime, days: int, batch: int) -> int:
    """One batch of visitors whose period has passed at `now`; how many. The statements
    write; the caller's transaction commits."""
    rows = await session.execute(_ANONYMISE, {"cutoff": expiry_cutoff(now, days), "batch": batch})
    visits: list[uuid.UUID] = [row.id for row in rows]
    if visits:
        await session.execute(_FORGET_SIGNATURES, {"visits": visits})
    return len(visits)
