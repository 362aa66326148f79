"""Focal points: recorded (invited) by the prevention unit, contact details only with
consent, status moves kept as history (`focal_point.activated` when one becomes
active), discussion groups of consenting focal points, and the KPI's counts."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.focal_points import rules
from apik_prevention.focal_points.rules import ConsentScope, FocalStatus
from apik_prevention.focal_points.schemas import FocalPointCreate, GroupCreate, StatusChange
from apik_prevention.models import DiscussionGroup, FocalPoint, FocalPointChange, FocalPointRead
from apik_prevention.refusals import PreventionStepRefused
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads.prevention import (
    FocalPointActivated,
    FocalPointDeactivated,
)
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import Conflict, InvalidInput, TransitionNotAllowed
from apik_shared.vocabulary.labels import named


class NotInValidity(Conflict):
    slug, title = "focal-point-not-in-validity", "The focal point's validity does not cover today"


@dataclass(frozen=True)
class Identity:
    """What of a focal point is sealed at rest: who they are and how to reach them."""

    name: str
    phone: str | None = None
    email: str | None = None


def identity_context(point_id: uuid.UUID) -> str:
    # Binds the ciphertext to its row: copied into another row, it fails to open.
    return f"focal-point:{point_id}:identity"


def seal(cipher: FieldCipher, point_id: uuid.UUID, identity: Identity) -> str:
    return cipher.encrypt(json.dumps(asdict(identity)).encode(), context=identity_context(point_id))


def identity_of(cipher: FieldCipher, point: FocalPoint) -> Identity:
    if point.identity is None:  # erased at their request: nobody left to name
        return Identity(name="")
    opened = json.loads(cipher.decrypt(point.identity, context=identity_context(point.id)))
    return Identity(**opened)


async def today_of(session: AsyncSession, office: str) -> date:
    calendar = await office_calendar(session, office)
    return calendar.local_date(datetime.now(UTC))


def scope_of(point: FocalPoint) -> set[ConsentScope]:
    return {ConsentScope(s) for s in point.consent_scope}


async def create(
    *, session: AsyncSession, cipher: FieldCipher, data: FocalPointCreate, actor: Principal
) -> FocalPoint:
    today = await today_of(session, actor.office)
    if (problem := rules.validity_problem(data.valid_from, data.valid_until)) is not None:
        raise InvalidInput.field(
            "#/body/valid_until",
            problem,
            code="ends_before_start",
            start=data.valid_from.isoformat(),
        )
    consent = data.consent
    problem = rules.consent_problem(
        has_contact=data.phone is not None or data.email is not None,
        consent_on=consent.given_on if consent else None,
        scope=set(consent.scope) if consent else set(),
        today=today,
    )
    if problem is not None:
        # `consent_problem`'s reasons: no consent, one dated ahead, one too narrow.
        if consent is None:
            raise InvalidInput.field("#/body/consent", problem, code="contact_needs_consent")
        future = consent.given_on > today
        raise InvalidInput.field(
            "#/body/consent/given_on" if future else "#/body/consent/scope",
            problem,
            code="in_the_future" if future else "consent_without_contact",
        )
    point_id = uuid.uuid4()
    identity = Identity(name=data.name, phone=data.phone, email=data.email)
    point = FocalPoint(
        id=point_id,
        office=actor.office,
        identity=seal(cipher, point_id, identity),
        has_contact=data.phone is not None or data.email is not None,
        role=data.role,
        agency=data.agency,
        regency=data.regency,
        valid_from=data.valid_from,
        valid_until=data.valid_until,
        consent_on=consent.given_on if consent else None,
        consent_scope=sorted({s.value for s in consent.scope}) if consent else [],
        status=FocalStatus.invited.value,
        created_by=actor.username,
    )
    session.add(point)
    await session.flush()
    session.add(
        FocalPointChange(
            focal_point_id=point.id,
            office=point.office,
            to_status=FocalStatus.invited.value,
            changed_by=actor.username,
        )
    )
    await session.flush()
    return point


async def get(
    *, session: AsyncSession, point_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> FocalPoint:
    return await get_in_office(
        session=session,
        model=FocalPoint,
        ident=point_id,
        actor=actor,
        label="focal point",
        for_update=for_update,
    )


async def history(session: AsyncSession, point_id: uuid.UUID) -> list[FocalPointChange]:
    rows = await session.execute(
        select(FocalPointChange)
        .where(FocalPointChange.focal_point_id == point_id)
        .order_by(col(FocalPointChange.changed_at), col(FocalPointChange.id))
    )
    return list(rows.scalars().all())


async def change_status(
    *, session: AsyncSession, point: FocalPoint, data: StatusChange, actor: Principal
) -> FocalPoint:
    current = FocalStatus(point.status)
    if point.erased_at is not None:
        raise PreventionStepRefused(
            "The focal point was erased at their request.", code="focal_point_erased"
        )
    if not rules.can_move(current, data.status):
        raise TransitionNotAllowed.move_refused(
            f"A focal point {current} cannot become {data.status}.",
            status=named(rules.STATUSES, current),
            target=named(rules.STATUSES, data.status),
        )
    today = await today_of(session, point.office)
    if data.status == FocalStatus.active and not rules.in_validity(
        point.valid_from, point.valid_until, today
    ):
        raise NotInValidity(
            f"Its validity ({point.valid_from} to {point.valid_until}) ended "
            "or has not started: record a new validity first."
        )
    now = datetime.now(UTC)
    point.status = data.status.value
    point.version += 1
    session.add(point)
    session.add(
        FocalPointChange(
            focal_point_id=point.id,
            office=point.office,
            from_status=current.value,
            to_status=data.status.value,
            note=data.note,
            changed_by=actor.username,
            changed_at=now,
        )
    )
    await session.flush()
    if data.status == FocalStatus.active:
        await publish(
            session,
            FocalPointActivated(
                focal_point_id=str(point.id),
                office=point.office,
                regency=point.regency,
                reactivated=current == FocalStatus.inactive,
                activated_at=now,
                activated_by=actor.username,
            ),
            subject=str(point.id),
        )
    elif data.status == FocalStatus.inactive and current == FocalStatus.active:
        await publish(
            session,
            FocalPointDeactivated(
                focal_point_id=str(point.id),
                office=point.office,
                regency=point.regency,
                deactivated_at=now,
            ),
            subject=str(point.id),
        )
    return point


async def listing(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    actor: Principal,
    regency: str | None,
    status: FocalStatus | None,
    limit: int,
) -> list[FocalPoint]:
    query = select(FocalPoint).where(FocalPoint.office == actor.office)
    if regency is not None:
        query = query.where(FocalPoint.regency == regency)
    if status is not None:
        query = query.where(FocalPoint.status == status.value)
    # Names are sealed: the database orders by regency, the names are ordered once opened.
    query = query.order_by(col(FocalPoint.regency), col(FocalPoint.id))
    rows = list((await session.execute(query.limit(limit))).scalars().all())
    names = {p.id: identity_of(cipher, p).name.casefold() for p in rows}
    return sorted(rows, key=lambda p: (p.regency, names[p.id], str(p.id)))


async def counts(*, session: AsyncSession, actor: Principal, regency: str | None) -> rules.Counts:
    query = select(FocalPoint.regency, FocalPoint.status, func.count()).where(
        FocalPoint.office == actor.office
    )
    if regency is not None:
        query = query.where(FocalPoint.regency == regency)
    rows = await session.execute(query.group_by(FocalPoint.regency, FocalPoint.status))
    pairs: list[tuple[str, FocalStatus]] = []
    for name, status, number in rows.all():
        pairs.extend([(name, FocalStatus(status))] * number)
    return rules.counts(pairs)


def audit_read(
    session: AsyncSession, office: str, points: list[FocalPoint], actor: Principal, purpose: str
) -> None:
    """Records a read of focal points' names and contacts in full (nothing if none)."""
    if points:
        session.add(
            FocalPointRead(
                office=office,
                focal_point_ids=[str(p.id) for p in points],
                actor=actor.subject,
                actor_username=actor.username,
                purpose=purpose,
            )
        )


async def members_of(session: AsyncSession, group: DiscussionGroup) -> list[FocalPoint]:
    wanted = [uuid.UUID(m) for m in group.members]
    if not wanted:
        return []
    rows = await session.execute(select(FocalPoint).where(col(FocalPoint.id).in_(wanted)))
    found = {p.id: p for p in rows.scalars().all()}
    return [found[m] for m in wanted if m in found]


async def _checked_members(
    session: AsyncSession, office: str, members: list[uuid.UUID]
) -> list[str]:
    unique = list(dict.fromkeys(members))
    rows = await session.execute(
        select(FocalPoint).where(col(FocalPoint.id).in_(unique), FocalPoint.office == office)
    )
    found = {p.id: p for p in rows.scalars().all()}
    for index, ident in enumerate(members):
        point = found.get(ident)
        if point is None:
            raise InvalidInput.field(
                f"#/body/members/{index}", f"{ident} is not a focal point.", code="not_found"
            )
        if not rules.may_join_group(scope_of(point)):
            raise InvalidInput.field(
                f"#/body/members/{index}",
                "Their consent does not cover discussion groups (scope `discussion_group`).",
                code="consent_without_discussion_group",
            )
    return [str(m) for m in unique]


async def create_group(
    *, session: AsyncSession, data: GroupCreate, actor: Principal
) -> DiscussionGroup:
    group = DiscussionGroup(
        office=actor.office,
        name=data.name,
        regency=data.regency,
        channel=data.channel.value,
        members=await _checked_members(session, actor.office, data.members),
        created_by=actor.username,
    )
    session.add(group)
    await session.flush()
    return group


async def get_group(
    *, session: AsyncSession, group_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> DiscussionGroup:
    return await get_in_office(
        session=session,
        model=DiscussionGroup,
        ident=group_id,
        actor=actor,
        label="discussion group",
        for_update=for_update,
    )


async def set_members(
    *, session: AsyncSession, group: DiscussionGroup, members: list[uuid.UUID]
) -> DiscussionGroup:
    group.members = await _checked_members(session, group.office, members)
    group.version += 1
    session.add(group)
    await session.flush()
    return group
