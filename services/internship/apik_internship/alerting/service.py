"""The Red Button's alerts off-screen.

The head registers where each protection officer and the head are reached (`contacts`,
sealed). When a case is raised or escalates, `queue` writes one delivery per person and
channel in that very transaction (never lost; a person already alerted by a lower level
is not alerted again). `send_due` then sends them: each row locked (`FOR UPDATE SKIP
LOCKED`) while it is sent, so two replicas never send one twice; marked `sent` only once
the server took it; a refusal is tried again (`rules.next_attempt`) for as long as the case
is unacknowledged; acknowledged first, it is cancelled. A phone gateway's refusal for good
(`Refused`, a 4xx) is recorded as failed with why, for the head to see (`deliveries`), and
not tried again: the same number would be refused the same way."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.alerting import rules
from apik_internship.alerting.rules import Channel, ContactRole, DeliveryStatus
from apik_internship.alerting.schemas import AlertDeliveryPublic, ContactPublic, ContactPut
from apik_internship.models import RedButtonCase, RedButtonContact, RedButtonDelivery
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.mail import Smtp, Unavailable
from apik_shared.platform.offices import office_calendars, office_names
from apik_shared.platform.phone import PhoneProvider, Refused
from apik_shared.platform.problems import NotFound

log = logging.getLogger("apik.internship.alerts")


def _context(office: str, username: str, channel: Channel) -> str:
    return f"red_button_contact:{office}:{username}:{channel.value}"


def shown(cipher: FieldCipher, row: RedButtonContact) -> ContactPublic:
    """A contact as the head sees it back: its addresses masked."""
    email = opened(cipher, row, Channel.email)
    phone = opened(cipher, row, Channel.phone)
    return ContactPublic(
        office=row.office,
        username=row.username,
        role=ContactRole(row.role),
        email=rules.masked_email(email) if email else None,
        phone=rules.masked_phone(phone) if phone else None,
        set_by=row.set_by,
        set_at=row.set_at,
    )


async def put_contact(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    username: str,
    data: ContactPut,
    actor: Principal,
) -> ContactPublic:
    """The head sets (or replaces) where `username` of their office is reached."""
    office = actor.office
    row = await session.get(RedButtonContact, (office, username)) or RedButtonContact(
        office=office, username=username, role=data.role, set_by=actor.username
    )
    row.role = data.role.value
    row.email = (
        cipher.encrypt(data.email.encode(), context=_context(office, username, Channel.email))
        if data.email
        else None
    )
    row.phone = (
        cipher.encrypt(data.phone.encode(), context=_context(office, username, Channel.phone))
        if data.phone
        else None
    )
    row.set_by, row.set_at = actor.username, datetime.now(UTC)
    session.add(row)
    await session.flush()
    return shown(cipher, row)


async def remove_contact(*, session: AsyncSession, username: str, actor: Principal) -> None:
    row = await session.get(RedButtonContact, (actor.office, username))
    if row is None:
        raise NotFound("No contact is registered for this username.")
    await session.delete(row)
    await session.flush()


async def contacts(
    *, session: AsyncSession, cipher: FieldCipher, office: str
) -> list[ContactPublic]:
    found = await session.scalars(
        select(RedButtonContact)
        .where(RedButtonContact.office == office)
        .order_by(col(RedButtonContact.username))
    )
    return [shown(cipher, row) for row in found]


async def deliveries(
    *, session: AsyncSession, office: str, status: DeliveryStatus | None, limit: int
) -> list[AlertDeliveryPublic]:
    """The office's latest alert deliveries, newest first (no address: the row has none)."""
    query = select(RedButtonDelivery).where(RedButtonDelivery.office == office)
    if status is not None:
        query = query.where(RedButtonDelivery.status == status.value)
    found = await session.scalars(
        query.order_by(col(RedButtonDelivery.created_at).desc()).limit(limit)
    )
    return [AlertDeliveryPublic.model_validate(row, from_attributes=True) for row in found]


def opened(cipher: FieldCipher, row: RedButtonContact, channel: Channel) -> str | None:
    sealed = row.email if channel is Channel.email else row.phone
    if sealed is None:
        return None
    return cipher.decrypt(sealed, context=_context(row.office, row.username, channel)).decode()


async def usernames_for(session: AsyncSession, office: str, recipients: Iterable[str]) -> list[str]:
    """The people behind an alert's recipients: `user:<name>` is that person, `role:<r>`
    every contact of the office registered for that role."""
    names: set[str] = set()
    roles: set[str] = set()
    for recipient in recipients:
        kind, _, value = recipient.partition(":")
        (names if kind == "user" else roles).add(value)
    if roles:
        found = await session.scalars(
            select(RedButtonContact.username).where(
                RedButtonContact.office == office, col(RedButtonContact.role).in_(roles)
            )
        )
        names.update(found)
    return sorted(names)


