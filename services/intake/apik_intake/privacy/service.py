"""Finding what intake holds on one person, for the data protection officer.

The person is found through the blind indexes of NIK, phone and email, as a repeat
reporter is at registration: no identity but the matches is decrypted. Each matched
reporter's identity is read in full and that read is audited like any other
(`identity_read`, purpose naming the request).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from apik_intake.models import Attachment, IdentityRead, Notice, Report, Reporter, ReportStep
from apik_intake.privacy import rules
from apik_intake.privacy.schemas import (
    AttachmentOut,
    IdentityReadOut,
    NoticeOut,
    ReportHeld,
    StepOut,
    SubjectAccessAnswer,
    WithheldOut,
)
from apik_intake.reporters.rules import INDEXED_FIELDS, blind_index, unseal
from apik_intake.reporters.schemas import IdentityOut
from apik_intake.reporters.service import identity_read
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.processing import (
    DELIBERATION,
    OTHER_PERSON,
    Reason,
    SubjectAccessRequest,
)

T = TypeVar("T")


async def _matching_reporters(
    session: AsyncSession, index_key: bytes, office: str | None, given: dict[str, str]
) -> list[tuple[Reporter, list[str]]]:
    indexes = {
        f"{field}_index": blind_index(index_key, field, value) for field, value in given.items()
    }
    query = (
        select(Reporter)
        .where(or_(*(getattr(Reporter, name) == value for name, value in indexes.items())))
        .order_by(col(Reporter.created_at), col(Reporter.id))
    )
    if office is not None:
        query = query.where(Reporter.office == office)
    reporters = (await session.execute(query)).scalars().all()
    return [
        (r, [n.removesuffix("_index") for n, v in indexes.items() if getattr(r, n) == v])
        for r in reporters
    ]


def _withheld(what: str, why: Reason, report_id: uuid.UUID) -> WithheldOut:
    return WithheldOut.of(what, why, report_id=report_id)


async def _all(session: AsyncSession, query: SelectOfScalar[T]) -> list[T]:
    rows: list[T] = list((await session.execute(query)).scalars())
    return rows


async def subject_access(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    index_key: bytes,
    actor: Principal,
    request: SubjectAccessRequest,
) -> SubjectAccessAnswer:
    given = {f: v for f in INDEXED_FIELDS if (v := getattr(request, f))}
    office = actor.office_scope()
    found = await _matching_reporters(session, index_key, office, given) if given else []
    now = datetime.now(UTC)
    held: list[ReportHeld] = []
    withheld: list[WithheldOut] = []
    for reporter, matched_on in found:
        report = (
            await session.execute(select(Report).where(Report.reporter_id == reporter.id))
        ).scalar_one_or_none()
        # No report, or an identity the retention period already erased: nothing held.
        if report is None or not reporter.identity:
            continue
        identity = unseal(cipher, reporter.id, reporter.identity)
        # The trail before this read: the subject learns how their identity was processed.
        reads = await _all(
            session,
            select(IdentityRead)
            .where(IdentityRead.report_id == report.id)
            .order_by(col(IdentityRead.at), col(IdentityRead.id)),
        )
        purpose = f"data subject access request {request.reference}"
        session.add(identity_read(report, actor, purpose=purpose, disclosure="full", at=now))
        representative, rep_withheld = rules.representative_shown(identity.representative)
        steps = await _all(
            session,
            select(ReportStep)
            .where(ReportStep.report_id == report.id)
            .order_by(col(ReportStep.at), col(ReportStep.id)),
        )
        attachments = await _all(
            session,
            select(Attachment)
            .where(Attachment.report_id == report.id)
            .order_by(col(Attachment.uploaded_at)),
        )
        notices = await _all(
            session,
            select(Notice).where(Notice.report_id == report.id).order_by(col(Notice.sent_at)),
        )
        shown = identity.model_copy(update={"representative": representative})
        held.append(
            ReportHeld.model_validate(
                {
                    **report.model_dump(),
                    "report_id": report.id,
                    "matched_on": matched_on,
                    "differs_on": rules.differences(
                        identity,
                        nik=request.nik,
                        phone=request.phone,
                        email=request.email,
                        name=request.name,
                    ),
                    "identity": IdentityOut.model_validate(shown.model_dump()),
                    "attachments": [
                        AttachmentOut.model_validate(a.model_dump()) for a in attachments
                    ],
                    "notices": [NoticeOut.model_validate(n.model_dump()) for n in notices],
                    "timeline": [StepOut.model_validate(s.model_dump()) for s in steps],
                    "identity_reads": [
                        IdentityReadOut(
                            at=r.at, purpose=r.purpose, roles=r.actor_roles, disclosure=r.disclosure
                        )
                        for r in reads
                    ],
                }
            )
        )
        if rep_withheld:
            withheld.append(
                _withheld(
                    "identity.representative: NIK, contacts, address", OTHER_PERSON, report.id
                )
            )
        if reads:
            withheld.append(_withheld("identity_reads: who read", OTHER_PERSON, report.id))
        if steps:
            withheld.append(_withheld("timeline: who acted, and notes", DELIBERATION, report.id))
        if report.case_id:
            withheld.append(_withheld(f"case {report.case_id}", rules.CASE_FILE, report.id))
    await session.flush()
    return SubjectAccessAnswer(
        reference=request.reference,
        generated_at=now,
        offices="own" if office is not None else "all",
        searched_by=sorted(given),
        not_searched={"name": rules.NOT_SEARCHED["name"]} if request.name else {},
        reports=held,
        withheld=withheld,
    )
