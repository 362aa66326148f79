"""The public channel: the citizen files without an account and tracks with a PIN; staff
issue a new PIN to a reporter who has none."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Header, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from apik_intake.attachments import service as attachments
from apik_intake.attachments.router import FILE_BODY, Filename
from apik_intake.attachments.schemas import AttachmentPublic
from apik_intake.deps import (
    AUTH,
    Cipher,
    CurrentSettings,
    IndexKey,
    Officer,
    ReportInOffice,
    TrackingKey,
    Vault,
    locked_out,
    request_client,
    tracking_lockout,
)
from apik_intake.drafts import service as drafts
from apik_intake.public import service
from apik_intake.public.router import form
from apik_intake.public.rules import Verdict
from apik_intake.public.schemas import (
    PublicFormRules,
    PublicReceipt,
    PublicReportCreate,
    TrackingPin,
    TrackingView,
)
from apik_intake.reports import service as reports
from apik_intake.reports.rules import Kind
from apik_intake.reports.schemas import Channel, ReportCreate
from apik_shared.platform.auth import Principal
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    TooManyRequests,
    field_error,
    problem_response,
    problem_responses,
    validation_problem,
)
from apik_shared.platform.routing import ServiceRouter, created
from apik_shared.vocabulary.field_errors import invalid

router = ServiceRouter()
WRONG_PINS = "Too many wrong PINs from your address; try again later."
PUBLIC = "public:web"
TrackingPinHeader = Annotated[str, Header(min_length=4, max_length=32)]
DraftHeader = Annotated[str | None, Header(max_length=32)]


@router.get("/public/form", response_model=PublicFormRules, tags=["public"])
async def form_rules(settings: CurrentSettings) -> Response:
    """The public form's limits (files, their size and types, how long a draft is kept),
    for the page to state them; cacheable for an hour."""
    rules = PublicFormRules(
        max_files=settings.public_form_max_files,
        max_file_bytes=settings.attachment_max_bytes,
        file_types=settings.attachment_types,
        draft_days=settings.public_draft_days,
    )
    headers = {"Cache-Control": "public, max-age=3600"}
    return JSONResponse(rules.model_dump(mode="json"), headers=headers)


@router.post(
    "/public/reports",
    status_code=201,
    response_model=PublicReceipt,
    responses=problem_responses(
        InvalidInput,
        PayloadTooLarge,
        attachments.UnsupportedAttachment,
        form.UnsupportedBody,
    ),
    openapi_extra=form.openapi_body(),
    tags=["public"],
)
async def file_report(
    request: Request,
    session: DbSession,
    cipher: Cipher,
    index_key: IndexKey,
    tracking_key: TrackingKey,
    vault: Vault,
    settings: CurrentSettings,
    x_draft_code: DraftHeader = None,
    x_draft_pin: DraftHeader = None,
) -> Response:
    """Files a public report (LM): the JSON form, or `multipart/form-data` with the same
    JSON in a `report` part and the files in `files` parts, stored all or nothing. A
    form resumed from a saved draft names it (`X-Draft-Code`, `X-Draft-PIN`): the draft
    is deleted with the report's registration, in one transaction."""
    kind = form.media_type(request)
    if kind == form.MULTIPART:
        submission, body = await form.read_multipart(
            request,
            allowed=settings.attachment_types,
            max_file_bytes=settings.attachment_max_bytes,
            max_files=settings.public_form_max_files,
        )
        request = form.with_body(request, body)
    elif form.is_json(kind):
        submission = await form.read_json(request)
    else:
        raise form.UnsupportedBody(
            f"The body is {kind or 'of no stated type'}.",
            errors=[
                field_error(
                    "#/headers/content-type",
                    invalid(
                        "content_type_expected",
                        "not JSON or a form",
                        expected="application/json, multipart/form-data",
                    ),
                )
            ],
        )
    data = submission.report
    if settings.public_offices and data.office not in settings.public_offices:
        raise InvalidInput.field(
            f"{submission.pointer}/office",
            f"The office {data.office!r} takes no reports.",
            code="office_takes_no_reports",
            office=data.office,
        )
    idempotency = Idempotency(session, request, caller=PUBLIC)
    if (replay := await idempotency.begin()) is not None:
        # The PIN was never stored: a replay hands out a fresh one for the same report.
        return await _replay_with_new_pin(session, tracking_key, replay)
    citizen = Principal(subject=PUBLIC, username=PUBLIC, office=data.office)
    try:
        registration = await reports.register_report(
            session=session,
            cipher=cipher,
            index_key=index_key,
            data=_as_report(data),
            actor=citizen,
            duplicate_window_days=settings.duplicate_window_days,
            age_limit_years=settings.age_limit_years,
            cross_office_similarity=settings.cross_office_similarity,
        )
    except InvalidInput as problem:
        raise form.relocated(problem, submission.pointer) from None
    report = registration.report
    stored = [
        await attachments.store_attachment(
            session=session, vault=vault, report=report, file=file, uploaded_by=PUBLIC
        )
        for file in submission.files
    ]
    if x_draft_code and x_draft_pin:
        await drafts.discard_sent(
            session=session, key=tracking_key, code=x_draft_code, pin=x_draft_pin
        )
    pin = await service.issue_pin(session=session, key=tracking_key, report=report)
    receipt = PublicReceipt(
        registration_number=report.registration_number,
        tracking_pin=pin,
        status=report.status,
        registered_at=report.created_at,
        attachments=[AttachmentPublic.model_validate(a, from_attributes=True) for a in stored],
    )
    # The PIN is not remembered (only its hash is kept anywhere); a replay gets a new one.
    await created(
        idempotency,
        receipt.model_dump(mode="json", exclude={"tracking_pin"}),
        location=f"{request.url.path}/{report.registration_number}",
    )
    return JSONResponse(
        receipt.model_dump(mode="json"),
        status_code=201,
        headers={"Location": f"{request.url.path}/{report.registration_number}"},
    )


def _as_report(data: PublicReportCreate) -> ReportCreate:
    """The citizen's form as a staff registration of a web report (LM)."""
    try:
        return ReportCreate(
            kind=Kind.LM, channel=Channel.web, **data.model_dump(exclude={"office"})
        )
    except ValidationError as exc:  # the form was valid; this would be our own mismatch
        raise validation_problem(RequestValidationError(exc.errors())) from exc


async def _replay_with_new_pin(
    session: DbSession, tracking_key: bytes, replay: JSONResponse
) -> Response:
    body = json.loads(bytes(replay.body))
    number = body.get("registration_number")
    report = await service.find_by_number(session=session, registration_number=number)
    if report is None or replay.status_code != 201:
        return replay
    body["tracking_pin"] = await service.issue_pin(session=session, key=tracking_key, report=report)
    headers = {k: v for k, v in replay.headers.items() if k.lower() == "location"}
    return JSONResponse(body, status_code=201, headers={**headers, "Idempotent-Replayed": "true"})


@router.get(
    "/public/reports/{registration_number}",
    response_model=TrackingView,
    responses=problem_responses(NotFound, TooManyRequests, InvalidInput),
    tags=["public"],
)
async def track_report(
    registration_number: str,
    request: Request,
    session: DbSession,
    tracking_key: TrackingKey,
    settings: CurrentSettings,
    x_tracking_pin: TrackingPinHeader,
) -> Response:
    now = datetime.now(UTC)
    verdict, report, locked_until = await service.check_pin(
        session=session,
        key=tracking_key,
        registration_number=registration_number,
        pin=x_tracking_pin,
        client=request_client(request),
        policy=tracking_lockout(settings),
        now=now,
    )
    # Returned, not raised: the counter of wrong PINs must commit with the answer.
    if verdict is Verdict.locked:
        return locked_out(request, WRONG_PINS, locked_until, now)
    if report is None:
        missing = NotFound("No report with this registration number and PIN.")
        return problem_response(missing, request.url.path)
    view = await service.tracking_view(session=session, report=report)
    return JSONResponse(view.model_dump(mode="json"), headers={"Cache-Control": "no-store"})


@router.post(
    "/public/reports/{registration_number}/attachments",
    status_code=201,
    response_model=AttachmentPublic,
    responses=problem_responses(NotFound, InvalidInput, PayloadTooLarge, TooManyRequests),
    openapi_extra=FILE_BODY,
    tags=["attachments", "public"],
)
async def upload_attachment(
    registration_number: str,
    filename: Filename,
    request: Request,
    session: DbSession,
    tracking_key: TrackingKey,
    vault: Vault,
    settings: CurrentSettings,
    x_tracking_pin: TrackingPinHeader,
) -> Response:
    """The reporter adds a file to their report, with the tracking PIN."""
    now = datetime.now(UTC)
    verdict, report, locked_until = await service.check_pin(
        session=session,
        key=tracking_key,
        registration_number=registration_number,
        pin=x_tracking_pin,
        client=request_client(request),
        policy=tracking_lockout(settings),
        now=now,
    )
    if verdict is Verdict.locked:
        return locked_out(request, WRONG_PINS, locked_until, now)
    if report is None:
        # Returned, not raised: the wrong PIN must be counted.
        missing = NotFound("No report with this registration number and PIN.")
        return problem_response(missing, request.url.path)
    data = await attachments.read_limited(request.stream(), settings.attachment_max_bytes)
    attachment = await attachments.add_attachment(
        session=session,
        vault=vault,
        report=report,
        filename=filename,
        data=data,
        allowed=settings.attachment_types,
        max_bytes=settings.attachment_max_bytes,
        uploaded_by=PUBLIC,
    )
    body = AttachmentPublic.model_validate(attachment, from_attributes=True)
    return JSONResponse(body.model_dump(mode="json"), status_code=201)


@router.post(
    "/reports/{report_id}/tracking-pin",
    status_code=201,
    response_model=TrackingPin,
    responses=problem_responses(*AUTH, NotFound),
    tags=["reports"],
)
async def issue_tracking_pin(
    session: DbSession, actor: Officer, report: ReportInOffice, tracking_key: TrackingKey
) -> TrackingPin:
    """A new tracking PIN for the reporter (a walk-in, or a PIN lost); the old one stops.

    Its update of the report row waits for any other write on it, as a lock would."""
    pin = await service.issue_pin(session=session, key=tracking_key, report=report)
    return TrackingPin(registration_number=report.registration_number, tracking_pin=pin)
