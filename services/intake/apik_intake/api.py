"""Intake's routes: thin — parse, call `service`, shape the answer."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import col, select

from apik_intake import registration, rules, search, service, tracking
from apik_intake.deps import AUTH, Cipher, IndexKey, IntakeSettings, Officer, Reader
from apik_intake.models import Substance
from apik_intake.schemas import Channel, ReportCreate, ReportDetail, ReportPublic, SubstancePublic
from apik_intake.schemas_public import TrackingPin
from apik_intake.schemas_steps import USER_SUBJECT
from apik_intake.views import detail, json_response, public_page
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.idempotency import Idempotency
from apik_shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.problems import InvalidInput, NotFound, Unauthorized, problem_responses

router = APIRouter(route_class=TransactionalRoute, tags=["reports"])


@router.post(
    "/reports",
    status_code=201,
    response_model=ReportDetail,
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="intake_register_report",
)
async def register_report(
    data: ReportCreate,
    request: Request,
    session: DbSession,
    actor: Officer,
    cipher: Cipher,
    index_key: IndexKey,
    settings: IntakeSettings,
) -> Response:
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    report = await registration.register_report(
        session=session,
        cipher=cipher,
        index_key=index_key,
        data=data,
        actor=actor,
        calendar=settings.calendar_for(actor.office),
        duplicate_window_days=settings.duplicate_window_days,
    )
    body = await detail(session, report)
    await idempotency.remember(201, body.model_dump(mode="json"))
    response = json_response(201, body)
    response.headers["Location"] = f"{request.url.path}/{report.id}"
    return response


@router.get(
    "/reports",
    response_model=Page[ReportPublic],
    responses={
        **problem_responses(*AUTH, InvalidInput),
        200: {"content": {"text/csv": {}}, "description": "the page, or all rows as CSV"},
    },
    operation_id="intake_list_reports",
)
async def list_reports(
    session: DbSession,
    actor: Reader,
    status: rules.ReportStatus | None = None,
    kind: rules.Kind | None = None,
    channel: Channel | None = None,
    substance: Annotated[str | None, Query(max_length=64)] = None,
    agency: Annotated[str | None, Query(min_length=2, max_length=300)] = None,
    office: Annotated[str | None, Query(max_length=32, description="national callers")] = None,
    received_from: date | None = None,
    received_to: date | None = None,
    overdue: Annotated[bool | None, Query(description="past the completion deadline")] = None,
    person_id: Annotated[
        uuid.UUID | None, Query(description="reports of one person, recognised across reports")
    ] = None,
    outreach_id: uuid.UUID | None = None,
    assignee: Annotated[
        str | None,
        Query(
            pattern=rf"^(none|\*|{USER_SUBJECT})$",
            description="a staff member's subject (user:…); `none`: unassigned; `*`: assigned",
        ),
    ] = None,
    q: Annotated[str | None, Query(min_length=2, max_length=200, description="full text")] = None,
    format: Annotated[Literal["json", "csv"], Query(description="csv: every row")] = "json",
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[ReportPublic] | Response:
    if received_from and received_to and received_to < received_from:
        raise InvalidInput.field("#/query/received_to", "The range ends before it starts.")
    where = search.ReportQuery(
        status=status.value if status else None,
        kind=kind.value if kind else None,
        channel=channel.value if channel else None,
        substance=substance,
        agency=agency,
        office=office,
        received_from=received_from,
        received_to=received_to,
        overdue=overdue,
        person_id=person_id,
        outreach_id=outreach_id,
        assignee=assignee,
        q=q,
    )
    if format == "csv":
        rows = await search.export_rows(session=session, actor=actor, where=where)
        return Response(
            search.to_csv(rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="reports.csv"'},
        )
    page, next_cursor = await search.list_reports(
        session=session, actor=actor, where=where, cursor=cursor, limit=limit
    )
    return Page(items=await public_page(session, page), next_cursor=next_cursor)


@router.get(
    "/reports/{report_id}",
    response_model=ReportDetail,
    responses=problem_responses(*AUTH, NotFound),
    operation_id="intake_get_report",
)
async def get_report(report_id: uuid.UUID, session: DbSession, actor: Reader) -> Response:
    report = await service.get_report(session=session, report_id=report_id, actor=actor)
    return json_response(200, await detail(session, report))


@router.get(
    "/substances",
    response_model=list[SubstancePublic],
    tags=["reference"],
    responses=problem_responses(Unauthorized),
    operation_id="intake_list_substances",
)
async def list_substances(session: DbSession, actor: Reader) -> list[SubstancePublic]:
    rows = await session.execute(
        select(Substance).where(col(Substance.active).is_(True)).order_by(Substance.code)
    )
    return [SubstancePublic.model_validate(s, from_attributes=True) for s in rows.scalars()]


@router.post(
    "/reports/{report_id}/tracking-pin",
    status_code=201,
    response_model=TrackingPin,
    responses=problem_responses(*AUTH, NotFound),
    operation_id="intake_issue_tracking_pin",
)
async def issue_tracking_pin(
    report_id: uuid.UUID, request: Request, session: DbSession, actor: Officer
) -> TrackingPin:
    """A new tracking PIN for the reporter (a walk-in, or a PIN lost); the old one stops."""
    report = await service.get_report(
        session=session, report_id=report_id, actor=actor, for_update=True
    )
    key: bytes = request.app.state.tracking_key
    pin = await tracking.issue_pin(session=session, key=key, report=report)
    return TrackingPin(registration_number=report.registration_number, tracking_pin=pin)
