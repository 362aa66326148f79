"""The facade's use cases: offices as jurisdictions, substances as services, a report
filed through intake's own registration, reports read as the tracking page shows them.
They add and flush; the boundary commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Report, Substance
from apik_intake.open311 import rules
from apik_intake.open311.rules import Open311Failure, RequestFilter, SpecError
from apik_intake.open311.rules.tokens import report_of_token as request_token_report
from apik_intake.open311.rules.tokens import request_token
from apik_intake.open311.schemas import Open311Request, Receipt, Service, ServiceRequest
from apik_intake.reference.service import active_substances, usable_substance
from apik_intake.reports import service as reports
from apik_intake.reports.schemas import Channel, ReportCreate
from apik_intake.settings import Settings
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.offices import office
from apik_shared.platform.problems import InvalidInput
from apik_shared.vocabulary.calendar import DEFAULT_TIMEZONE


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    timezone: str


async def jurisdiction(*, session: AsyncSession, code: str, settings: Settings) -> Jurisdiction:
    """An office that takes public reports, as intake's copy of the registry knows it."""
    state = await office(session, code)
    if state is None or (settings.public_offices and code not in settings.public_offices):
        raise Open311Failure.one(404, f"jurisdiction_id: no office {code!r} takes reports here.")
    return Jurisdiction(state.code, state.name, state.timezone)


async def services(
    *, session: AsyncSession, settings: Settings, office_code: str | None, in_english: bool
) -> list[dict[str, Any]]:
    """The active substances offered to the office (the national catalogue without one)."""
    if office_code is not None:
        await jurisdiction(session=session, code=office_code, settings=settings)
        rows = await active_substances(session=session, office=office_code)
    else:
        rows = list(
            (
                await session.execute(
                    select(Substance)
                    .where(col(Substance.active).is_(True), col(Substance.office).is_(None))
                    .order_by(Substance.code)
                )
            ).scalars()
        )
    return [_service(row, in_english).model_dump() for row in rows]


def _service(row: Substance, in_english: bool) -> Service:
    name = row.name_en if in_english else row.name_id
    if in_english:
        about = f"A report of maladministration in public services: {row.name_en}."
    else:
        about = f"Laporan dugaan maladministrasi pelayanan publik bidang {row.name_id}."
    return Service(
        service_code=row.code,
        service_name=name,
        description=about,
        metadata=True,  # every substance has the attributes below
        type="realtime",  # the registration number is given at once
        keywords="",
        group=row.office or "nasional",
    )


async def definition(
    *,
    session: AsyncSession,
    settings: Settings,
    code: str,
    office_code: str | None,
    in_english: bool,
) -> dict[str, Any]:
    if office_code is not None:
        await jurisdiction(session=session, code=office_code, settings=settings)
    found = await usable_substance(session=session, code=code, office=office_code or "")
    if found is None:
        raise Open311Failure.one(404, f"service_code: no service {code!r} here.")
    return {"service_code": code, "attributes": rules.definition_attributes(in_english=in_english)}


async def file_request(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    index_key: bytes,
    settings: Settings,
    actor: Principal,
    data: Open311Request,
    token_key: bytes,
) -> Receipt:
    """Registers a public report (LM) on the `open311` channel through intake's own
    registration: the same checks, NIK structure, duplicate candidates, first notice to
    the reporter and `report.registered`. `actor` is the API client the key named."""
    code = data.jurisdiction_id or actor.office
    if not actor.can_see_office(code):
        raise Open311Failure.one(403, f"jurisdiction_id: this api_key files with {actor.office}.")
    place = await jurisdiction(session=session, code=code, settings=settings)
    if await usable_substance(session=session, code=data.service_code, office=code) is None:
        raise Open311Failure.one(400, f"service_code: no service {data.service_code!r} here.")
    body = _registration(data)
    try:
        registration = ReportCreate.model_validate(body)
    except ValidationError as exc:
        raise Open311Failure(
            [SpecError(400, f"{rules.open311_name(e['loc'])}: {e['msg']}") for e in exc.errors()]
        ) from None
    filer = Principal(
        subject=actor.subject,
        username=actor.username,
        office=place.code,
        roles=actor.roles,
        kind=actor.kind,
    )
    try:
        registered = await reports.register_report(
            session=session,
            cipher=cipher,
            index_key=index_key,
            data=registration,
            actor=filer,
            duplicate_window_days=settings.duplicate_window_days,
            age_limit_years=settings.age_limit_years,
            cross_office_similarity=settings.cross_office_similarity,
        )
    except InvalidInput as problem:
        raise Open311Failure(_from_problem(problem)) from None
    number = registered.row["registration_number"]
    return Receipt(
        service_request_id=number,
        token=request_token(token_key, registered.report.id),
        service_notice=(
            f"Laporan diterima dengan nomor registrasi {number}. {place.name} "
            "memverifikasi kelengkapannya dan menghubungi pelapor melalui kontak yang "
            "diberikan."
        ),
    )


