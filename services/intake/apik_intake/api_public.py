"""The public channel: the citizen files without an account and tracks with a PIN."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Header, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from apik_intake import attachments, public_form, registration, rules, service
from apik_intake.deps import Cipher, IndexKey, IntakeSettings
from apik_intake.rules import Kind
from apik_intake.schemas import Channel, ReportCreate
from apik_intake.schemas_public import (
    AttachmentPublic,
    CaseOutcome,
    PublicReceipt,
    PublicReportCreate,
    TrackingStep,
    TrackingView,
)
from apik_intake.sealing import SealedStore
from apik_intake.tracking import Lockout, Verdict, check_pin, issue_pin
from apik_shared.auth import Principal
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.idempotency import Idempotency
from apik_shared.problems import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    TooManyRequests,
    problem_response,
    problem_responses,
    validation_problem,
)

router = APIRouter(route_class=TransactionalRoute, tags=["public"], prefix="/public")
PUBLIC = "public:web"


def _tracking_key(request: Request) -> bytes:
    key: bytes = request.app.state.tracking_key
    return key


@router.post(
    "/reports",
    status_code=201,
    response_model=PublicReceipt,
    responses=problem_responses(
        InvalidInput,
        PayloadTooLarge,
        attachments.UnsupportedAttachment,
        public_form.UnsupportedBody,
    ),
    openapi_extra=public_form.openapi_body(),
    operation_id="intake_public_file_report",
)
async def file_report(
    request: Request,
    session: DbSession,
    cipher: Cipher,
    index_key: IndexKey,
    settings: IntakeSettings,
) -> Response:
    """Files a public report (LM): the JSON form, or `multipart/form-data` with the same
    JSON in a `report` part and the files in `files` parts, stored all or nothing."""
    kind = public_form.media_type(request)
    if kind == public_form.MULTIPART:
        submission, body = await public_form.read_multipart(
            request,
            allowed=settings.attachment_types,
            max_file_bytes=settings.attachment_max_bytes,
            max_files=settings.public_form_max_files,
        )
        request = public_form.with_body(request, body)
    elif public_form.is_json(kind):
        submission = await public_form.read_json(request)
    else:
        raise public_form.UnsupportedBody(
            f"The body is {kind or 'of no stated type'}.",
            errors=[{"pointer": "#/headers/content-type", "detail": "not JSON or a form"}],
        )
    data = submission.report
    if settings.public_offices and data.office not in settings.public_offices:
        raise InvalidInput.field(
            f"{submission.pointer}/office", f"The office {data.office!r} takes no reports."
        )
    idempotency = Idempotency(session, request, caller=PUBLIC)
    if (replay := await idempotency.begin()) is not None:
        # The PIN was never stored: a replay hands out a fresh one for the same report.
        return await _replay_with_new_pin(request, session, replay)
    citizen = Principal(subject=PUBLIC, username=PUBLIC, office=data.office)
    try:
        report = await registration.register_report(
            session=session,
            cipher=cipher,
            index_key=index_key,
            data=_as_report(data),
            actor=citizen,
            calendar=settings.calendar_for(data.office),
            duplicate_window_days=settings.duplicate_window_days,
        )
    except InvalidInput as problem:
        raise public_form.relocated(problem, submission.pointer) from None
    vault: SealedStore = request.app.state.attachments
    stored = [
        await attachments.store_attachment(
            session=session, vault=vault, report=report, file=file, uploaded_by=PUBLIC
        )
        for file in submission.files
    ]
    pin = await issue_pin(session=session, key=_tracking_key(request), report=report)
    receipt = PublicReceipt(
        registration_number=report.registration_number,
        tracking_pin=pin,
        status=report.status,
        registered_at=report.created_at,
        attachments=[AttachmentPublic.model_validate(a, from_attributes=True) for a in stored],
    )
    await idempotency.remember(201, receipt.model_dump(mode="json", exclude={"tracking_pin"}))
    return JSONResponse(receipt.model_dump(mode="json"), status_code=201)


def _as_report(data: PublicReportCreate) -> ReportCreate:
    """The citizen's form as a staff registration of a web report (LM)."""
    try:
        return ReportCreate(
            kind=Kind.LM, channel=Channel.web, **data.model_dump(exclude={"office"})
        )
    except ValidationError as exc:  # the form was valid; this would be our own mismatch
        raise validation_problem(RequestValidationError(exc.errors())) from exc


async def _replay_with_new_pin(
    request: Request, session: DbSession, replay: JSONResponse
) -> Response:
    body = json.loads(bytes(replay.body))
    number = body.get("registration_number")
    report = await service.find_by_number(session=session, registration_number=number)
    if report is None or replay.status_code != 201:
        return replay
    body["tracking_pin"] = await issue_pin(
        session=session, key=_tracking_key(request), report=report
    )
    return JSONResponse(body, status_code=201, headers={"Idempotent-Replayed": "true"})


@router.get(
    "/reports/{registration_number}",
    response_model=TrackingView,
    responses=problem_responses(NotFound, TooManyRequests, InvalidInput),
    operation_id="intake_public_track_report",
)
async def track_report(
    registration_number: str,
    request: Request,
    session: DbSession,
    settings: IntakeSettings,
    x_tracking_pin: Annotated[str, Header(min_length=4, max_length=32)],
) -> Response:
    now = datetime.now(UTC)
    verdict, report, locked_until = await check_pin(
        session=session,
        key=_tracking_key(request),
        registration_number=registration_number,
        pin=x_tracking_pin,
        policy=Lockout(
            max_failures=settings.tracking_max_failures,
            window=timedelta(seconds=settings.tracking_window_seconds),
            lock=timedelta(seconds=settings.tracking_lock_seconds),
        ),
        now=now,
    )
    # Returned, not raised: the counter of wrong PINs must commit with the answer.
    if verdict is Verdict.locked and locked_until is not None:
        wait = max(1, math.ceil((locked_until - now).total_seconds()))
        problem = TooManyRequests(
            "Too many wrong PINs for this report; try again later.",
            headers={"Retry-After": str(wait)},
        )
        return problem_response(problem, request.url.path)
    if report is None:
        missing = NotFound("No report with this registration number and PIN.")
        return problem_response(missing, request.url.path)
    steps = await service.timeline(session=session, report_id=report.id)
    timeline = [
        TrackingStep(status=s.to_status, at=s.at)
        for s in steps
        if s.step not in rules.STAFF_ONLY_STEPS
    ]
    outcome = None
    if report.case_outcome and report.case_closed_at:
        timeline.append(TrackingStep(status="case_closed", at=report.case_closed_at))
        outcome = CaseOutcome(
            outcome=report.case_outcome,
            route=report.case_route or "",
            closed_at=report.case_closed_at,
            survey_url=(
                f"/api/v1/examination/public/surveys/{report.survey_token}"
                if report.survey_token
                else None
            ),
        )
    view = TrackingView(
        registration_number=report.registration_number,
        kind=report.kind,
        status="case_closed" if outcome else report.status,
        registered_at=report.created_at,
        updated_at=report.updated_at,
        timeline=timeline,
        outcome=outcome,
    )
    return JSONResponse(view.model_dump(mode="json"), headers={"Cache-Control": "no-store"})
