"""The reporter's survey (by link, no login: under `/public`) and the IKM."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Path, Query

from apik_examination.deps import AUTH, Reader
from apik_examination.survey import service
from apik_examination.survey.schemas import (
    IkmPublic,
    SurveyAnswer,
    SurveyForm,
    SurveyQuestion,
    SurveyReceipt,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter
from apik_shared.vocabulary.ikm import ELEMENTS, LABELS_ID

router = ServiceRouter(tags=["survey"])
Token = Annotated[str, Path(min_length=16, max_length=64)]


@router.get(
    "/public/surveys/{token}",
    response_model=SurveyForm,
    responses=problem_responses(NotFound, InvalidInput),
)
async def get_survey_form(token: Token, session: DbSession) -> SurveyForm:
    """The questionnaire behind the reporter's link; the link is the only credential."""
    survey, case = await service.find_survey(session=session, token=token)
    return SurveyForm(
        registration_number=case.registration_number,
        questions=[SurveyQuestion(element=e, label=LABELS_ID[e]) for e in ELEMENTS],
        answered=survey.answered_at is not None,
        expires_at=survey.expires_at,
    )


@router.post(
    "/public/surveys/{token}",
    response_model=SurveyReceipt,
    status_code=201,
    responses=problem_responses(NotFound, InvalidInput, Conflict),
)
async def answer_survey(token: Token, data: SurveyAnswer, session: DbSession) -> SurveyReceipt:
    survey = await service.answer_survey(
        session=session,
        token=token,
        answers=data.answers,
        comment=data.comment,
        now=datetime.now(UTC),
    )
    assert survey.answered_at is not None
    return SurveyReceipt(answered_at=survey.answered_at)


@router.get(
    "/ikm",
    response_model=IkmPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def get_ikm(
    session: DbSession,
    actor: Reader,
    office: Annotated[str | None, Query(min_length=1, max_length=32)] = None,
    examiner_id: Annotated[str | None, Query(min_length=1, max_length=128)] = None,
    case_id: uuid.UUID | None = None,
    since: date | None = None,
    until: date | None = None,
) -> IkmPublic:
    """The index of the answered surveys, per office, examiner, case and period.

    `since` and `until` are days (both included) in each survey's office's time zone.
    Without the national role the office is the caller's own.
    """
    scope = actor.office_scope()
    if scope is not None and office not in (None, scope):
        raise InvalidInput.field(
            "#/query/office", "Only your own office's index.", code="own_office_only"
        )
    if since and until and until < since:
        raise InvalidInput.field(
            "#/query/until",
            "The period ends before it starts.",
            code="ends_before_start",
            start=since.isoformat(),
        )
    result = await service.ikm(
        session=session,
        office=office or scope,
        examiner_id=examiner_id,
        case_id=case_id,
        since=since,
        until=until,
    )
    if result is None:
        return IkmPublic(responses=0, nrr={}, index=None, grade=None, meaning=None)
    return IkmPublic(
        responses=result.responses,
        nrr={e: round(float(v), 4) for e, v in result.nrr.items()},
        index=result.index,
        grade=result.grade,
        meaning=result.meaning,
    )
