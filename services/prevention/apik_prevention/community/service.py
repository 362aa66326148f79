"""The community: groups of the office, members recorded by the prevention unit or
joining from the internship's alumni (completed by the alumnus with their join code),
induction and status moves, training records, and the audit of full reads."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.community import rules
from apik_prevention.community.rules import MemberStatus, Source
from apik_prevention.community.schemas import (
    AlumnusCompletion,
    Consent,
    GroupCreate,
    MemberCreate,
    StatusChange,
    TrainingCreate,
)
from apik_prevention.models import (
    CommunityGroup,
    CommunityMember,
    CommunityMemberRead,
    CommunityTraining,
)
from apik_prevention.refusals import PreventionStepRefused
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads.internship import AlumnusJoinedCommunity
from apik_shared.platform.events.payloads.prevention import CommunityMemberStatusChanged
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import InvalidInput, NotFound, TransitionNotAllowed
from apik_shared.vocabulary.labels import named

SELF = "alumnus"  # who recorded a member's identity when the alumnus completed it


@dataclass(frozen=True)
class Identity:
    """What of a member is sealed at rest: who they are and how to reach them."""

    name: str
    phone: str | None = None
    email: str | None = None


def identity_context(member_id: uuid.UUID) -> str:
    return f"community-member:{member_id}:identity"


def seal(cipher: FieldCipher, member_id: uuid.UUID, identity: Identity) -> str:
    return cipher.encrypt(
        json.dumps(asdict(identity)).encode(), context=identity_context(member_id)
    )


def identity_of(cipher: FieldCipher, member: CommunityMember) -> Identity | None:
    if member.identity is None:
        return None
    opened = json.loads(cipher.decrypt(member.identity, context=identity_context(member.id)))
    return Identity(**opened)


async def today_of(session: AsyncSession, office: str) -> date:
    calendar = await office_calendar(session, office)
    return calendar.local_date(datetime.now(UTC))


# --- Groups ------------------------------------------------------------------------------


async def create_group(
    *, session: AsyncSession, data: GroupCreate, actor: Principal
) -> CommunityGroup:
    group = CommunityGroup(
        office=actor.office,
        name=data.name,
        regency=data.regency,
        segment=data.segment.value,
        created_by=actor.username,
    )
    session.add(group)
    await session.flush()
    return group


async def get_group(
    *, session: AsyncSession, group_id: uuid.UUID, actor: Principal
) -> CommunityGroup:
    return await get_in_office(
        session=session, model=CommunityGroup, ident=group_id, actor=actor, label="group"
    )


async def list_groups(*, session: AsyncSession, actor: Principal) -> list[CommunityGroup]:
    query = select(CommunityGroup).order_by(
        col(CommunityGroup.regency), col(CommunityGroup.name), col(CommunityGroup.id)
    )
    if (office := actor.office_scope()) is not None:
        query = query.where(CommunityGroup.office == office)
    return list((await session.execute(query)).scalars().all())


async def active_members(session: AsyncSession, group_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    if not group_ids:
        return {}
    rows = await session.execute(
        select(CommunityMember.group_id, func.count())
        .where(
            col(CommunityMember.group_id).in_(group_ids),
            CommunityMember.status == MemberStatus.active.value,
        )
        .group_by(col(CommunityMember.group_id))
    )
    return {group_id: number for group_id, number in rows.all() if group_id is not None}


async def _group_in_office(
    session: AsyncSession, office: str, group_id: uuid.UUID, pointer: str
) -> CommunityGroup:
    group = await session.get(CommunityGroup, group_id)
    if group is None or group.office != office:
        raise InvalidInput.field(
            pointer, f"{group_id} is not a community group of {office}.", code="not_found"
        )
    return group


# --- Members -----------------------------------------------------------------------------


def _checked_consent(consent: Consent, *, has_contact: bool, today: date) -> None:
    problem = rules.consent_problem(
        has_contact=has_contact,
        consent_on=consent.given_on,
        scope=set(consent.scope),
        today=today,
    )
    if problem is not None:
        future = consent.given_on > today
        raise InvalidInput.field(
            "#/body/consent/given_on" if future else "#/body/consent/scope",
            problem,
            code="in_the_future" if future else "consent_without_contact",
        )


async def create_member(
    *, session: AsyncSession, cipher: FieldCipher, data: MemberCreate, actor: Principal
) -> CommunityMember:
    today = await today_of(session, actor.office)
    await _group_in_office(session, actor.office, data.group_id, "#/body/group_id")
    has_contact = data.phone is not None or data.email is not None
    _checked_consent(data.consent, has_contact=has_contact, today=today)
    if data.inducted_on is not None and data.inducted_on > today:
        raise InvalidInput.field(
            "#/body/inducted_on", "The induction's date is in the future.", code="in_the_future"
        )
    member_id = uuid.uuid4()
    identity = Identity(name=data.name, phone=data.phone, email=data.email)
    member = CommunityMember(
        id=member_id,
        office=actor.office,
        group_id=data.group_id,
        identity=seal(cipher, member_id, identity),
        has_contact=has_contact,
        consent_on=data.consent.given_on,
        consent_scope=sorted({s.value for s in data.consent.scope}),
        inducted_on=data.inducted_on,
        status=(MemberStatus.active if data.inducted_on else MemberStatus.candidate).value,
        source=Source.office.value,
        created_by=actor.username,
    )
    session.add(member)
    await session.flush()
    if member.status == MemberStatus.active.value:
        await _announce(session, member, actor)
    return member


async def _announce(session: AsyncSession, member: CommunityMember, actor: Principal) -> None:
    await publish(
        session,
        CommunityMemberStatusChanged(
            member_id=str(member.id),
            office=member.office,
            status=member.status,
            changed_at=datetime.now(UTC),
            changed_by=actor.username,
        ),
        subject=str(member.id),
    )


async def get_member(
    *, session: AsyncSession, member_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> CommunityMember:
    return await get_in_office(
        session=session,
        model=CommunityMember,
        ident=member_id,
        actor=actor,
        label="community member",
        for_update=for_update,
    )


async def list_members(
    *,
    session: AsyncSession,
    actor: Principal,
    group_id: uuid.UUID | None,
    status: MemberStatus | None,
    limit: int,
) -> list[CommunityMember]:
    query = select(CommunityMember).where(CommunityMember.office == actor.office)
    if group_id is not None:
        query = query.where(CommunityMember.group_id == group_id)
    if status is not None:
        query = query.where(CommunityMember.status == status.value)
    query = query.order_by(col(CommunityMember.created_at), col(CommunityMember.id))
    return list((await session.execute(query.limit(limit))).scalars().all())


async def change_status(
    *, session: AsyncSession, member: CommunityMember, data: StatusChange, actor: Principal
) -> CommunityMember:
    today = await today_of(session, member.office)
    inducted_on = member.inducted_on or data.inducted_on
    problem = rules.move_problem(
        current=MemberStatus(member.status),
        target=data.status,
        known=member.identity is not None,
        inducted_on=inducted_on,
        today=today,
    )
    if problem is not None:
        if not rules.can_move(MemberStatus(member.status), data.status):
            raise TransitionNotAllowed.move_refused(
                problem,
                status=named(rules.MEMBER_STATUSES, member.status),
                target=named(rules.MEMBER_STATUSES, data.status.value),
            )
        # `move_problem`'s reasons, in its order: the record, then the induction's day.
        if member.identity is None:
            raise InvalidInput.field("#/body/status", problem, code="record_incomplete")
        raise InvalidInput.field(
            "#/body/inducted_on",
            problem,
            code="missing" if inducted_on is None else "in_the_future",
        )
    if data.group_id is not None:
        await _group_in_office(session, member.office, data.group_id, "#/body/group_id")
        member.group_id = data.group_id
    if data.status is MemberStatus.active and member.group_id is None:
        raise InvalidInput.field(
            "#/body/group_id", "Place the member in a group first.", code="group_required"
        )
    if data.status is MemberStatus.inactive and member.status == MemberStatus.active.value:
        member.left_on = today
    elif data.status is MemberStatus.active:
        member.left_on = None
    member.status = data.status.value
    member.inducted_on = inducted_on
    member.version += 1
    session.add(member)
    await session.flush()
    await _announce(session, member, actor)
    return member


async def add_training(
    *, session: AsyncSession, member: CommunityMember, data: TrainingCreate, actor: Principal
) -> CommunityTraining:
    if not rules.can_train(member.inducted_on):
        raise PreventionStepRefused(
            "Training is recorded once the member is inducted.", code="member_not_inducted"
        )
    if data.held_on > await today_of(session, member.office):
        raise InvalidInput.field(
            "#/body/held_on", "The training is in the future.", code="in_the_future"
        )
    training = CommunityTraining(
        office=member.office,
        member_id=member.id,
        title=data.title,
        held_on=data.held_on,
        hours=data.hours,
        organiser=data.organiser,
        recorded_by=actor.username,
    )
    session.add(training)
    await session.flush()
    return training


async def trainings_of(session: AsyncSession, member_id: uuid.UUID) -> list[CommunityTraining]:
    rows = await session.execute(
        select(CommunityTraining)
        .where(CommunityTraining.member_id == member_id)
        .order_by(col(CommunityTraining.held_on), col(CommunityTraining.id))
    )
    return list(rows.scalars().all())


def audit_read(
    session: AsyncSession,
    office: str,
    members: Sequence[CommunityMember],
    actor: Principal,
    purpose: str,
) -> None:
    """Records a read of members' names and contacts in full (nothing if none)."""
    if members:
        session.add(
            CommunityMemberRead(
                office=office,
                member_ids=[str(m.id) for m in members],
                actor=actor.subject,
                actor_username=actor.username,
                purpose=purpose,
            )
        )


