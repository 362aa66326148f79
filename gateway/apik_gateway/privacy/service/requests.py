"""Data subjects' requests: recorded with their 72-hour deadline, opened (audited),
answered or refused.

The requester's identity, what they asked and the answer are sealed with the gateway's
keyring, each bound to its row and field (AES-GCM associated data), so a value copied
into another row or column does not open.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_gateway.models import DataSubjectRequest, DataSubjectRequestRead, utcnow
from apik_gateway.privacy import rules
from apik_gateway.privacy.schemas import RequestCreate, Requester, RequestUpdate
from apik_gateway.privacy.service.scope import recorded_office
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.pagination import newest_first_page
from apik_shared.platform.problems import InvalidInput, NotFound, TransitionNotAllowed
from apik_shared.vocabulary.labels import named


def _seal(cipher: FieldCipher, request_id: uuid.UUID, field: str, text: str) -> str:
    return cipher.encrypt(text.encode(), context=f"data-subject-request:{request_id}:{field}")


def _unseal(cipher: FieldCipher, request_id: uuid.UUID, field: str, sealed: str) -> str:
    context = f"data-subject-request:{request_id}:{field}"
    return cipher.decrypt(sealed, context=context).decode()


async def record_request(
    *, session: AsyncSession, cipher: FieldCipher, actor: Principal, body: RequestCreate
) -> DataSubjectRequest:
    now = utcnow()
    received_at = body.received_at or now
    if rules.in_the_future(received_at, now):
        raise InvalidInput.field(
            "#/body/received_at", "A request cannot be received later.", code="datetime_past"
        )
    office = await recorded_office(session=session, actor=actor, office=body.office)
    request_id = uuid.uuid4()
    row = DataSubjectRequest(
        id=request_id,
        office=office,
        kind=body.kind,
        requester=_seal(cipher, request_id, "requester", body.requester.model_dump_json()),
        details=_seal(cipher, request_id, "details", body.details) if body.details else None,
        received_at=received_at,
        due_at=rules.answer_due(received_at),
        status="received",
        recorded_by=actor.subject,
        recorded_by_name=actor.username,
    )
    session.add(row)
    await session.flush()
    return row


async def get_request(
    *, session: AsyncSession, actor: Principal, request_id: uuid.UUID, for_update: bool = False
) -> DataSubjectRequest:
    row = await session.get(DataSubjectRequest, request_id, with_for_update=for_update)
    # Another office's request is missing, not forbidden: its existence is not told.
    if row is None or not actor.can_see_office(row.office):
        raise NotFound("There is no such request.")
    return row


async def list_requests(
    *,
    session: AsyncSession,
    office: str | None,
    status: str | None,
    kind: str | None,
    overdue: bool | None,
    now: datetime,
    cursor: str | None,
    limit: int,
) -> tuple[list[DataSubjectRequest], str | None]:
    """Newest first; `overdue` picks the open requests past their deadline (or not)."""
    query = select(DataSubjectRequest)
    if office is not None:
        query = query.where(col(DataSubjectRequest.office) == office)
    if status is not None:
        query = query.where(col(DataSubjectRequest.status) == status)
    if kind is not None:
        query = query.where(col(DataSubjectRequest.kind) == kind)
    if overdue is not None:
        late = col(DataSubjectRequest.status).in_(rules.OPEN_REQUEST) & (
            col(DataSubjectRequest.due_at) < now
        )
        query = query.where(late if overdue else ~late)
    return await newest_first_page(
        session,
        query,
        timestamp=col(DataSubjectRequest.received_at),
        ident=col(DataSubjectRequest.id),
        cursor=cursor,
        limit=limit,
    )


async def open_request(
    *, session: AsyncSession, cipher: FieldCipher, actor: Principal, row: DataSubjectRequest
) -> tuple[Requester, str | None, str | None]:
    """The requester, what they asked and the answer, in clear: the opening is audited."""
    session.add(
        DataSubjectRequestRead(
            request_id=row.id,
            office=row.office,
            actor=actor.subject,
            actor_username=actor.username,
            actor_roles=sorted(actor.roles),
        )
    )
    await session.flush()
    requester = Requester.model_validate_json(_unseal(cipher, row.id, "requester", row.requester))
    details = _unseal(cipher, row.id, "details", row.details) if row.details else None
    answer = _unseal(cipher, row.id, "answer", row.answer) if row.answer else None
    return requester, details, answer


async def update_request(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    actor: Principal,
    row: DataSubjectRequest,
    changes: RequestUpdate,
) -> DataSubjectRequest:
    answering = changes.status in rules.ANSWERING
    if answering and not changes.answer:
        raise InvalidInput.field(
            "#/body/answer",
            "Say what was answered, or why the request is refused.",
            code="answer_required",
        )
    if not answering and changes.answer is not None:
        raise InvalidInput.field(
            "#/body/answer", "An answer goes with answered or refused.", code="answer_not_expected"
        )
    if not rules.request_step_allowed(row.status, changes.status):
        raise TransitionNotAllowed.move_refused(
            f"A request {row.status} cannot become {changes.status}.",
            status=named(rules.REQUEST_STATUSES, row.status),
            target=named(rules.REQUEST_STATUSES, changes.status),
        )
    now = utcnow()
    row.status = changes.status
    if answering and changes.answer:
        row.answer = _seal(cipher, row.id, "answer", changes.answer)
        row.answered_at = now
        row.answered_by = actor.subject
        row.answered_by_name = actor.username
    row.version += 1
    row.updated_at = now
    session.add(row)
    await session.flush()
    return row


async def list_reads(
    *, session: AsyncSession, row: DataSubjectRequest, cursor: str | None, limit: int
) -> tuple[list[DataSubjectRequestRead], str | None]:
    query = select(DataSubjectRequestRead).where(col(DataSubjectRequestRead.request_id) == row.id)
    return await newest_first_page(
        session,
        query,
        timestamp=col(DataSubjectRequestRead.at),
        ident=col(DataSubjectRequestRead.id),
        cursor=cursor,
        limit=limit,
    )
