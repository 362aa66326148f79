"""Applications as reviewers read them: the applicant as the reader may see them."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_internship.applications import service
from apik_internship.applications.schemas import ApplicationPublic
from apik_internship.applications.service import ApplicantAccess
from apik_internship.models import Application
from apik_shared.platform.etag import etag_for


async def listed(
    session: AsyncSession,
    access: ApplicantAccess,
    applications: Sequence[Application],
    purpose: str,
) -> list[ApplicationPublic]:
    shown = await service.shown(
        session=session, access=access, applications=applications, purpose=purpose
    )
    return [
        ApplicationPublic.model_validate(
            {**a.model_dump(), "applicant": shown[a.id]}, from_attributes=True
        )
        for a in applications
    ]


async def answer(
    session: AsyncSession, access: ApplicantAccess, application: Application, purpose: str
) -> JSONResponse:
    """One application, with its version as `ETag` (for the next decision's `If-Match`)."""
    [body] = await listed(session, access, [application], purpose)
    return JSONResponse(
        body.model_dump(mode="json"), headers={"ETag": etag_for(application.version)}
    )
