"""How an agreement is answered: the summary in lists, the detail with its document,
activities, reminders, PKS and renewal, and the ETag of writes."""

from __future__ import annotations

from typing import TypeVar

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from apik_prevention.agreements import rules, service
from apik_prevention.agreements.schemas import (
    ActivityPublic,
    AgreementPublic,
    AgreementSummary,
    DocumentPublic,
    ReminderPublic,
)
from apik_prevention.models import Agreement, AgreementDocument
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.etag import etag_for
from apik_shared.vocabulary.files import content_disposition

M = TypeVar("M", bound=BaseModel)


def _public(model: type[M], row: object) -> M:
    return model.model_validate(row, from_attributes=True)


def summary(row: Agreement, has_document: bool) -> AgreementSummary:
    return AgreementSummary.model_validate(
        {**row.model_dump(), "has_document": has_document}, from_attributes=False
    )


async def one(session: AsyncSession, row: Agreement, reader: Principal) -> AgreementPublic:
    document, activities, reminders, pks, renewed_by = await service.details_of(session, row)
    officer = Role.prevention_officer in reader.roles
    return AgreementPublic.model_validate(
        {
            **row.model_dump(),
            "has_document": document is not None,
            "document": (
                DocumentPublic.model_validate(document, from_attributes=True) if document else None
            ),
            "activities": [
                ActivityPublic.model_validate(a, from_attributes=True) for a in activities
            ],
            "reminders": [
                ReminderPublic.model_validate(r, from_attributes=True) for r in reminders
            ],
            "pks": pks,
            "renewed_by": renewed_by,
            "allowed_steps": rules.allowed_steps(
                row.status, officer=officer, renewed=renewed_by is not None
            ),
        }
    )


async def answer(session: AsyncSession, row: Agreement, reader: Principal) -> JSONResponse:
    body = await one(session, row, reader)
    return JSONResponse(jsonable_encoder(body), headers={"ETag": etag_for(row.version)})


def download(document: AgreementDocument) -> Response:
    return Response(
        document.content,
        media_type=document.media_type,
        headers={
            "Content-Disposition": content_disposition(document.filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )
