"""Registering a report of any kind: a number, the sealed reporter, the first step."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any

from pydantic_core import PydanticCustomError
from sqlalchemy.ext.asyncio import AsyncSession

from apik_intake.duplicates.service import (
    candidate_parameters,
    publish_link,
    signature,
)
from apik_intake.models import Outreach, Report
from apik_intake.notifications.service import registered_notification
from apik_intake.reference.service import substance_usable
from apik_intake.reporters.rules import Identity, Representative
from apik_intake.reporters.service import recognise_reporter
from apik_intake.reports import rules
from apik_intake.reports.rules import Kind, Step
from apik_intake.reports.schemas import Channel, ReportCreate
from apik_intake.reports.service.community import active_member_problem
from apik_intake.reports.service.lookup import get_report, timeline
from apik_intake.reports.service.writing import write_registration
from apik_intake.steps.service import apply_step, ref_of_row
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import driver_connection
from apik_shared.platform.events.outbox import Committed, Outbox
from apik_shared.platform.events.payloads import ReportRegistered
from apik_shared.platform.events.publish import outbox_of
from apik_shared.platform.offices import office, office_calendar
from apik_shared.platform.problems import InvalidInput, NotFound
from apik_shared.vocabulary.field_errors import invalid

# No look-alikes (0/O, 1/I/L): read out over the phone, typed from a letter.
_NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_registration_number(office: str, year: int) -> str:
    """`BKL-2026-7K3Q-M9XD-2HFP`: the office, its year, and 60 random bits.

    Random, not counted: the number is what a stranger would need to find a report on
    the public tracking page, and a sequence (`BKL-2026-00041`, then `-00042`) hands out
    every other reporter's. 60 bits make a collision within an office's year
    vanishingly rare (the unique index would refuse it, not overwrite). Agenda numbers
    of letters stay sequential (`records/`): they are the office's, not a key.
    """
    # 60 random bits drawn at once, 5 to a character (the alphabet has 32): the same
    # numbers as twelve draws of a character, for one read of the system's randomness
    # instead of twelve.
    bits = secrets.randbits(60)
    code = "".join(_NUMBER_ALPHABET[(bits >> (5 * i)) & 31] for i in range(12))
    return f"{office}-{year}-{code[:4]}-{code[4:8]}-{code[8:]}"


async def _check(
    session: AsyncSession, data: ReportCreate, actor: Principal, received_on: date
) -> None:
    """Every problem of the request at once, each naming its field; nothing is written."""
    given = {name for name in data.model_fields_set if getattr(data, name) not in (None, [])}
    errors: list[tuple[str, PydanticCustomError]] = [
        (f"#/body/{field}", why) for field, why in rules.kind_problems(data.kind, given)
    ]
    # National or the office's own: another office's own substance is unknown here.
    if data.substance is not None and not await substance_usable(
        session=session, code=data.substance, office=actor.office
    ):
        unknown = invalid(
            "unknown_substance", "Unknown substance '{substance}'.", substance=data.substance
        )
        errors.append(("#/body/substance", unknown))
    if data.linked_report_id is not None:
        try:
            await get_report(session=session, report_id=data.linked_report_id, actor=actor)
        except NotFound:
            no_report = invalid("unknown_report", "No such report in this office.")
            errors.append(("#/body/linked_report_id", no_report))
    if data.channel is Channel.outreach and data.outreach_id is None:
        needed = invalid("outreach_required", "Say at which outreach it was taken.")
        errors.append(("#/body/outreach_id", needed))
    if data.outreach_id is not None:
        outreach = await session.get(Outreach, data.outreach_id)
        if outreach is None or outreach.office != actor.office:
            no_outreach = invalid("unknown_outreach", "No such outreach in this office.")
            errors.append(("#/body/outreach_id", no_outreach))
    if data.channel is Channel.community and data.community_member_id is None:
        who = invalid("member_required", "Say which Sahabat Ombudsman member brought it.")
        errors.append(("#/body/community_member_id", who))
    if data.channel is Channel.community and data.community_member_id is not None:
        problem = await active_member_problem(session, data.community_member_id, actor.office)
        if problem is not None:
            errors.append(("#/body/community_member_id", problem))
    if data.channel is not Channel.community and data.community_member_id is not None:
        not_community = invalid(
            "member_community_only", "Only a report on the `community` channel names a member."
        )
        errors.append(("#/body/community_member_id", not_community))
    if data.event_date is not None and data.event_date > received_on:
        after = invalid("event_after_receipt", "The event is after the report's receipt.")
        errors.append(("#/body/event_date", after))
    if errors:
        raise InvalidInput.each(errors)


def _flags(data: ReportCreate, received_on: date, age_limit_years: int) -> list[str]:
    """Accepted, but pointed out to formal verification (which refuses an old event)."""
    flags = []
    if rules.event_too_old(data.event_date, received_on, years=age_limit_years):
        flags.append(rules.TOO_OLD)
    return flags


def _identity(data: ReportCreate, office_name: str) -> Identity:
    given = data.reporter
    if given is None:
        # An own-initiative investigation: the office stands as its own reporter, so that
        # the handoff's `reporter_id` (which examination requires) names a row saying so,
        # and no person's data is made up or kept.
        return Identity(name=f"{office_name} (investigasi atas prakarsa sendiri)")
    return Identity(
        **given.model_dump(exclude={"confidential", "representative", "notify_by"}),
        representative=(
            Representative(**given.representative.model_dump()) if given.representative else None
        ),
    )


@dataclass(frozen=True)
class Registered:
    """A new report and what its answer shows, as they were written: the answer is built
    from them, not read back (two round trips fewer on the hot path). `row` holds every
    column of the report; the ORM object (`report`) is made only for a caller that
    needs one, since building it costs more than writing it."""

    row: dict[str, Any]
    steps: list[dict[str, Any]]
    link: tuple[uuid.UUID, list[str]]  # the reporter's person and what recognised them

    @cached_property
    def report(self) -> Report:
        return Report(**self.row)


def report_row(
    data: ReportCreate,
    actor: Principal,
    *,
    reporter_id: uuid.UUID,
    received: datetime,
    received_on: date,
    now: datetime,
    age_limit_years: int,
) -> dict[str, Any]:
    """Every column of the new report, as the INSERT writes it and the answer shows it
    (public for the at-scale benchmark, which times the write with the rows registration
    builds)."""
    agency, location = data.reported_agency, data.location
    agency_region = agency.region if agency else None
    return {
        "id": uuid.uuid4(),
        "office": actor.office,
        # The year is the office's, as the reports count it: 00:30 WIB on 1 January opens
        # the new one.
        "registration_number": new_registration_number(actor.office, received_on.year),
        "kind": data.kind.value,
        "channel": data.channel.value,
        "status": rules.INITIAL_STATUS[data.kind].value,
        "track": None,
        "reporter_id": reporter_id,
        "confidential": data.reporter.confidential if data.reporter else False,
        "reported_agency": agency.name if agency else None,
        "agency_type": agency.type.value if agency and agency.type else None,
        "agency_province": agency_region.province if agency_region else None,
        "agency_regency": agency_region.regency if agency_region else None,
        "substance": data.substance,
        "summary": data.summary,
        "chronology": data.chronology,
        "event_date": data.event_date,
        "maladministration": [form.value for form in data.maladministration],
        "location_province": location.province if location else None,
        "location_regency": location.regency if location else None,
        "question": data.question,
        "answer": None,
        "answered_at": None,
        "addressed_to": data.addressed_to,
        "linked_report_id": data.linked_report_id,
        "outreach_id": data.outreach_id,
        "community_member_id": data.community_member_id,
        "letter_number": data.letter_number,
        "link_type": None,
        # In the INSERT: set after it, it would cost an UPDATE re-indexing the row.
        "text_bands": (
            signature(data.summary, data.chronology) if data.kind is not Kind.KNL else None
        ),
        "represented": data.reporter is not None and data.reporter.representative is not None,
        "flags": _flags(data, received_on, age_limit_years),
        "completion_due": None,
        "examination_unit": None,
        "assignee": None,
        "assigned_at": None,
        "case_id": None,
        "case_outcome": None,
        "case_route": None,
        "case_closed_at": None,
        "survey_token": None,
        "tracking_pin_hash": None,
        "rejection_reason": None,
        "created_by": actor.username,
        "received_at": received,
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "notifications_stopped_at": None,
    }


def first_step(row: Mapping[str, Any], *, actor: Principal, at: datetime) -> dict[str, Any]:
    """The new report's first step, as the write stores it and the answer shows it."""
    return {
        "report_id": row["id"],
        "step": "registered",
        "from_status": None,
        "to_status": row["status"],
        "actor": actor.username,
        "details": {},
        "at": at,
    }


