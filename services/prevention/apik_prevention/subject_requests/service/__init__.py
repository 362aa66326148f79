"""Data-subject requests of community members and focal points: received by the prevention unit, due
3 x 24 hours later, answered (or refused, with the reason) once. Answering an access
request gives the member everything kept of them (an audited full read); a correction
reseals their identity; an erasure drops the identity, contact and consent and keeps the
row and its trainings, so the community's counts do not change behind the office."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.community import service as community
from apik_prevention.community.rules import ConsentScope, MemberStatus
from apik_prevention.focal_points import service as focal_points
from apik_prevention.focal_points.rules import ConsentScope as PointScope
from apik_prevention.focal_points.rules import FocalStatus
from apik_prevention.models import (
    CommunityMember,
    DiscussionGroup,
    FocalPoint,
    FocalPointChange,
    SubjectRequest,
)
from apik_prevention.refusals import PreventionStepRefused
from apik_prevention.subject_requests import rules
from apik_prevention.subject_requests.rules import RequestKind, RequestStatus, Subject
from apik_prevention.subject_requests.schemas import (
    Correction,
    FocalPointExport,
    MemberExport,
    RequestAnswer,
    RequestCreate,
    TrainingExport,
)
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads.prevention import (
    CommunityMemberStatusChanged,
    FocalPointDeactivated,
)
from apik_shared.platform.events.publish import publish
from apik_shared.platform.problems import InvalidInput, NotFound, TransitionNotAllowed
from apik_shared.vocabulary.labels import named


class MemberErased(TransitionNotAllowed):
    slug, title = "subject-erased", "The person's identity was erased"


# The person a request is about: a community member or a focal point. Both keep their
# identity sealed, a consent with a `contact` scope, and an `erased_at`; what differs
# (their keyring context, what an access request returns, what an erasure also undoes)
# is chosen below by their type.
Person = CommunityMember | FocalPoint


def text_context(request_id: uuid.UUID, field: str) -> str:
    return f"subject-request:{request_id}:{field}"


def _sealed(cipher: FieldCipher, request_id: uuid.UUID, field: str, text: str | None) -> str | None:
    if text is None:
        return None
    return cipher.encrypt(text.encode(), context=text_context(request_id, field))


def opened(cipher: FieldCipher, request: SubjectRequest, field: str) -> str | None:
    sealed: str | None = getattr(request, field)
    if sealed is None:
        return None
    return cipher.decrypt(sealed, context=text_context(request.id, field)).decode()


async def receive(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    member: Person,
    data: RequestCreate,
    actor: Principal,
    deadline_hours: int = rules.LEGAL_DEADLINE_HOURS,
) -> SubjectRequest:
    """A request about `member` (a community member or a focal point), due
    `deadline_hours` after receipt (`APIK_SUBJECT_REQUEST_DEADLINE_HOURS`)."""
    if member.erased_at is not None and data.kind is not RequestKind.access:
        raise MemberErased("Their identity was erased: nothing is left to change.")
    subject = Subject.focal_point if isinstance(member, FocalPoint) else Subject.community_member
    now = datetime.now(UTC)
    request_id = uuid.uuid4()
    request = SubjectRequest(
        id=request_id,
        office=member.office,
        subject=subject.value,
        subject_id=member.id,
        kind=data.kind.value,
        detail=_sealed(cipher, request_id, "detail", data.detail),
        status=RequestStatus.received.value,
        received_by=actor.username,
        received_at=now,
        due_at=rules.due(now, deadline_hours),
    )
    session.add(request)
    await session.flush()
    return request


async def get(
    *, session: AsyncSession, request_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> SubjectRequest:
    return await get_in_office(
        session=session,
        model=SubjectRequest,
        ident=request_id,
        actor=actor,
        label="subject request",
        for_update=for_update,
    )


async def listing(
    *, session: AsyncSession, actor: Principal, open_only: bool, overdue: bool
) -> Sequence[SubjectRequest]:
    query = select(SubjectRequest).where(SubjectRequest.office == actor.office)
    if open_only or overdue:
        query = query.where(SubjectRequest.status == RequestStatus.received.value)
    if overdue:
        query = query.where(col(SubjectRequest.due_at) <= datetime.now(UTC))
    query = query.order_by(col(SubjectRequest.due_at), col(SubjectRequest.id))
    return (await session.execute(query.limit(500))).scalars().all()


async def erased_among(*, session: AsyncSession, rows: Sequence[SubjectRequest]) -> set[uuid.UUID]:
    """Which of the requests' subjects had their identity erased (`rules.allowed_steps`
    offers no answer to a correction of them)."""
    members = {r.subject_id for r in rows if r.subject == Subject.community_member.value}
    points = {r.subject_id for r in rows if r.subject == Subject.focal_point.value}
    erased: set[uuid.UUID] = set()
    for model, ids in ((CommunityMember, members), (FocalPoint, points)):
        if ids:
            found = await session.execute(
                select(model.id).where(col(model.id).in_(ids), col(model.erased_at).is_not(None))
            )
            erased |= set(found.scalars())
    return erased


async def export(
    session: AsyncSession, cipher: FieldCipher, member: CommunityMember, actor: Principal
) -> MemberExport:
    """Everything kept of the member, opened in full for their access request (audited)."""
    identity = community.identity_of(cipher, member)
    community.audit_read(session, member.office, [member], actor, "access-request")
    trainings = await community.trainings_of(session, member.id)
    return MemberExport(
        id=member.id,
        office=member.office,
        name=identity.name if identity else None,
        phone=identity.phone if identity else None,
        email=identity.email if identity else None,
        consent_on=member.consent_on,
        consent_scope=list(member.consent_scope),
        group_id=member.group_id,
        status=member.status,
        source=member.source,
        inducted_on=member.inducted_on,
        trainings=[TrainingExport.model_validate(t, from_attributes=True) for t in trainings],
        created_at=member.created_at,
        erased_at=member.erased_at,
    )


def _called(person: Person) -> str:
    return "focal point" if isinstance(person, FocalPoint) else "member"


def _correct(cipher: FieldCipher, person: Person, correction: Correction) -> None:
    has_contact = correction.phone is not None or correction.email is not None
    contact = PointScope.contact if isinstance(person, FocalPoint) else ConsentScope.contact
    if has_contact and (person.consent_on is None or contact not in person.consent_scope):
        pointer = "#/body/correction/phone" if correction.phone else "#/body/correction/email"
        raise InvalidInput.field(
            pointer,
            f"The {_called(person)}'s consent does not cover contact details (scope `contact`).",
            code="consent_without_contact",
        )
    name, phone, email = correction.name, correction.phone, correction.email
    if isinstance(person, FocalPoint):
        identity = focal_points.Identity(name=name, phone=phone, email=email)
        person.identity = focal_points.seal(cipher, person.id, identity)
    else:
        kept = community.Identity(name=name, phone=phone, email=email)
        person.identity = community.seal(cipher, person.id, kept)
    person.has_contact = has_contact


async def _erase(
    session: AsyncSession, member: CommunityMember, actor: Principal, now: datetime
) -> None:
    was_active = member.status == MemberStatus.active.value
    member.identity = None
    member.has_contact = False
    member.consent_on = None
    member.consent_scope = []
    member.join_code_hash = None
    member.erased_at = now
    # Without a name or consent nobody can be a member: an active one leaves the group.
    if member.status != MemberStatus.candidate.value:
        member.status = MemberStatus.inactive.value
    if was_active:
        member.left_on = await community.today_of(session, member.office)
        await publish(
            session,
            CommunityMemberStatusChanged(
                member_id=str(member.id),
                office=member.office,
                status=member.status,
                changed_at=now,
                changed_by=actor.username,
            ),
            subject=str(member.id),
        )


async def answer(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    request: SubjectRequest,
    data: RequestAnswer,
    actor: Principal,
) -> tuple[SubjectRequest, MemberExport | FocalPointExport | None]:
    """Answers (or refuses) a received request once, applying what it asked in the same
    transaction; the person's row is locked while it changes."""
    if request.status != RequestStatus.received.value:
        raise PreventionStepRefused.status_is(
            f"The request is {request.status}: it is answered once.",
            "request_answered",
            named(rules.STATUSES, request.status),
        )
    kind = RequestKind(request.kind)
    answering_a_correction = (
        data.status is RequestStatus.answered and kind is RequestKind.correction
    )
    if answering_a_correction and data.correction is None:
        raise InvalidInput.field(
            "#/body/correction",
            "Answering a correction needs the corrected identity.",
            code="missing",
        )
    now = datetime.now(UTC)
    given: MemberExport | FocalPointExport | None = None
    if data.status is RequestStatus.answered:
        given = await _apply(session, cipher, request, kind, data, actor, now)
    request.status = data.status.value
    request.answer = _sealed(cipher, request.id, "answer", data.answer)
    request.answered_by = actor.username
    request.answered_at = now
    request.version += 1
    session.add(request)
    await session.flush()
    return request, given


