"""Phase 2, pull: the complaints a portal assigns to an office come into intake.

Three ways in, one record: the portal's webhook (`complaint.assigned`, a hint naming the
tracking id, fetched from the portal), polling (every `APIK_PORTAL_POLL_SECONDS` over a
window from the last good poll) and the nightly catch-up (the last 24 hours, once per
office day). Each complaint is recorded once per portal and tracking id
(`pulled_complaint`, unique) and announced in the same transaction (`complaint.pulled`,
through the outbox), so a complaint found by all three, or found again after a crash,
is announced once; intake registers it once more safely (unique on the external id).

The complainant and the text never rest here: they travel sealed in the event, with the
transfer keyring only integration and intake hold (events carry no personal data in
clear). Polling locks the office's cursor `FOR UPDATE SKIP LOCKED`, so two replicas
never poll one office at once; a poll the portal does not answer leaves the cursor
where it was (the next poll looks back from there: nothing is skipped).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_integration.models import PortalCursor, PortalLink, PulledComplaint
from apik_integration.portals import rules
from apik_integration.portals.service.adapter import (
    AssignedComplaint,
    PortalAdapter,
    PortalRefused,
    PortalUnavailable,
)
from apik_integration.refusals import IntegrationConflict
from apik_integration.settings import PortalSettings
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads.integration import ComplaintPulled
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.pagination import newest_first_page
from apik_shared.platform.problems import NotFound

ERROR_CHARS = 500


async def record_pulled(
    *,
    session: AsyncSession,
    portal: str,
    complaint: AssignedComplaint,
    via: str,
    transfer: FieldCipher,
    now: datetime,
) -> bool:
    """Records a complaint and announces it, once: whether it was new."""
    inserted = await session.execute(
        pg_insert(PulledComplaint)
        .values(
            portal=portal,
            external_id=complaint.external_id,
            office=complaint.office,
            assigned_at=complaint.assigned_at,
            via=via,
            pulled_at=now,
        )
        .on_conflict_do_nothing(index_elements=["portal", "external_id"])
        .returning(col(PulledComplaint.id))
    )
    pulled_id = inserted.scalar_one_or_none()
    if pulled_id is None:
        return False
    sealed = transfer.encrypt(
        json.dumps(complaint.content, ensure_ascii=False).encode(),
        context=rules.transfer_context(portal, complaint.external_id),
    )
    await publish(
        session,
        ComplaintPulled(
            pulled_id=str(pulled_id),
            portal=portal,
            external_id=complaint.external_id,
            office=complaint.office,
            assigned_at=complaint.assigned_at,
            via=via,
            sealed=sealed,
        ),
        subject=f"{portal}:{complaint.external_id}",
    )
    return True


async def pull_named(
    *,
    session: AsyncSession,
    portal: str,
    settings: PortalSettings,
    adapter: PortalAdapter,
    tracking_id: str,
    transfer: FieldCipher,
    now: datetime,
) -> str:
    """A webhook's `complaint.assigned`: the complaint it names, fetched and recorded.
    What came of it: pulled, duplicate, unknown_complaint, not_switched_on, or
    portal_unavailable (polling finds it later)."""
    known = await session.execute(
        select(PulledComplaint.id).where(
            PulledComplaint.portal == portal, PulledComplaint.external_id == tracking_id
        )
    )
    if known.first() is not None:
        return "duplicate"
    try:
        complaint = await adapter.fetch_complaint(tracking_id)
    except (PortalUnavailable, PortalRefused):
        return "portal_unavailable"
    if complaint is None:
        return "unknown_complaint"
    if complaint.office not in settings.pull_offices:
        return "not_switched_on"
    new = await record_pulled(
        session=session,
        portal=portal,
        complaint=complaint,
        via=rules.Via.webhook,
        transfer=transfer,
        now=now,
    )
    return "pulled" if new else "duplicate"


@dataclass(frozen=True)
class PullTimes:
    poll_seconds: float
    window_seconds: float
    catch_up_hours: float
    catch_up_hour: int


async def _cursor(session: AsyncSession, portal: str, office: str) -> PortalCursor | None:
    """The office's cursor, locked for this replica; None while another polls it."""
    await session.execute(
        pg_insert(PortalCursor).values(portal=portal, office=office).on_conflict_do_nothing()
    )
    return (
        await session.execute(
            select(PortalCursor)
            .where(PortalCursor.portal == portal, PortalCursor.office == office)
            .with_for_update(skip_locked=True)
        )
    ).scalar_one_or_none()