def registered_event(
    outbox: Outbox,
    row: Mapping[str, Any],
    *,
    at: datetime,
    external: tuple[str, str] | None = None,
) -> tuple[dict[str, Any], Committed]:
    """The `report.registered` event: its outbox row (for the write) and what the relay
    is handed at the commit."""
    portal, external_id = external or (None, None)
    envelope, outgoing = outbox.envelope(
        ReportRegistered.event_type,
        ReportRegistered(
            **ref_of_row(row), registered_at=at, portal=portal, external_id=external_id
        ),
        subject=str(row["id"]),
    )
    event = {
        "id": outgoing.id,
        "subject": outgoing.subject,
        "payload": outgoing.payload,
        "created_at": envelope.time,
    }
    return event, outgoing


async def register_report(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    index_key: bytes,
    data: ReportCreate,
    actor: Principal,
    duplicate_window_days: int = 180,
    age_limit_years: int = 2,
    cross_office_similarity: float = 0.6,
    external: tuple[str, str] | None = None,
) -> Registered:
    """`external`: the portal and its tracking id of a complaint pulled from a portal,
    announced with the registration (integration links the report for two-way sync)."""
    # Begins the transaction: its statements are planned once per connection (the
    # write's plan does not change with its values; planned on each call it cost more
    # than it ran) and for their indexes, however small the tables were then (a plan
    # made on a new office's tables would scan them whole for good); BEGIN carries
    # those settings in its own round trip.
    connection = await driver_connection(session, generic_plans=True)
    now = datetime.now(UTC)
    # In UTC as the database gives it back: the answer is built from these values, and
    # must read as a later GET does.
    received = (data.received_at or now).astimezone(UTC)
    # The day of receipt is the office's (WIB, WITA or WIT, as the office registry has it
    # now), not UTC's: an event of the office's today is no event "after the receipt" in
    # the early hours of its morning.
    calendar = await office_calendar(session, actor.office)
    received_on = calendar.local_date(received)
    await _check(session, data, actor, received_on)
    # The office's name only for its own investigation (that kind alone).
    held = await office(session, actor.office) if data.reporter is None else None
    reporter = await recognise_reporter(
        session=session,
        cipher=cipher,
        index_key=index_key,
        office=actor.office,
        identity=_identity(data, held.name if held else actor.office),
    )
    row = report_row(
        data,
        actor,
        reporter_id=reporter.id,
        received=received,
        received_on=received_on,
        now=now,
        age_limit_years=age_limit_years,
    )
    step = first_step(row, actor=actor, at=received)
    # The reporter's first message, in this transaction (no row when no channel applies).
    notification = registered_notification(
        cipher=cipher,
        report_id=row["id"],
        office=row["office"],
        status=row["status"],
        reporter=data.reporter,
    )
    outbox = outbox_of(session, ReportRegistered)
    event, outgoing = registered_event(outbox, row, at=received, external=external)
    searched = data.kind is not Kind.KNL
    # The write also scores and stores the duplicate candidates and the same letter held
    # elsewhere (`duplicates.service.CANDIDATE_CTES`).
    await write_registration(
        connection,
        reporter=reporter.row,
        report=row,
        step=step,
        notification=notification,
        event=event,
        search=(
            candidate_parameters(
                row,
                person_id=reporter.person_id,
                window_days=duplicate_window_days,
                cross_office_similarity=cross_office_similarity,
            )
            if searched
            else None
        ),
    )
    # Handed to the relay at the commit, as `publish` does.
    outbox.written(session, [outgoing])
    link = (reporter.person_id, list(reporter.matched_on))
    registered = Registered(row, [step], link)
    if data.kind is Kind.TEMBUSAN and data.linked_report_id is not None:
        await publish_link(
            session=session,
            report=registered.report,
            linked_report_id=data.linked_report_id,
            link="copy",
            actor=actor,
            at=now,
        )
    if data.kind is Kind.KNL and data.answer:
        # Answered at the desk: registered and closed in one request.
        answered = await apply_step(
            session=session,
            report=registered.report,
            step=Step.answer,
            actor=actor,
            details={"answer": data.answer},
            decided_at=data.received_at,
        )
        steps = await timeline(session=session, report_id=answered.id)
        return Registered(
            answered.model_dump(),
            [step.model_dump(exclude={"id"}) for step in steps],
            link,
        )
    return registered
