"""Reports: registration by staff (and by a Sahabat Ombudsman member for a citizen, on
the community channel, as themselves), the list (filters, full text, CSV), one report."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import Query, Request, Response

from apik_intake.assignment.schemas import USER_SUBJECT
from apik_intake.deps import (
    AUTH,
    CallerPermits,
    CurrentSettings,
    FilingRequest,
    ListReader,
    Reader,
    ReportInOffice,
    permits_of,
)
from apik_intake.reporters.rules import sees_link
from apik_intake.reporters.service import audit_links
from apik_intake.reports import rules, service
from apik_intake.reports.schemas import Channel, ReportCreate, ReportDetail, ReportPublic
from apik_intake.reports.service import community
from apik_intake.reports.views import detail, json_response, public_page, registered
from apik_shared.documents.delimited import (
    CSV_RESPONSE,
    CsvDelimiter,
    CsvLanguage,
    Delimiter,
    csv_download,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import InvalidInput, NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter, created
from apik_shared.vocabulary.inputs import REGISTRATION_NUMBER

router = ServiceRouter(tags=["reports"])


@router.post(
    "/reports",
    status_code=201,
    response_model=ReportDetail,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def register_report(data: ReportCreate, request: Request, filing: FilingRequest) -> Response:
    session, actor, settings = filing.session, filing.actor, filing.settings
    member = community.is_member(actor)
    if member:
        # A Sahabat Ombudsman member files as themselves: the id is the token's.
        data = community.filed_by_member(actor, data)
    if data.channel is Channel.open311:
        # Its reports' status is public by number (`open311/`): only the facade files there.
        raise InvalidInput.field(
            "#/body/channel",
            "The open311 channel is the Open311 facade's.",
            code="open311_facade_only",
        )
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    registration = await service.register_report(
        session=session,
        cipher=filing.cipher,
        index_key=filing.index_key,
        data=data,
        actor=actor,
        duplicate_window_days=settings.duplicate_window_days,
        age_limit_years=settings.age_limit_years,
        cross_office_similarity=settings.cross_office_similarity,
    )
    body = registered(registration, permits_of(actor, settings))
    if member:
        body = community.for_member(body)
    return await created(
        idempotency,
        body,
        location=f"{request.url.path}/{registration.row['id']}",
        version=body.version,
    )


@router.get(
    "/reports",
    response_model=Page[ReportPublic],
    responses={
        **problem_responses(*AUTH, InvalidInput),
        **CSV_RESPONSE,
    },
)
async def list_reports(
    session: DbSession,
    actor: ListReader,
    settings: CurrentSettings,
    language: CsvLanguage,
    status: rules.ReportStatus | None = None,
    kind: rules.Kind | None = None,
    channel: Channel | None = None,
    substance: Annotated[str | None, Query(max_length=64)] = None,
    agency: Annotated[str | None, Query(min_length=2, max_length=300)] = None,
    office: Annotated[str | None, Query(max_length=32, description="national callers")] = None,
    received_from: date | None = None,
    received_to: date | None = None,
    overdue: Annotated[bool | None, Query(description="past the completion deadline")] = None,
    awaiting_notice: Annotated[
        bool | None,
        Query(description="incomplete, the reporter not yet notified: no deadline running"),
    ] = None,
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
    number: Annotated[
        str | None,
        Query(
            max_length=64, pattern=REGISTRATION_NUMBER, description="a registration number, whole"
        ),
    ] = None,
    format: Annotated[Literal["json", "csv"], Query(description="csv: every row")] = "json",
    delimiter: CsvDelimiter = Delimiter.comma,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[ReportPublic] | Response:
    if received_from and received_to and received_to < received_from:
        raise InvalidInput.field(
            "#/query/received_to",
            "The range ends before it starts.",
            code="ends_before_start",
            start=received_from.isoformat(),
        )
    member = community.own_member_id(actor) if community.is_member(actor) else None
    if member is not None and (person_id is not None or format == "csv"):
        raise InvalidInput.field(
            "#/query", "A member lists their own reports, as JSON.", code="member_own_reports"
        )
    where = service.ReportQuery(
        status=status.value if status else None,
        kind=kind.value if kind else None,
        channel=channel.value if channel else None,
        substance=substance,
        agency=agency,
        office=office,
        received_from=received_from,
        received_to=received_to,
        overdue=overdue,
        awaiting_notice=awaiting_notice,
        person_id=person_id,
        person_with_confidential=sees_link(
            actor.roles, confidential_roles=settings.confidential_identity_roles
        ),
        outreach_id=outreach_id,
        community_member_id=member,
        assignee=assignee,
        q=q,
        number=number,
    )
    # Listed by person, a confidential report shows its link (to an entitled caller).
    purpose = f"reports listed by person {person_id}"
    if format == "csv":
        export = await service.export_rows(session=session, actor=actor, where=where)
        if person_id is not None:
            audit_links(session=session, actor=actor, reports=export.rows, purpose=purpose)
        return csv_download(
            service.to_csv(
                export.rows,
                export.calendars,
                export.substances,
                language=language,
                delimiter=delimiter,
            ),
            "reports.csv",
        )
    page, next_cursor = await service.list_reports(
        session=session, actor=actor, where=where, cursor=cursor, limit=limit
    )
    if person_id is not None:
        audit_links(session=session, actor=actor, reports=page, purpose=purpose)
    items = await public_page(session, page, permits_of(actor, settings))
    if member is not None:
        items = [community.for_member(item) for item in items]
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/reports/{report_id}",
    response_model=ReportDetail,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_report(
    session: DbSession, actor: Reader, report: ReportInOffice, permits: CallerPermits
) -> Response:
    return json_response(200, await detail(session, report, permits))