async def _locked(session: AsyncSession, request: SubjectRequest) -> Person:
    person: Person | None
    if request.subject == Subject.focal_point.value:
        person, called = (
            await session.get(FocalPoint, request.subject_id, with_for_update=True),
            "focal point",
        )
    else:
        person, called = (
            await session.get(CommunityMember, request.subject_id, with_for_update=True),
            "member",
        )
    if person is None:  # never deleted; a guard, not a path
        raise NotFound(f"The {called} is no longer kept.")
    return person


async def _apply(
    session: AsyncSession,
    cipher: FieldCipher,
    request: SubjectRequest,
    kind: RequestKind,
    data: RequestAnswer,
    actor: Principal,
    now: datetime,
) -> MemberExport | FocalPointExport | None:
    """Does what an answered request asked to the person it is about (locked)."""
    person = await _locked(session, request)
    if kind is RequestKind.access:
        if isinstance(person, FocalPoint):
            return await _export_point(session, cipher, person, actor)
        return await export(session, cipher, person, actor)
    if kind is RequestKind.correction and data.correction is not None:
        if person.erased_at is not None:
            raise MemberErased(f"The {_called(person)}'s identity was erased: nothing to correct.")
        _correct(cipher, person, data.correction)
    elif kind is RequestKind.erasure and person.erased_at is None:
        if isinstance(person, FocalPoint):
            await _erase_point(session, person, actor, now)
        else:
            await _erase(session, person, actor, now)
    person.version += 1
    session.add(person)
    return None