async def pull_office(
    *,
    session: AsyncSession,
    portal: str,
    office: str,
    adapter: PortalAdapter,
    transfer: FieldCipher,
    times: PullTimes,
    now: datetime,
) -> int:
    """One office's poll and, once a night, its catch-up, when due. Returns how many
    complaints were new."""
    cursor = await _cursor(session, portal, office)
    if cursor is None:
        return 0
    calendar = await office_calendar(session, office)
    local = now.astimezone(calendar.zone)
    catch_up = rules.catch_up_due(
        local_now=local, caught_up_on=cursor.caught_up_on, hour=times.catch_up_hour
    )
    poll = rules.poll_due(now=now, polled_at=cursor.polled_at, every=times.poll_seconds)
    if not (poll or catch_up):
        return 0
    via = rules.Via.catch_up if catch_up else rules.Via.poll
    since = rules.pull_since(
        now=now,
        polled_at=cursor.polled_at,
        window=timedelta(seconds=times.window_seconds),
        catch_up=timedelta(hours=times.catch_up_hours) if catch_up else None,
    )
    try:
        found = await adapter.pull_assigned(office, since)
    except (PortalUnavailable, PortalRefused) as exc:
        # The cursor stays: the next poll looks back from the last good one.
        cursor.last_error = (str(exc) or type(exc).__name__)[:ERROR_CHARS]
        cursor.last_error_at = now
        await session.flush()
        return 0
    new = 0
    for complaint in found:
        if complaint.office != office:
            continue  # the portal's answer names another office: not this pull's
        new += await record_pulled(
            session=session,
            portal=portal,
            complaint=complaint,
            via=via,
            transfer=transfer,
            now=now,
        )
    cursor.polled_at = now
    cursor.last_error = None
    if catch_up:
        cursor.caught_up_on = local.date()
        cursor.caught_up_at = now
    await session.flush()
    return new


async def pull_due(
    *,
    session: AsyncSession,
    portals: Mapping[str, PortalSettings],
    adapters: Mapping[str, PortalAdapter],
    transfer: FieldCipher,
    times: PullTimes,
    now: datetime,
) -> int:
    """Every switched-on office of every portal, polled when due. New complaints."""
    new = 0
    for name, portal in portals.items():
        for office in portal.pull_offices:
            new += await pull_office(
                session=session,
                portal=name,
                office=office,
                adapter=adapters[name],
                transfer=transfer,
                times=times,
                now=now,
            )
    return new


# --- What the office sees of its pull, and the catch-up on demand --------------------


async def list_pulled(
    *,
    session: AsyncSession,
    actor: Principal,
    portal: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[PulledComplaint], str | None]:
    """The complaints portals assigned to the caller's office, newest first."""
    query = select(PulledComplaint).where(PulledComplaint.office == actor.office)
    if portal is not None:
        query = query.where(PulledComplaint.portal == portal)
    return await newest_first_page(
        session,
        query,
        timestamp=col(PulledComplaint.pulled_at),
        ident=col(PulledComplaint.id),
        cursor=cursor,
        limit=limit,
    )


async def reports_of_pulled(
    *, session: AsyncSession, pulled: list[PulledComplaint]
) -> dict[tuple[str, str], PortalLink]:
    """The report each pulled complaint became, by (portal, tracking id): the link the
    portals consumer makes from intake's `report.registered`. None yet: intake has not
    registered it (NATS away, a slow consumer)."""
    if not pulled:
        return {}
    links = await session.execute(
        select(PortalLink).where(
            col(PortalLink.origin) == "pull",
            col(PortalLink.office) == pulled[0].office,
            col(PortalLink.external_id).in_([p.external_id for p in pulled]),
        )
    )
    return {(link.portal, link.external_id or ""): link for link in links.scalars()}


async def pull_state(
    *, session: AsyncSession, actor: Principal, portals: Mapping[str, PortalSettings]
) -> list[PortalCursor]:
    """The office's pull from each portal switched on for it: the last good poll, the
    last catch-up, the last failure (a portal away shows here)."""
    names = [name for name, p in portals.items() if actor.office in p.pull_offices]
    found = {
        c.portal: c
        for c in (
            await session.execute(
                select(PortalCursor).where(
                    PortalCursor.office == actor.office, col(PortalCursor.portal).in_(names)
                )
            )
        ).scalars()
    }
    return [found.get(name) or PortalCursor(portal=name, office=actor.office) for name in names]


async def request_catch_up(
    *,
    session: AsyncSession,
    actor: Principal,
    portal: str,
    portals: Mapping[str, PortalSettings],
) -> PortalCursor:
    """The office's catch-up (the last `APIK_PORTAL_CATCH_UP_HOURS`) at the job's next
    turn, not waiting for the night: after a long outage, or to check."""
    settings = portals.get(portal)
    if settings is None:
        raise NotFound(f"No portal {portal!r} is connected.")
    if actor.office not in settings.pull_offices:
        raise IntegrationConflict(
            f"Pulling from {portal!r} is not switched on for this office.",
            code="pull_off",
            params={"portal": portal},
        )
    await session.execute(
        pg_insert(PortalCursor).values(portal=portal, office=actor.office).on_conflict_do_nothing()
    )
    cursor = (
        await session.execute(
            select(PortalCursor)
            .where(PortalCursor.portal == portal, PortalCursor.office == actor.office)
            .with_for_update()
        )
    ).scalar_one()
    cursor.caught_up_on = None
    await session.flush()
    return cursor
