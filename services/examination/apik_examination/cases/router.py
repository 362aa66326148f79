"""Case routes: list and read cases, classify one, move its status."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import Query, Response

from apik_examination.cases import service, views
from apik_examination.cases.rules import CaseStatus, Classification
from apik_examination.cases.schemas import CaseDetail, CasePublic, ClassificationIn, StatusChange
from apik_examination.deps import (
    AUTH,
    WRITE_PROBLEMS,
    LockedCase,
    ReadableCase,
    Reader,
    Worker,
)
from apik_examination.sla.rules import SlaState
from apik_shared.documents.delimited import (
    CSV_RESPONSE,
    CsvDelimiter,
    CsvLanguage,
    Delimiter,
    csv_download,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import InvalidInput, NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter
from apik_shared.vocabulary.inputs import REGISTRATION_NUMBER

router = ServiceRouter(tags=["cases"])


@router.get(
    "/cases",
    response_model=Page[CasePublic],
    responses={
        **problem_responses(*AUTH, InvalidInput),
        **CSV_RESPONSE,
    },
)
async def list_cases(
    session: DbSession,
    actor: Reader,
    language: CsvLanguage,
    report_id: uuid.UUID | None = None,
    sla_state: SlaState | None = None,
    classification: Classification | None = None,
    status: CaseStatus | None = None,
    examiner_id: Annotated[str | None, Query(min_length=1, max_length=128)] = None,
    number: Annotated[
        str | None,
        Query(
            max_length=64,
            pattern=REGISTRATION_NUMBER,
            description="the report's registration number, whole",
        ),
    ] = None,
    format: Annotated[
        Literal["json", "csv"], Query(description="csv: every row the filters select")
    ] = "json",
    delimiter: CsvDelimiter = Delimiter.comma,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[CasePublic] | Response:
    now = datetime.now(UTC)
    if format == "csv":
        where = service.CaseFilter(
            report_id, sla_state, classification, status, examiner_id, number
        )
        export = await service.export_cases(session=session, actor=actor, where=where, now=now)
        return csv_download(
            views.to_csv(export, now, language=language, delimiter=delimiter), "perkara.csv"
        )
    rows, next_cursor = await service.list_cases(
        session=session,
        actor=actor,
        report_id=report_id,
        sla_state=sla_state,
        classification=classification,
        status=status,
        examiner_id=examiner_id,
        number=number,
        cursor=cursor,
        limit=limit,
        now=now,
    )
    left = await service.countdowns(session=session, cases=rows, now=now)
    return Page(
        items=[views.public(c, now, left.get(c.id), actor) for c in rows], next_cursor=next_cursor
    )


@router.get(
    "/cases/{case_id}",
    response_model=CaseDetail,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_case(
    case: ReadableCase, session: DbSession, actor: Reader, response: Response
) -> CaseDetail:
    """The case, with what the caller may do to it now (`allowed_actions`)."""
    state = await service.case_state(session=session, case=case)
    return views.answer(state, response, actor)


@router.post(
    "/cases/{case_id}/classification",
    response_model=CaseDetail,
    responses=WRITE_PROBLEMS,
)
async def classify_case(
    data: ClassificationIn,
    case: LockedCase,
    session: DbSession,
    actor: Worker,
    response: Response,
) -> CaseDetail:
    await service.classify(
        session=session,
        case=case,
        classification=data.classification,
        actor=actor,
        at=data.classified_at,
    )
    state = await service.case_state(session=session, case=case)
    return views.answer(state, response, actor)


@router.post(
    "/cases/{case_id}/status",
    response_model=CaseDetail,
    responses=WRITE_PROBLEMS,
)
async def change_case_status(
    data: StatusChange,
    case: LockedCase,
    session: DbSession,
    actor: Worker,
    response: Response,
) -> CaseDetail:
    """Waiting for the reporter or the agency pauses the SLA clock; `open` resumes it."""
    await service.move(
        session=session,
        case=case,
        status=CaseStatus(data.status),
        note=data.note,
        actor=actor,
        paused_at=data.paused_at,
        resumed_at=data.resumed_at,
    )
    state = await service.case_state(session=session, case=case)
    return views.answer(state, response, actor)