# --- Alumni joining ----------------------------------------------------------------------


async def record_alumni_joins(
    session: AsyncSession, events: Sequence[AlumnusJoinedCommunity]
) -> None:
    """A candidate per alumnus who asked to join, once: a redelivered event, or a second
    request of the same alumnus, changes nothing (the alumnus's reference is unique)."""
    for event in events:
        await session.execute(
            insert(CommunityMember)
            .values(
                id=uuid.uuid4(),
                office=event.office,
                has_contact=False,
                consent_scope=[],
                status=MemberStatus.candidate.value,
                source=Source.alumni.value,
                alumnus_ref=event.alumnus_id,
                join_code_hash=event.join_code_sha256,
                created_by=SELF,
                created_at=event.joined_at,
                version=1,
            )
            .on_conflict_do_nothing()
        )


async def complete_by_code(
    *, session: AsyncSession, cipher: FieldCipher, data: AlumnusCompletion
) -> CommunityMember:
    """The alumnus's own record, once, by their join code (spent atomically: of two
    completions sent with one code, one wins)."""
    member_id = await session.scalar(
        update(CommunityMember)
        .where(
            col(CommunityMember.join_code_hash) == rules.join_code_hash(data.code),
            col(CommunityMember.status) == MemberStatus.candidate.value,
        )
        .values(join_code_hash=None)
        .returning(col(CommunityMember.id))
    )
    member = await session.get(CommunityMember, member_id) if member_id else None
    if member is None:
        # Nothing tells a wrong code from a spent one, or one not yet arrived.
        raise NotFound("This code opens no request to join: it may be used or not yet ready.")
    today = await today_of(session, member.office)
    has_contact = data.phone is not None or data.email is not None
    _checked_consent(data.consent, has_contact=has_contact, today=today)
    identity = Identity(name=data.name, phone=data.phone, email=data.email)
    member.identity = seal(cipher, member.id, identity)
    member.has_contact = has_contact
    member.consent_on = data.consent.given_on
    member.consent_scope = sorted({s.value for s in data.consent.scope})
    member.version += 1
    session.add(member)
    await session.flush()
    return member
