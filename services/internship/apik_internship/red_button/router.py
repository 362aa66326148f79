"""The Red Button: raised from a public page with no login, read and acknowledged by the
office's protection officers only."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Path, Query
from fastapi.responses import JSONResponse

from apik_internship.deps import (
    AUTH,
    Cipher,
    CodeKey,
    CurrentCase,
    CurrentSettings,
    Head,
    LockedCase,
    OfficerOrHead,
    ProtectionOfficer,
)
from apik_internship.red_button import service
from apik_internship.red_button.rules import Author, Mode
from apik_internship.red_button.schemas import (
    ActionCreate,
    AlertPublic,
    CasePublic,
    DutyWindow,
    IdentityRequestCreate,
    IdentityRequestPublic,
    InternMessage,
    InternMessageCreate,
    MessageCreate,
    MessagePublic,
    MonthStatsPublic,
    RedButtonRaise,
    RedButtonReceipt,
    ReporterShown,
    RosterOfficer,
    RosterPublic,
    RosterPut,
    StaffPublic,
    StaffRegister,
    ThreadRequest,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import etag_for
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["red_button"])
# GlobaLeaks' habits for a page a person in danger uses: nothing cached, no referrer; the
# quick-exit and "did you save your code?" belong to the web page.
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@router.post(
    "/public/red-button",
    status_code=201,
    response_model=RedButtonReceipt,
    responses=problem_responses(InvalidInput),
)
async def raise_red_button(
    data: RedButtonRaise,
    session: DbSession,
    cipher: Cipher,
    code_key: CodeKey,
    settings: CurrentSettings,
) -> JSONResponse:
    """Raises the Red Button: identified, confidential (identity sealed) or anonymous (the
    receipt is the only key). No address or device of the sender is stored."""
    case, receipt = await service.raise_case(
        session=session,
        cipher=cipher,
        code_key=code_key,
        data=data,
        protection_hours=settings.protection_hours,
        units=settings.units,
    )
    body = RedButtonReceipt(
        receipt_code=receipt,
        mode=Mode(case.mode),
        raised_at=case.raised_at,
        protection_due=case.protection_due,
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=201, headers=PRIVATE)


@router.get(
    "/red-button/cases",
    response_model=Page[CasePublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_cases(
    session: DbSession,
    actor: ProtectionOfficer,
    cipher: Cipher,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> JSONResponse:
    """The office's cases, newest first; every case shown is an audited read."""
    rows, next_cursor = await service.list_cases(
        session=session, actor=actor, cursor=cursor, limit=limit
    )
    items = await service.shown(
        session=session, cipher=cipher, actor=actor, cases=rows, action="list"
    )
    page: Page[CasePublic] = Page(items=items, next_cursor=next_cursor)
    return JSONResponse(page.model_dump(mode="json"), headers=PRIVATE)


@router.post(
    "/red-button/cases/{case_id}/acknowledgement",
    response_model=CasePublic,
    responses=problem_responses(*AUTH, NotFound, PreconditionFailed, TransitionNotAllowed),
)
async def acknowledge_case(
    case_id: uuid.UUID,
    session: DbSession,
    actor: ProtectionOfficer,
    cipher: Cipher,
    case: LockedCase,
) -> JSONResponse:
    """The officer has the case: `red_button.acknowledged`, with the time it took."""
    case = await service.acknowledge(session=session, case=case, actor=actor)
    [body] = await service.shown(
        session=session, cipher=cipher, actor=actor, cases=[case], action="acknowledge"
    )
    headers = {**PRIVATE, "ETag": etag_for(case.version)}
    return JSONResponse(body.model_dump(mode="json"), headers=headers)


@router.post(
    "/red-button/cases/{case_id}/actions",
    status_code=201,
    response_model=CasePublic,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PreconditionFailed, TransitionNotAllowed
    ),
)
async def take_action(
    case_id: uuid.UUID,
    data: ActionCreate,
    session: DbSession,
    actor: ProtectionOfficer,
    cipher: Cipher,
    case: LockedCase,
) -> JSONResponse:
    """Records a protective action (suspend the placement without telling the host why,
    move the intern, refer to the university's task force with consent, refer to SAPA
    129); the first one is when protection began, against the 1x24-hour deadline."""
    case = await service.take_action(
        session=session, cipher=cipher, case=case, data=data, actor=actor
    )
    [body] = await service.shown(
        session=session, cipher=cipher, actor=actor, cases=[case], action="take_action"
    )
    headers = {**PRIVATE, "ETag": etag_for(case.version)}
    return JSONResponse(body.model_dump(mode="json"), status_code=201, headers=headers)


