"""Data-subject requests of community members: received by the prevention unit, due
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
from apik_prevention.models import CommunityMember, SubjectRequest
from apik_prevention.subject_requests import rules
from apik_prevention.subject_requests.rules import RequestKind, RequestStatus, Subject
from apik_prevention.subject_requests.schemas import (
    Correction,
    MemberExport,
    RequestAnswer,
    RequestCreate,
    TrainingExport,
)
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads.prevention import CommunityMemberStatusChanged
from apik_shared.platform.events.publish import publish
from apik_shared.platform.problems import InvalidInput, TransitionNotAllowed


class MemberErased(TransitionNotAllowed):
    slug, title = "community-member-erased", "The member's identity was erased"


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
    member: CommunityMember,
    data: RequestCreate,
    actor: Principal,
) -> SubjectRequest:
    if member.erased_at is not None and data.kind is not RequestKind.access:
        raise MemberErased("The member's identity was erased: nothing is left to change.")
    now = datetime.now(UTC)
    request_id = uuid.uuid4()
    request = SubjectRequest(
        id=request_id,
        office=member.office,
        subject=Subject.community_member.value,
        subject_id=member.id,
        kind=data.kind.value,
        detail=_sealed(cipher, request_id, "detail", data.detail),
        status=RequestStatus.received.value,
        received_by=actor.username,
        received_at=now,
        due_at=rules.due(now),
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


def _correct(cipher: FieldCipher, member: CommunityMember, correction: Correction) -> None:
    has_contact = correction.phone is not None or correction.email is not None
    scope = {ConsentScope(s) for s in member.consent_scope}
    if has_contact and (member.consent_on is None or ConsentScope.contact not in scope):
        pointer = "#/body/correction/phone" if correction.phone else "#/body/correction/email"
        raise InvalidInput.field(
            pointer, "The member's consent does not cover contact details (scope `contact`)."
        )
    identity = community.Identity(
        name=correction.name, phone=correction.phone, email=correction.email
    )
    member.identity = community.seal(cipher, member.id, identity)
    member.has_contact = has_contact


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
) -> tuple[SubjectRequest, MemberExport | None]:
    """Answers (or refuses) a received request once, applying what it asked in the same
    transaction; the member's row is locked while it changes."""
    if request.status != RequestStatus.received.value:
        raise TransitionNotAllowed(f"The request is {request.status}: it is answered once.")
    kind = RequestKind(request.kind)
    member = await session.get(CommunityMember, request.subject_id, with_for_update=True)
    if member is None:  # never deleted; a guard, not a path
        raise TransitionNotAllowed("The member is no longer kept.")
    now = datetime.now(UTC)
    given: MemberExport | None = None
    if data.status is RequestStatus.answered:
        if kind is RequestKind.correction:
            if data.correction is None:
                raise InvalidInput.field(
                    "#/body/correction", "Answering a correction needs the corrected identity."
                )
            if member.erased_at is not None:
                raise MemberErased("The member's identity was erased: nothing to correct.")
            _correct(cipher, member, data.correction)
            member.version += 1
        elif kind is RequestKind.erasure and member.erased_at is None:
            await _erase(session, member, actor, now)
            member.version += 1
        elif kind is RequestKind.access:
            given = await export(session, cipher, member, actor)
        session.add(member)
    request.status = data.status.value
    request.answer = _sealed(cipher, request.id, "answer", data.answer)
    request.answered_by = actor.username
    request.answered_at = now
    request.version += 1
    session.add(request)
    await session.flush()
    return request, given