def _registration(data: Open311Request) -> dict[str, Any]:
    """The form as intake's registration body; what the spec leaves optional but an
    Ombudsman report needs is refused here, each named by its Open311 field."""
    errors = []
    if not rules.located(data.lat, data.long, data.address_string, data.address_id):
        errors.append(SpecError(400, "lat: give lat and long, address_string or address_id."))
    name = rules.reporter_name(data.first_name, data.last_name)
    if name is None:
        errors.append(SpecError(400, "first_name: the reporter's name is required."))
    if not data.description:
        errors.append(SpecError(400, "description: say what happened."))
    attribute = data.attribute
    agency = _single(attribute, "reported_agency")
    if not agency:
        errors.append(SpecError(400, "attribute[reported_agency]: the agency is required."))
    confidential = _single(attribute, "confidential") or "false"
    if confidential not in ("true", "false"):
        errors.append(SpecError(400, "attribute[confidential]: true or false."))
    if errors:
        raise Open311Failure(errors)
    assert data.description is not None
    reporter: dict[str, Any] = {"name": name, "confidential": confidential == "true"}
    for field, value in (
        ("nik", _single(attribute, "nik")),
        ("email", data.email),
        ("phone", data.phone),
    ):
        if value:
            reporter[field] = value
    reported: dict[str, Any] = {"name": agency}
    if agency_type := _single(attribute, "agency_type"):
        reported["type"] = agency_type
    body: dict[str, Any] = {
        "kind": "LM",
        "channel": Channel.open311.value,
        "reporter": reporter,
        "reported_agency": reported,
        "substance": data.service_code,
        "summary": rules.summary_of(data.description),
        "chronology": rules.chronology_of(
            chronology=_single(attribute, "chronology"),
            description=data.description,
            address=data.address_string,
            lat=data.lat,
            long=data.long,
            address_id=data.address_id,
            media_url=data.media_url,
        ),
        "maladministration": _many(attribute, "maladministration"),
    }
    if (happened := rules.event_date(_single(attribute, "event_date"))) is not None:
        body["event_date"] = happened
    return body


def _single(attribute: dict[str, str | list[str]], code: str) -> str | None:
    value = attribute.get(code)
    return value if isinstance(value, str) and value else None


def _many(attribute: dict[str, str | list[str]], code: str) -> list[str]:
    value = attribute.get(code, [])
    return [value] if isinstance(value, str) else list(value)


def _from_problem(problem: InvalidInput) -> list[SpecError]:
    """Registration's own refusals (`#/body/event_date`), named by their Open311 field."""
    if not problem.errors:
        return [SpecError(400, problem.detail)]
    return [
        SpecError(
            400,
            f"{rules.open311_name(str(e.get('pointer', '')).removeprefix('#/body/').split('/'))}"
            f": {e.get('detail', problem.detail)}",
        )
        for e in problem.errors
    ]


# --- Reading: only reports filed through Open311, only what the tracking page shows ---


def _closed() -> sa.ColumnElement[bool]:
    return sa.or_(
        col(Report.status).in_(rules.CLOSED_STATUSES), col(Report.case_closed_at).is_not(None)
    )