@router.post(
    "/red-button/cases/{case_id}/identity-requests",
    status_code=201,
    response_model=IdentityRequestPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, service.NothingSealed),
)
async def request_identity(
    case_id: uuid.UUID,
    data: IdentityRequestCreate,
    session: DbSession,
    actor: ProtectionOfficer,
    case: LockedCase,
) -> JSONResponse:
    """Asks to open a confidential reporter's identity, with a reason; another protection
    officer must approve."""
    request = await service.request_identity(
        session=session, case=case, reason=data.reason, actor=actor
    )
    body = IdentityRequestPublic.model_validate(request, from_attributes=True)
    return JSONResponse(body.model_dump(mode="json"), status_code=201, headers=PRIVATE)


@router.post(
    "/red-button/identity-requests/{request_id}/approval",
    response_model=IdentityRequestPublic,
    responses=problem_responses(*AUTH, NotFound, service.SecondOfficerRequired),
)
async def approve_identity_request(
    request_id: uuid.UUID, session: DbSession, actor: ProtectionOfficer
) -> IdentityRequestPublic:
    """A second protection officer approves; the one who asked may then read it."""
    request = await service.approve(session=session, request_id=request_id, actor=actor)
    return IdentityRequestPublic.model_validate(request, from_attributes=True)


@router.get(
    "/red-button/cases/{case_id}/reporter",
    response_model=ReporterShown,
    responses=problem_responses(*AUTH, NotFound, service.SecondOfficerRequired),
)
async def read_reporter(
    case_id: uuid.UUID,
    session: DbSession,
    actor: ProtectionOfficer,
    cipher: Cipher,
    case: CurrentCase,
) -> JSONResponse:
    """A confidential reporter, to the officer whose request another approved (audited)."""
    reporter = await service.read_identity(session=session, cipher=cipher, case=case, actor=actor)
    return JSONResponse(reporter.model_dump(mode="json"), headers=PRIVATE)


# --- messages -------------------------------------------------------------------------
# The intern's side is under `/public/` (the gateway's public rate limit per client) and
# takes the receipt in the body: a POST even to read, so that no URL, log or history
# holds the code. Identified and confidential interns use the same receipt: one way in,
# and nothing about who is asking is kept.


@router.post(
    "/public/red-button/messages",
    status_code=201,
    response_model=InternMessage,
    responses=problem_responses(InvalidInput, NotFound),
)
async def send_intern_message(
    data: InternMessageCreate, session: DbSession, cipher: Cipher, code_key: CodeKey
) -> JSONResponse:
    """The intern writes to the officers of their case, by its receipt code."""
    case = await service.case_by_receipt(
        session=session, code_key=code_key, typed=data.receipt_code
    )
    message = await service.send(
        session=session, cipher=cipher, case=case, text=data.text, officer=None
    )
    body = InternMessage(author=Author.intern, text=data.text, sent_at=message.sent_at)
    return JSONResponse(body.model_dump(mode="json"), status_code=201, headers=PRIVATE)


@router.post(
    "/public/red-button/thread",
    response_model=list[InternMessage],
    responses=problem_responses(InvalidInput, NotFound),
)
async def read_intern_thread(
    data: ThreadRequest, session: DbSession, cipher: Cipher, code_key: CodeKey
) -> JSONResponse:
    """The intern reads their case's messages, oldest first, by its receipt code."""
    case = await service.case_by_receipt(
        session=session, code_key=code_key, typed=data.receipt_code
    )
    thread = await service.intern_thread(session=session, cipher=cipher, case=case)
    return JSONResponse([m.model_dump(mode="json") for m in thread], headers=PRIVATE)


@router.get(
    "/red-button/cases/{case_id}/messages",
    response_model=list[MessagePublic],
    responses=problem_responses(*AUTH, NotFound),
)
async def read_messages(
    case_id: uuid.UUID,
    session: DbSession,
    actor: ProtectionOfficer,
    cipher: Cipher,
    case: CurrentCase,
) -> JSONResponse:
    """The case's messages, oldest first; every read audited."""
    thread = await service.officer_thread(session=session, cipher=cipher, case=case, actor=actor)
    return JSONResponse([m.model_dump(mode="json") for m in thread], headers=PRIVATE)


