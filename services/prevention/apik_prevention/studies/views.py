"""How a study and its suggestions are answered, with the ETag of writes."""

from __future__ import annotations

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from apik_prevention.models import Study, Suggestion, SuggestionEvidence, SuggestionReminder
from apik_prevention.studies import service
from apik_prevention.studies.schemas import (
    StudyPublic,
    StudySummary,
    SuggestionEvidencePublic,
    SuggestionPublic,
    SuggestionReminderPublic,
)
from apik_shared.platform.etag import etag_for
from apik_shared.vocabulary.files import content_disposition


def summary(row: Study) -> StudySummary:
    return StudySummary.model_validate(row, from_attributes=True)


def _suggestion(
    row: Suggestion, evidence: SuggestionEvidence | None, reminders: list[SuggestionReminder]
) -> SuggestionPublic:
    return SuggestionPublic.model_validate(
        {
            **row.model_dump(),
            "evidence": (
                SuggestionEvidencePublic.model_validate(evidence, from_attributes=True)
                if evidence
                else None
            ),
            "reminders": [
                SuggestionReminderPublic.model_validate(r, from_attributes=True) for r in reminders
            ],
        }
    )


async def suggestion(session: AsyncSession, row: Suggestion) -> SuggestionPublic:
    evidence = await service.evidence_of(session, row.id)
    reminders = await service.reminders_of(session, [row.id])
    return _suggestion(row, evidence, reminders.get(row.id, []))


async def one(session: AsyncSession, row: Study) -> StudyPublic:
    rows = await service.suggestions_of(session, row.id)
    ids = [s.id for s in rows]
    evidences = await service.evidences_of(session, ids)
    reminders = await service.reminders_of(session, ids)
    return StudyPublic.model_validate(
        {
            **row.model_dump(),
            "suggestions": [
                _suggestion(s, evidences.get(s.id), reminders.get(s.id, [])) for s in rows
            ],
        }
    )


async def answer(session: AsyncSession, row: Study) -> JSONResponse:
    body = await one(session, row)
    return JSONResponse(jsonable_encoder(body), headers={"ETag": etag_for(row.version)})


async def suggestion_answer(session: AsyncSession, row: Suggestion) -> JSONResponse:
    body = await suggestion(session, row)
    return JSONResponse(jsonable_encoder(body), headers={"ETag": etag_for(row.version)})


def download(evidence: SuggestionEvidence) -> Response:
    return Response(
        evidence.content,
        media_type=evidence.media_type,
        headers={
            "Content-Disposition": content_disposition(evidence.filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )
