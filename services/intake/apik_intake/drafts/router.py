"""The public form's saved drafts: save (code and PIN shown once), resume, save again,
discard. No login; the code in the path, the PIN in a header (never in a URL)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Header, Path, Request, Response
from fastapi.responses import JSONResponse

from apik_intake.deps import (
    Cipher,
    CurrentSettings,
    TrackingKey,
    locked_out,
    request_client,
    tracking_lockout,
)
from apik_intake.drafts import service
from apik_intake.drafts.schemas import DraftIn, DraftKept, DraftSaved, DraftView
from apik_intake.public.rules import Verdict
from apik_intake.settings import Settings
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    TooManyRequests,
    problem_response,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["public"])
ResumeCode = Annotated[str, Path(min_length=8, max_length=32, pattern=r"^[A-Za-z0-9 -]+$")]
DraftPin = Annotated[str, Header(min_length=4, max_length=32)]
# Answers that are personal data: never in a shared cache or the browser's.
PRIVATE = {"Cache-Control": "no-store"}
OPEN_PROBLEMS = problem_responses(NotFound, TooManyRequests, InvalidInput)


async def _open(
    request: Request,
    session: DbSession,
    key: bytes,
    settings: Settings,
    code: str,
    pin: str,
    now: datetime,
) -> service.Opened:
    """The draft `code` and `pin` open, each wrong guess counted against the caller."""
    return await service.open_draft(
        session=session,
        key=key,
        code=code,
        pin=pin,
        client=request_client(request),
        policy=tracking_lockout(settings),
        now=now,
    )


def _refused(opened: service.Opened, request: Request, now: datetime) -> Response:
    """The answer to a draft not opened; returned, not raised: the counter must commit."""
    if opened.verdict is Verdict.locked:
        guesses = "Too many wrong codes or PINs from your address; try again later."
        return locked_out(request, guesses, opened.locked_until, now)
    missing = NotFound("No saved form with this code and PIN (or it has expired).")
    return problem_response(missing, request.url.path)


def _json(body: DraftSaved | DraftKept | DraftView, status: int = 200) -> Response:
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=PRIVATE)


@router.post(
    "/public/drafts",
    status_code=201,
    response_model=DraftSaved,
    responses=problem_responses(InvalidInput),
)
async def save_draft(
    data: DraftIn,
    session: DbSession,
    cipher: Cipher,
    tracking_key: TrackingKey,
    settings: CurrentSettings,
) -> Response:
    """Saves the form as far as it is filled in; the resume code and PIN are shown only
    in this answer. Kept `APIK_PUBLIC_DRAFT_DAYS` (7) after the last save."""
    if settings.public_offices and data.office not in settings.public_offices:
        raise InvalidInput.field(
            "#/body/office",
            f"The office {data.office!r} takes no reports.",
            code="office_takes_no_reports",
            office=data.office,
        )
    draft, code, pin = await service.save_draft(
        session=session,
        cipher=cipher,
        key=tracking_key,
        data=data,
        days=settings.public_draft_days,
        now=datetime.now(UTC),
    )
    return _json(DraftSaved(resume_code=code, pin=pin, expires_at=draft.expires_at), 201)


@router.get("/public/drafts/{code}", response_model=DraftView, responses=OPEN_PROBLEMS)
async def resume_draft(
    code: ResumeCode,
    request: Request,
    session: DbSession,
    cipher: Cipher,
    tracking_key: TrackingKey,
    settings: CurrentSettings,
    x_draft_pin: DraftPin,
) -> Response:
    """The saved answers, with the code and the PIN (`X-Draft-PIN`)."""
    now = datetime.now(UTC)
    opened = await _open(request, session, tracking_key, settings, code, x_draft_pin, now)
    if opened.draft is None:
        return _refused(opened, request, now)
    answers = service.answers_of(cipher=cipher, draft=opened.draft)
    view = DraftView(
        office=opened.draft.office, answers=answers, expires_at=opened.draft.expires_at
    )
    return _json(view)


@router.put("/public/drafts/{code}", response_model=DraftKept, responses=OPEN_PROBLEMS)
async def update_draft(
    code: ResumeCode,
    data: DraftIn,
    request: Request,
    session: DbSession,
    cipher: Cipher,
    tracking_key: TrackingKey,
    settings: CurrentSettings,
    x_draft_pin: DraftPin,
) -> Response:
    """Saves a resumed form again: the same code and PIN, kept for another
    `APIK_PUBLIC_DRAFT_DAYS` from now."""
    now = datetime.now(UTC)
    opened = await _open(request, session, tracking_key, settings, code, x_draft_pin, now)
    if opened.draft is None:
        return _refused(opened, request, now)
    if settings.public_offices and data.office not in settings.public_offices:
        raise InvalidInput.field(
            "#/body/office",
            f"The office {data.office!r} takes no reports.",
            code="office_takes_no_reports",
            office=data.office,
        )
    draft = await service.update_draft(
        session=session,
        cipher=cipher,
        draft=opened.draft,
        data=data,
        days=settings.public_draft_days,
        now=now,
    )
    return _json(DraftKept(expires_at=draft.expires_at))


@router.delete(
    "/public/drafts/{code}", status_code=204, response_class=Response, responses=OPEN_PROBLEMS
)
async def discard_draft(
    code: ResumeCode,
    request: Request,
    session: DbSession,
    tracking_key: TrackingKey,
    settings: CurrentSettings,
    x_draft_pin: DraftPin,
) -> Response:
    """Deletes the saved form now (the citizen changed their mind, or used a shared
    device)."""
    now = datetime.now(UTC)
    opened = await _open(request, session, tracking_key, settings, code, x_draft_pin, now)
    if opened.draft is None:
        return _refused(opened, request, now)
    await service.discard_draft(session=session, draft=opened.draft)
    return Response(status_code=204, headers=PRIVATE)
