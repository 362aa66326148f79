"""Subject requests as the routes answer them: listings carry no text, one opened
request shows what was asked and answered."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from apik_prevention.models import SubjectRequest
from apik_prevention.subject_requests import rules, service
from apik_prevention.subject_requests.rules import RequestKind, RequestStatus, Subject
from apik_prevention.subject_requests.schemas import (
    FocalPointExport,
    MemberExport,
    RequestPublic,
    RequestSummary,
)
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.etag import etag_for


def summary(row: SubjectRequest, erased: set[uuid.UUID]) -> RequestSummary:
    """`erased`: the people among the requests' subjects whose identity was erased
    (`service.erased_among`), which limits what can be answered."""
    status = RequestStatus(row.status)
    return RequestSummary(
        id=row.id,
        office=row.office,
        subject=Subject(row.subject),
        subject_id=row.subject_id,
        kind=RequestKind(row.kind),
        status=status,
        received_by=row.received_by,
        received_at=row.received_at,
        due_at=row.due_at,
        overdue=rules.overdue(status, row.due_at, datetime.now(UTC)),
        answered_by=row.answered_by,
        answered_at=row.answered_at,
        version=row.version,
        allowed_steps=rules.allowed_steps(row.status, row.kind, erased=row.subject_id in erased),
    )


def one(
    cipher: FieldCipher,
    row: SubjectRequest,
    erased: set[uuid.UUID],
    export: MemberExport | FocalPointExport | None = None,
) -> RequestPublic:
    return RequestPublic(
        **summary(row, erased).model_dump(),
        detail=service.opened(cipher, row, "detail"),
        answer=service.opened(cipher, row, "answer"),
        export=export,
    )


def answer(
    cipher: FieldCipher,
    row: SubjectRequest,
    erased: set[uuid.UUID],
    export: MemberExport | FocalPointExport | None = None,
) -> JSONResponse:
    body = one(cipher, row, erased, export)
    return JSONResponse(
        jsonable_encoder(body),
        headers={"ETag": etag_for(row.version), "Cache-Control": "no-store"},
    )