async def find_requests(
    *, session: AsyncSession, settings: Settings, filters: RequestFilter, in_english: bool
) -> list[dict[str, Any]]:
    """Reports filed on the `open311` channel only: their numbers were handed to the
    app that filed them, while a web report's number opens nothing without its PIN. A
    confidential report is listed only when asked for by its number."""
    query = select(Report).where(col(Report.channel) == Channel.open311.value)
    if filters.jurisdiction is not None:
        await jurisdiction(session=session, code=filters.jurisdiction, settings=settings)
        query = query.where(col(Report.office) == filters.jurisdiction)
    if filters.numbers:
        query = query.where(col(Report.registration_number).in_(filters.numbers))
    else:
        assert filters.start is not None and filters.end is not None
        query = query.where(
            col(Report.confidential).is_(False),
            col(Report.received_at) >= filters.start,
            col(Report.received_at) <= filters.end,
        )
        if filters.service_codes:
            query = query.where(col(Report.substance).in_(filters.service_codes))
        if filters.statuses == {"open"}:
            query = query.where(sa.not_(_closed()))
        elif filters.statuses == {"closed"}:
            query = query.where(_closed())
    query = query.order_by(col(Report.received_at).desc()).limit(rules.MAX_RESULTS)
    rows = list((await session.execute(query)).scalars())
    return await _shown(session, rows, in_english)


async def find_request(
    *, session: AsyncSession, number: str, in_english: bool
) -> list[dict[str, Any]]:
    """One report by its number, as a one-item list (the spec's shape)."""
    row = (
        await session.execute(
            select(Report).where(
                col(Report.registration_number) == number,
                col(Report.channel) == Channel.open311.value,
            )
        )
    ).scalar_one_or_none()
    if row is None:
        raise Open311Failure.one(404, f"service_request_id: no request {number!r}.")
    return await _shown(session, [row], in_english)


async def find_token(*, session: AsyncSession, token: str, key: bytes) -> list[dict[str, Any]]:
    """The request a token names (the spec's `tokens/{token}`): its number and the token."""
    report_id = request_token_report(key, token)
    row = None
    if report_id is not None:
        row = (
            await session.execute(
                select(Report).where(
                    col(Report.id) == report_id, col(Report.channel) == Channel.open311.value
                )
            )
        ).scalar_one_or_none()
    if row is None:
        raise Open311Failure.one(404, f"token: no request {token!r}.")
    return [{"service_request_id": row.registration_number, "token": token}]


async def _shown(
    session: AsyncSession, rows: list[Report], in_english: bool
) -> list[dict[str, Any]]:
    codes = {r.substance for r in rows if r.substance}
    names: dict[str, str] = {}
    if codes:
        found = await session.execute(select(Substance).where(col(Substance.code).in_(codes)))
        names = {s.code: (s.name_en if in_english else s.name_id) for s in found.scalars()}
    offices: dict[str, Jurisdiction] = {}
    for code in {r.office for r in rows}:
        state = await office(session, code)
        offices[code] = (
            Jurisdiction(code, state.name, state.timezone)
            if state is not None
            else Jurisdiction(code, code, DEFAULT_TIMEZONE)
        )
    return [_request(r, names, offices[r.office]).model_dump() for r in rows]


def _request(row: Report, names: dict[str, str], place: Jurisdiction) -> ServiceRequest:
    closed = row.case_closed_at is not None
    updated = max(row.updated_at, row.case_closed_at) if row.case_closed_at else row.updated_at
    return ServiceRequest(
        service_request_id=row.registration_number,
        status=rules.public_status(row.status, closed),
        status_notes=rules.status_notes(row.status, closed),
        service_name=names.get(row.substance or "", row.substance or ""),
        service_code=row.substance,
        agency_responsible=place.name,
        requested_datetime=_local(row.received_at, place.timezone),
        updated_datetime=_local(updated, place.timezone),
    )


def _local(instant: datetime, timezone: str) -> str:
    """In the office's own zone, with its offset, as the spec asks (ISO 8601)."""
    return instant.astimezone(ZoneInfo(timezone)).isoformat(timespec="seconds")
