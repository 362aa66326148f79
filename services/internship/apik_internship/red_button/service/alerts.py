"""The on-duty roster and the alerts (`rules.on_duty`): the head replaces the office's
roster; a raised case alerts the officers on duty in the same transaction (never lost);
escalation alerts the roster's other officers, then the head; an officer the case names
(the conflict register, `conflicts`) is never alerted, and never shown the alert.

An alert is open while its case is unacknowledged; the web app polls the list, and the
same transaction queues its delivery by email or phone (`alerting`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.alerting import service as delivery
from apik_internship.models import RedButtonAlert, RedButtonCase, RedButtonRoster, RedButtonStaff
from apik_internship.red_button import rules
from apik_internship.red_button.rules import CaseStatus, Window
from apik_internship.red_button.schemas import RosterPut
from apik_internship.red_button.service.access import audit_read, hidden_from, staff_entry
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import InvalidInput


async def replace_roster(
    *, session: AsyncSession, data: RosterPut, actor: Principal
) -> list[RedButtonRoster]:
    """The head's office's roster, replaced as a whole (in one transaction)."""
    seen: set[str] = set()
    for i, officer in enumerate(data.officers):
        if officer.username in seen:
            raise InvalidInput.field(
                f"#/body/officers/{i}/username", "Each officer is listed once.", code="listed_twice"
            )
        seen.add(officer.username)
        for j, w in enumerate(officer.windows):
            if not rules.window_valid(Window(w.weekday, w.start, w.end)):
                raise InvalidInput.field(
                    f"#/body/officers/{i}/windows/{j}/end",
                    "A window ends after it starts (00:00 for midnight).",
                    code="ends_before_start",
                    start=w.start.strftime("%H:%M"),
                )
    await session.execute(
        delete(RedButtonRoster).where(col(RedButtonRoster.office) == actor.office)
    )
    now = datetime.now(UTC)
    rows = [
        RedButtonRoster(
            office=actor.office,
            username=officer.username,
            weekday=w.weekday,
            starts=w.start,
            ends=w.end,
            set_by=actor.username,
            set_at=now,
        )
        for officer in data.officers
        for w in officer.windows
    ]
    session.add_all(rows)
    await session.flush()
    return rows


async def roster(session: AsyncSession, office: str) -> list[RedButtonRoster]:
    found = await session.scalars(
        select(RedButtonRoster)
        .where(RedButtonRoster.office == office)
        .order_by(col(RedButtonRoster.username), col(RedButtonRoster.weekday))
    )
    return list(found)


async def _not_named(
    session: AsyncSession, case: RedButtonCase, usernames: Sequence[str]
) -> list[str]:
    """The usernames the case does not name (by the conflict register)."""
    if not usernames:
        return []
    entries = await session.scalars(
        select(RedButtonStaff).where(col(RedButtonStaff.username).in_(usernames))
    )
    named = {e.username for e in entries if hidden_from(case, e)}
    return [u for u in usernames if u not in named]


async def _write(
    session: AsyncSession, case: RedButtonCase, recipients: Sequence[str], level: int, at: datetime
) -> None:
    for recipient in recipients:
        await session.execute(
            insert(RedButtonAlert)
            .values(
                id=uuid.uuid4(),
                case_id=case.id,
                office=case.office,
                recipient=recipient,
                level=level,
                alerted_at=at,
            )
            .on_conflict_do_nothing(index_elements=["case_id", "recipient"])
        )
    # Off-screen too (`alerting`): a delivery per person behind the recipients, in this
    # same transaction; never to an officer the case names.
    people = await delivery.usernames_for(session, case.office, recipients)
    await delivery.queue(session, case, await _not_named(session, case, people), level, at)


async def alert_on_duty(session: AsyncSession, case: RedButtonCase) -> None:
    """Alerts the officers on duty when the case is raised (its own transaction); with
    nobody on duty, the office's protection officers as a role."""
    calendar = await office_calendar(session, case.office)
    local = case.raised_at.astimezone(calendar.zone)
    rows = await roster(session, case.office)
    on_duty = sorted(
        {r.username for r in rows if rules.on_duty([Window(r.weekday, r.starts, r.ends)], local)}
    )
    usernames = await _not_named(session, case, on_duty)
    if on_duty:
        recipients = [rules.officer_recipient(u) for u in usernames]
    else:
        recipients = [rules.role_recipient(Role.protection_officer.value)]
    await _write(session, case, recipients, 0, case.raised_at)


async def alert_level(session: AsyncSession, case: RedButtonCase, level: int, at: datetime) -> None:
    """Alerts escalation level `level`: the roster's officers not alerted yet (a second
    alert of one already alerted is a no-op), or the head."""
    role = rules.escalation_role(level)
    if role == Role.head.value:
        await _write(session, case, [rules.role_recipient(role)], level, at)
        return
    everyone = sorted({r.username for r in await roster(session, case.office)})
    usernames = await _not_named(session, case, everyone)
    await _write(session, case, [rules.officer_recipient(u) for u in usernames], level, at)


@dataclass(frozen=True)
class OpenAlert:
    alert: RedButtonAlert
    case: RedButtonCase


async def open_alerts(*, session: AsyncSession, actor: Principal) -> list[OpenAlert]:
    """The caller's alerts (theirs by name, or by one of their roles) on cases of their
    office still unacknowledged, oldest first; none for a case that names them. Each
    case shown is an audited read."""
    recipients = [rules.officer_recipient(actor.username)] + [
        rules.role_recipient(str(getattr(r, "value", r))) for r in actor.roles
    ]
    found = await session.execute(
        select(RedButtonAlert, RedButtonCase)
        .join(RedButtonCase, col(RedButtonCase.id) == col(RedButtonAlert.case_id))
        .where(
            RedButtonAlert.office == actor.office,
            col(RedButtonAlert.recipient).in_(recipients),
            RedButtonCase.status == CaseStatus.raised.value,
        )
        .order_by(col(RedButtonAlert.alerted_at), col(RedButtonAlert.id))
    )
    staff = await staff_entry(session, actor)
    out: list[OpenAlert] = []
    shown: set[object] = set()
    now = datetime.now(UTC)
    for alert, case in found.all():
        if hidden_from(case, staff) or case.id in shown:
            continue  # one alert per case: by name and by role are the same call
        shown.add(case.id)
        out.append(OpenAlert(alert, case))
        session.add(audit_read(actor, case, "alert", now))
    await session.flush()
    return out
