"""The community as the routes answer it.

Members' names, phones and emails are shown in full to the prevention unit (each such
read audited), masked to every other reader (the head, the analysts), who need the
community's shape and counts, not the people."""

from __future__ import annotations

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_prevention.community import rules, service
from apik_prevention.community.rules import ConsentScope, MemberStatus, Segment, Source
from apik_prevention.community.schemas import (
    ConsentPublic,
    GroupPublic,
    MemberPublic,
    MemberSummary,
    TrainingPublic,
)
from apik_prevention.models import CommunityGroup, CommunityMember
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.etag import etag_for
from apik_shared.vocabulary.masking import mask_digits, mask_email, mask_text


def in_full(reader: Principal) -> bool:
    return Role.prevention_officer in reader.roles


async def groups(session: AsyncSession, rows: list[CommunityGroup]) -> list[GroupPublic]:
    counts = await service.active_members(session, [g.id for g in rows])
    return [
        GroupPublic(
            id=g.id,
            office=g.office,
            name=g.name,
            regency=g.regency,
            segment=Segment(g.segment),
            active_members=counts.get(g.id, 0),
            created_by=g.created_by,
            created_at=g.created_at,
            version=g.version,
        )
        for g in rows
    ]


def _summary(
    cipher: FieldCipher, member: CommunityMember, reader: Principal
) -> tuple[MemberSummary, service.Identity | None]:
    identity = service.identity_of(cipher, member)
    name = None
    if identity is not None:
        name = identity.name if in_full(reader) else mask_text(identity.name)
    summary = MemberSummary(
        id=member.id,
        group_id=member.group_id,
        name=name,
        status=MemberStatus(member.status),
        source=Source(member.source),
        inducted_on=member.inducted_on,
        left_on=member.left_on,
        version=member.version,
        masked=not in_full(reader),
        allowed_steps=rules.allowed_steps(
            member.status,
            officer=in_full(reader),
            known=member.identity is not None,
            inducted_on=member.inducted_on,
        ),
    )
    return summary, identity


def listing(
    session: AsyncSession, cipher: FieldCipher, rows: list[CommunityMember], reader: Principal
) -> list[MemberSummary]:
    if in_full(reader) and rows:
        service.audit_read(session, rows[0].office, rows, reader, "community-members")
    return [_summary(cipher, m, reader)[0] for m in rows]


async def one(
    session: AsyncSession, cipher: FieldCipher, member: CommunityMember, reader: Principal
) -> MemberPublic:
    full = in_full(reader)
    if full:
        service.audit_read(session, member.office, [member], reader, "community-member")
    summary, identity = _summary(cipher, member, reader)
    phone = identity.phone if identity else None
    email = identity.email if identity else None
    trainings = await service.trainings_of(session, member.id)
    return MemberPublic(
        **summary.model_dump(),
        office=member.office,
        phone=phone if full else mask_digits(phone, 6, 2),
        email=email if full else mask_email(email),
        consent=(
            ConsentPublic(
                given_on=member.consent_on,
                scope=[ConsentScope(s) for s in member.consent_scope],
            )
            if member.consent_on is not None
            else None
        ),
        alumnus_ref=member.alumnus_ref,
        trainings=[TrainingPublic.model_validate(t, from_attributes=True) for t in trainings],
        created_by=member.created_by,
        created_at=member.created_at,
    )


async def answer(
    session: AsyncSession, cipher: FieldCipher, member: CommunityMember, reader: Principal
) -> JSONResponse:
    body = await one(session, cipher, member, reader)
    return JSONResponse(jsonable_encoder(body), headers={"ETag": etag_for(member.version)})
