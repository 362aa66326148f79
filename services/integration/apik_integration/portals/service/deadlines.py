"""The portal's deadlines on the reports an office pushed, listed (`rules.portal_deadlines`
in the office's own calendar)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from apik_integration.portals import rules
from apik_shared.platform.auth import Principal
from apik_shared.platform.offices import office_calendar

# The portal's first update of a report is its verification; the office's follow-up is
# its first update sent to the portal after that.
_LINKS = text(
    """
    SELECT l.portal, l.registration_number, l.external_id, l.portal_status, l.pushed_at,
           v.verified_at,
           (SELECT min(s.sent_at) FROM portal_send s
             WHERE s.portal = l.portal AND s.registration_number = l.registration_number
               AND s.kind = 'update' AND s.status = 'sent' AND s.sent_at >= v.verified_at
           ) AS followed_up_at
      FROM portal_link l
      LEFT JOIN LATERAL (
           SELECT min(u.at) AS verified_at FROM portal_update u
            WHERE u.portal = l.portal AND u.registration_number = l.registration_number
      ) v ON true
     WHERE l.office = :office AND l.external_id IS NOT NULL AND l.pushed_at IS NOT NULL
       AND (CAST(:portal AS text) IS NULL OR l.portal = :portal)
     ORDER BY l.pushed_at DESC, l.registration_number
     LIMIT :limit
    """
)


@dataclass(frozen=True)
class ReportDeadlines:
    portal: str
    registration_number: str
    external_id: str
    portal_status: str | None
    pushed_at: datetime
    verification: rules.Deadline
    follow_up: rules.Deadline
    closure: rules.Deadline


async def list_deadlines(
    *,
    session: AsyncSession,
    actor: Principal,
    portal: str | None,
    days: tuple[int, int, int],
    limit: int,
    now: datetime | None = None,
) -> list[ReportDeadlines]:
    calendar = await office_calendar(session, actor.office)
    today = calendar.local_date(now or datetime.now(UTC))

    def on(instant: datetime | None) -> date | None:
        return None if instant is None else calendar.local_date(instant)

    rows = await session.execute(_LINKS, {"office": actor.office, "portal": portal, "limit": limit})
    found = []
    for row in rows:
        verification, follow_up, closure = rules.portal_deadlines(
            pushed_on=on(row.pushed_at),
            verified_on=on(row.verified_at),
            followed_up_on=on(row.followed_up_at),
            days=days,
            calendar=calendar,
            today=today,
        )
        found.append(
            ReportDeadlines(
                portal=row.portal,
                registration_number=row.registration_number,
                external_id=row.external_id,
                portal_status=row.portal_status,
                pushed_at=row.pushed_at,
                verification=verification,
                follow_up=follow_up,
                closure=closure,
            )
        )
    return found