@router.post(
    "/red-button/cases/{case_id}/messages",
    status_code=201,
    response_model=MessagePublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput),
)
async def send_officer_message(
    case_id: uuid.UUID,
    data: MessageCreate,
    session: DbSession,
    actor: ProtectionOfficer,
    cipher: Cipher,
    case: CurrentCase,
) -> JSONResponse:
    """An officer writes to the intern, who reads it with the receipt code."""
    message = await service.send(
        session=session, cipher=cipher, case=case, text=data.text, officer=actor
    )
    body = MessagePublic(
        id=message.id,
        author=Author.officer,
        officer=actor.username,
        text=data.text,
        sent_at=message.sent_at,
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=201, headers=PRIVATE)


@router.put(
    "/red-button/staff/{username}",
    response_model=StaffPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def register_officer(
    username: Annotated[str, Path(min_length=1, max_length=200)],
    data: StaffRegister,
    session: DbSession,
    actor: Head,
    code_key: CodeKey,
    settings: CurrentSettings,
) -> StaffPublic:
    """The head registers a protection officer's name (as an intern would write it; only
    its keyed hash is kept) and the unit where they supervise interns: a case naming
    either is hidden from that officer (conflict of interest)."""
    entry = await service.register(
        session=session,
        code_key=code_key,
        username=username,
        data=data,
        units=settings.units,
        actor=actor,
    )
    return StaffPublic.model_validate(entry, from_attributes=True)


async def _roster_body(session: DbSession, office: str) -> RosterPublic:
    rows = await service.roster(session, office)
    officers: dict[str, list[DutyWindow]] = {}
    for r in rows:
        officers.setdefault(r.username, []).append(
            DutyWindow(weekday=r.weekday, start=r.starts, end=r.ends)
        )
    calendar = await office_calendar(session, office)
    return RosterPublic(
        office=office,
        timezone=calendar.timezone,
        officers=[RosterOfficer(username=u, windows=w) for u, w in officers.items()],
    )


@router.put(
    "/red-button/roster",
    response_model=RosterPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def replace_roster(data: RosterPut, session: DbSession, actor: Head) -> RosterPublic:
    """The head replaces the office's on-duty roster: each protection officer's windows
    (ISO weekday, start, end; 00:00 ends at midnight) in the office's own zone. A case
    raised alerts the officers on duty then; nobody on duty, every protection officer."""
    await service.replace_roster(session=session, data=data, actor=actor)
    return await _roster_body(session, actor.office)


@router.get(
    "/red-button/roster",
    response_model=RosterPublic,
    responses=problem_responses(*AUTH),
)
async def read_roster(session: DbSession, actor: OfficerOrHead) -> RosterPublic:
    """The office's on-duty roster, to its protection officers and its head."""
    return await _roster_body(session, actor.office)


@router.get(
    "/red-button/alerts",
    response_model=list[AlertPublic],
    responses=problem_responses(*AUTH),
)
async def open_alerts(session: DbSession, actor: OfficerOrHead) -> JSONResponse:
    """The caller's open alerts (cases still unacknowledged), oldest first: reference,
    time and severity only; a case that names the caller never shows. For the web app
    to poll; every case shown is an audited read."""
    found = await service.open_alerts(session=session, actor=actor)
    body = [
        AlertPublic(
            id=a.alert.id,
            case_id=a.case.id,
            office=a.case.office,
            severity=a.case.severity,
            raised_at=a.case.raised_at,
            level=a.alert.level,
            alerted_at=a.alert.alerted_at,
        ).model_dump(mode="json")
        for a in found
    ]
    return JSONResponse(body, headers=PRIVATE)


@router.get(
    "/red-button/statistics",
    response_model=list[MonthStatsPublic],
    responses=problem_responses(*AUTH),
)
async def statistics(
    session: DbSession, actor: OfficerOrHead, settings: CurrentSettings
) -> list[MonthStatsPublic]:
    """The caller's office's cases per month (its own zone), oldest first, with the median
    minutes to acknowledge and to the first protective action; a month under
    `APIK_STATISTICS_MIN_COUNT` cases shows neither its count nor its times."""
    months = await service.monthly(
        session=session, office=actor.office, min_count=settings.statistics_min_count
    )
    return [
        MonthStatsPublic(
            month=m.month.strftime("%Y-%m"),
            cases=m.cases,
            median_acknowledge_minutes=m.median_acknowledge_minutes,
            median_protect_minutes=m.median_protect_minutes,
        )
        for m in months
    ]