async def _groups_of(session: AsyncSession, point: FocalPoint) -> list[DiscussionGroup]:
    rows = await session.execute(
        select(DiscussionGroup)
        .where(DiscussionGroup.office == point.office)
        .order_by(col(DiscussionGroup.name))
        .with_for_update()
    )
    return [g for g in rows.scalars().all() if str(point.id) in g.members]


async def _erase_point(
    session: AsyncSession, point: FocalPoint, actor: Principal, now: datetime
) -> None:
    """Drops who they are, their contact and consent, and takes them out of every
    discussion group; the row and its history stay for the KPI's counts."""
    for group in await _groups_of(session, point):
        group.members = [m for m in group.members if m != str(point.id)]
        group.version += 1
        session.add(group)
    point.identity = None
    point.has_contact = False
    point.consent_on = None
    point.consent_scope = []
    point.erased_at = now
    current = FocalStatus(point.status)
    if current is not FocalStatus.inactive:
        point.status = FocalStatus.inactive.value
        session.add(
            FocalPointChange(
                focal_point_id=point.id,
                office=point.office,
                from_status=current.value,
                to_status=FocalStatus.inactive.value,
                note="Dihapus atas permintaan subjek data (UU 27/2022).",
                changed_by=actor.username,
                changed_at=now,
            )
        )
    if current is FocalStatus.active:
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


async def _export_point(
    session: AsyncSession, cipher: FieldCipher, point: FocalPoint, actor: Principal
) -> FocalPointExport:
    """Everything kept of the focal point, opened in full for their access request
    (audited)."""
    identity = focal_points.identity_of(cipher, point) if point.identity else None
    focal_points.audit_read(session, point.office, [point], actor, "access-request")
    return FocalPointExport(
        id=point.id,
        office=point.office,
        name=identity.name if identity else None,
        phone=identity.phone if identity else None,
        email=identity.email if identity else None,
        role=point.role,
        agency=point.agency,
        regency=point.regency,
        valid_from=point.valid_from,
        valid_until=point.valid_until,
        consent_on=point.consent_on,
        consent_scope=list(point.consent_scope),
        status=point.status,
        discussion_groups=[g.name for g in await _groups_of(session, point)],
        created_at=point.created_at,
        erased_at=point.erased_at,
    )
