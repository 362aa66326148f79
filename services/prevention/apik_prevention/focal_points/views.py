"""Focal points and discussion groups as the routes answer them.

Names, phones and emails are shown in full to the prevention unit (each such read
audited), masked to every other reader (the head, the analysts), who need the network's
shape and counts, not the people."""

from __future__ import annotations

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_prevention.focal_points import service
from apik_prevention.focal_points.rules import Channel, ConsentScope, Counts, FocalStatus
from apik_prevention.focal_points.schemas import (
    ChangePublic,
    ConsentPublic,
    FocalPointCounts,
    FocalPointPublic,
    FocalPointSummary,
    GroupPublic,
    MemberPublic,
    RegencyCountPublic,
)
from apik_prevention.models import DiscussionGroup, FocalPoint
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.etag import etag_for
from apik_shared.vocabulary.masking import mask_digits, mask_email, mask_text


def in_full(reader: Principal) -> bool:
    return Role.prevention_officer in reader.roles


def _name(cipher: FieldCipher, point: FocalPoint, reader: Principal) -> str:
    name = service.identity_of(cipher, point).name
    return name if in_full(reader) else mask_text(name) or ""


async def one(
    session: AsyncSession, cipher: FieldCipher, point: FocalPoint, reader: Principal
) -> FocalPointPublic:
    full = in_full(reader)
    identity = service.identity_of(cipher, point)
    if full:
        service.audit_read(session, point.office, [point], reader, "focal-point")
    changes = await service.history(session, point.id)
    consent = (
        ConsentPublic(
            given_on=point.consent_on, scope=[ConsentScope(s) for s in point.consent_scope]
        )
        if point.consent_on is not None
        else None
    )
    return FocalPointPublic(
        id=point.id,
        office=point.office,
        name=identity.name if full else mask_text(identity.name) or "",
        role=point.role,
        agency=point.agency,
        regency=point.regency,
        phone=identity.phone if full else mask_digits(identity.phone, 6, 2),
        email=identity.email if full else mask_email(identity.email),
        valid_from=point.valid_from,
        valid_until=point.valid_until,
        consent=consent,
        status=FocalStatus(point.status),
        history=[
            ChangePublic(
                from_status=FocalStatus(c.from_status) if c.from_status else None,
                to_status=FocalStatus(c.to_status),
                note=c.note,
                changed_by=c.changed_by,
                changed_at=c.changed_at,
            )
            for c in changes
        ],
        created_by=point.created_by,
        created_at=point.created_at,
        version=point.version,
        masked=not full,
    )


async def answer(
    session: AsyncSession, cipher: FieldCipher, point: FocalPoint, reader: Principal
) -> JSONResponse:
    body = await one(session, cipher, point, reader)
    return JSONResponse(jsonable_encoder(body), headers={"ETag": etag_for(point.version)})


def listing(
    session: AsyncSession, cipher: FieldCipher, rows: list[FocalPoint], reader: Principal
) -> list[FocalPointSummary]:
    if in_full(reader) and rows:
        service.audit_read(session, rows[0].office, rows, reader, "focal-points")
    return [
        FocalPointSummary(
            id=p.id,
            name=_name(cipher, p, reader),
            role=p.role,
            agency=p.agency,
            regency=p.regency,
            status=FocalStatus(p.status),
            valid_until=p.valid_until,
            version=p.version,
            masked=not in_full(reader),
        )
        for p in rows
    ]


def counts(office: str, figures: Counts) -> FocalPointCounts:
    return FocalPointCounts(
        office=office,
        active=figures.active,
        regencies=figures.regencies,
        by_regency=[
            RegencyCountPublic(
                regency=r.regency, active=r.active, invited=r.invited, inactive=r.inactive
            )
            for r in figures.by_regency
        ],
    )


async def group(
    session: AsyncSession, cipher: FieldCipher, row: DiscussionGroup, reader: Principal
) -> GroupPublic:
    members = await service.members_of(session, row)
    if in_full(reader):
        service.audit_read(session, row.office, members, reader, "discussion-group")
    return GroupPublic(
        id=row.id,
        office=row.office,
        name=row.name,
        regency=row.regency,
        channel=Channel(row.channel),
        members=[
            MemberPublic(
                focal_point_id=m.id,
                name=_name(cipher, m, reader),
                agency=m.agency,
                regency=m.regency,
                status=FocalStatus(m.status),
            )
            for m in members
        ],
        created_by=row.created_by,
        created_at=row.created_at,
        version=row.version,
    )


async def group_answer(
    session: AsyncSession, cipher: FieldCipher, row: DiscussionGroup, reader: Principal
) -> JSONResponse:
    body = await group(session, cipher, row, reader)
    return JSONResponse(jsonable_encoder(body), headers={"ETag": etag_for(row.version)})
