"""The rules of a report's steps (pure): the formal checklist, the completion deadline,
what fails material verification, what a plenary decision needs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from pydantic_core import PydanticCustomError

from apik_intake.reporters.rules import Identity
from apik_intake.reports.rules import Step, event_too_old
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.field_errors import invalid
from apik_shared.vocabulary.labels import Label

# The checklist of formal verification; the power of attorney only when represented.
CHECKLIST = ("identity", "chronology", "prior_complaint", "within_two_years", "power_of_attorney")


def checklist_gaps(checklist: dict[str, bool | None], *, represented: bool) -> list[str]:
    """The items not satisfied, in checklist order."""
    gaps = []
    for item in CHECKLIST:
        if item == "power_of_attorney" and not represented:
            continue
        if not checklist.get(item):
            gaps.append(item)
    return gaps


# The identity formal verification needs of an LM or RCO reporter (the domain page's
# list); a consultation (KNL) needs only the name it is registered with.
IDENTITY_FIELDS = ("name", "place_of_birth", "date_of_birth", "address", "occupation", "nik")
# Their names, as a refusal listing what the identity lacks says them (mid-sentence).
IDENTITY_ITEMS: Mapping[str, Label] = {
    "name": Label("nama", "name"),
    "place_of_birth": Label("tempat lahir", "place of birth"),
    "date_of_birth": Label("tanggal lahir", "date of birth"),
    "address": Label("alamat", "address"),
    "occupation": Label("pekerjaan", "occupation"),
    "nik": Label("NIK", "NIK"),
}


def identity_gaps(identity: Identity | None, *, represented: bool) -> list[str]:
    """The identity items the reporter has not given, in `IDENTITY_FIELDS` order, then the
    power of attorney (`representative.power_of_attorney_number`) when represented.

    An anonymised identity (None) lacks everything: nothing is left to verify."""
    if identity is None:
        return [*IDENTITY_FIELDS, *(["power_of_attorney"] if represented else [])]
    given = identity.model_dump()
    gaps = [name for name in IDENTITY_FIELDS if not given.get(name)]
    if identity.nik and not (len(identity.nik) == 16 and identity.nik.isdigit()):
        gaps.append("nik")  # the NIK has 16 digits (the input type checks it too)
    agent = identity.representative
    if represented and (agent is None or not agent.power_of_attorney_number):
        gaps.append("power_of_attorney")
    return list(dict.fromkeys(gaps))


def within_age_limit(
    event_date: date | None, received_on: date, *, years: int, ticked: bool | None
) -> bool:
    """Whether the event is within the limit (2 years by default) of the report's receipt.

    Measured from the event's date to the day the office received the report, both on the
    office's calendar: the reporter's delay in writing is what the limit is about, not
    the office's in verifying. A known event date decides, whatever the officer ticks;
    without one, the officer's finding (`within_two_years`) is all there is."""
    if event_date is None:
        return bool(ticked)
    return not event_too_old(event_date, received_on, years=years)


def formal_gaps(
    checklist: Mapping[str, bool | None],
    *,
    represented: bool,
    identity_missing: list[str],
    within_limit: bool,
    excepted: bool,
) -> list[str]:
    """The checklist items not satisfied once the system's own findings are applied: the
    identity is incomplete when any of it is missing (whatever is ticked), and the age
    limit holds only when the dates say so, or a head recorded an exception; the power of
    attorney, when represented, needs its number recorded with the representative."""
    found = dict(checklist)
    # A power of attorney missing from the identity is that item's gap, not the identity's.
    person = [gap for gap in identity_missing if gap != "power_of_attorney"]
    found["identity"] = bool(found.get("identity")) and not person
    if "power_of_attorney" in identity_missing:
        found["power_of_attorney"] = False
    found["within_two_years"] = within_limit or excepted
    return checklist_gaps(found, represented=represented)


def completion_deadline(notified_at: datetime, days: int, calendar: OfficeCalendar) -> datetime:
    """The reporter has `days` calendar days from the notice (30 by default) to complete.

    The days are the office's: the notice's day is counted on the office's calendar (a
    notice at 23:30 WIB is on that day, whatever the UTC date), and the deadline is the
    end of the `days`-th day after it, i.e. the office's next midnight (returned in UTC).
    The report is overdue from that instant on."""
    last_day = calendar.local_date(notified_at) + timedelta(days=days)
    end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=calendar.zone)
    return end.astimezone(UTC)


def deadline_after_incomplete(
    current_due: datetime | None, notified_at: datetime | None, days: int, calendar: OfficeCalendar
) -> datetime | None:
    """The completion deadline after an "incomplete": it runs from the recorded notice to
    the reporter, so no notice means no deadline yet (the report waits for one); once
    running, a second "incomplete" does not restart it (the reporter's 30 days are
    theirs, not renewed each time the office finds another gap)."""
    if current_due is not None:
        return current_due
    if notified_at is None:
        return None
    return completion_deadline(notified_at, days, calendar)


def material_failures(
    *,
    within_authority: bool,
    already_reported: bool | None,
    in_court: bool | None,
    agency_still_handling: bool | None,
) -> list[str]:
    """Why a report fails material verification (empty: it passes)."""
    failures = [] if within_authority else ["not_within_authority"]
    failures += [
        name
        for name, holds in (
            ("already_reported", already_reported),
            ("in_court", in_court),
            ("agency_still_handling", agency_still_handling),
        )
        if holds
    ]
    return failures


def material_step(failures: list[str], note: str | None) -> tuple[Step, dict[str, object]]:
    """The step material verification takes, and what it records beyond the body."""
    if not failures:
        return Step.material_within_authority, {}
    return Step.material_outside_authority, {
        "failures": failures,
        "reason": note or ", ".join(failures),
    }


PlenaryChoice = Literal["accept", "reject", "rco"]
PLENARY_STEPS: dict[str, Step] = {
    "accept": Step.plenary_accept,
    "reject": Step.plenary_reject,
    "rco": Step.plenary_rco,
}


def plenary_problems(
    decision: PlenaryChoice, *, reason: str | None, examination_unit: str | None
) -> list[tuple[str, PydanticCustomError]]:
    """(field, why) for what the decision lacks or must not have."""
    problems = []
    if decision == "reject" and not reason:
        problems.append(
            ("reason", invalid("rejection_reason_required", "A rejection needs a reason."))
        )
    if decision == "reject" and examination_unit:
        problems.append(
            (
                "examination_unit",
                invalid("rejected_goes_nowhere", "A rejected report goes nowhere."),
            )
        )
    return problems


def track_of(step: Step) -> str | None:
    """The examination track a plenary step sends the report on (None: no plenary)."""
    if step is Step.plenary_rco:
        return "rapid_response"
    return "regular" if step is Step.plenary_accept else None