async def queue(
    session: AsyncSession, case: RedButtonCase, usernames: Sequence[str], level: int, at: datetime
) -> None:
    """A delivery per person and channel they can be reached by, once per case."""
    if not usernames:
        return
    people = await session.scalars(
        select(RedButtonContact).where(
            RedButtonContact.office == case.office, col(RedButtonContact.username).in_(usernames)
        )
    )
    for person in people:
        channels = [Channel.email] if person.email else []
        channels += [Channel.phone] if person.phone else []
        for channel in channels:
            await session.execute(
                insert(RedButtonDelivery)
                .values(
                    id=uuid.uuid4(),
                    case_id=case.id,
                    office=case.office,
                    username=person.username,
                    channel=channel.value,
                    level=level,
                    status=DeliveryStatus.pending.value,
                    attempts=0,
                    next_attempt_at=at,
                    created_at=at,
                )
                .on_conflict_do_nothing(index_elements=["case_id", "username", "channel"])
            )


@dataclass(frozen=True)
class Outlets:
    smtp: Smtp
    phone: PhoneProvider | None
    public_url: str
    retry_seconds: list[float]


@dataclass
class Delivered:
    sent: int = 0
    retried: int = 0
    skipped: int = 0
    cancelled: int = 0
    failed: int = 0

    def __bool__(self) -> bool:
        return bool(self.sent or self.retried or self.skipped or self.cancelled or self.failed)


async def _deliver(channel: Channel, address: str, text: rules.AlertText, outlets: Outlets) -> None:
    if channel is Channel.email:
        await outlets.smtp.send(address, text.subject, text.body)
    elif outlets.phone is None:
        raise Unavailable("no WhatsApp/SMS provider configured")
    else:
        await outlets.phone.send(address, rules.phone_text(text), text.parameters)


async def send_due(
    *, session: AsyncSession, cipher: FieldCipher, outlets: Outlets, now: datetime, batch: int
) -> Delivered:
    """One batch of due deliveries, each sent at most once (see the module's docstring)."""
    rows = (
        await session.execute(
            select(RedButtonDelivery, RedButtonCase, RedButtonContact)
            .join(RedButtonCase, col(RedButtonCase.id) == col(RedButtonDelivery.case_id))
            .outerjoin(
                RedButtonContact,
                (col(RedButtonContact.office) == col(RedButtonDelivery.office))
                & (col(RedButtonContact.username) == col(RedButtonDelivery.username)),
            )
            .where(
                RedButtonDelivery.status == DeliveryStatus.pending.value,
                col(RedButtonDelivery.next_attempt_at) <= now,
            )
            .order_by(col(RedButtonDelivery.next_attempt_at))
            .limit(batch)
            .with_for_update(skip_locked=True, of=RedButtonDelivery)
        )
    ).all()
    offices = sorted({case.office for _, case, _ in rows})
    calendars = await office_calendars(session, offices) if offices else {}
    names = await office_names(session) if offices else {}
    done = Delivered()
    for row, case, person in rows:
        channel = Channel(row.channel)
        if case.status != "raised":
            row.status, row.last_error = DeliveryStatus.cancelled.value, "acknowledged"
            done.cancelled += 1
            continue
        address = opened(cipher, person, channel) if person is not None else None
        if address is None:
            row.status, row.last_error = DeliveryStatus.skipped.value, "contact removed"
            done.skipped += 1
            continue
        calendar = calendars[case.office]
        text = rules.alert_text(
            rules.AlertFacts(
                office=case.office,
                office_name=names.get(case.office, case.office),
                timezone=calendar.timezone,
                severity=case.severity,
                level=row.level,
                raised_at=case.raised_at,
                link=rules.case_link(outlets.public_url, case.id),
            )
        )
        row.attempts += 1
        try:
            await _deliver(channel, address, text, outlets)
        except Unavailable as why:
            row.status, row.last_error = DeliveryStatus.skipped.value, str(why)
            done.skipped += 1
        except Refused as why:
            row.status, row.last_error = DeliveryStatus.failed.value, str(why)[:1000]
            done.failed += 1
            log.warning("red button alert %s refused for good: %s", row.id, why)
        except Exception as error:  # any refusal is tried again while the case is open
            row.last_error = f"{type(error).__name__}: {error}"[:1000]
            row.next_attempt_at = rules.next_attempt(row.attempts, outlets.retry_seconds, now)
            done.retried += 1
            # The delivery's id only: the log is no place for the address.
            log.warning("red button alert %s not sent: %s", row.id, type(error).__name__)
        else:
            row.status, row.sent_at, row.last_error = DeliveryStatus.sent.value, now, None
            done.sent += 1
        session.add(row)
    await session.flush()
    return done
