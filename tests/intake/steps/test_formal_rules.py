"""Formal verification's rules, worked by hand: the identity it needs, the age limit, the
checklist once the system's findings apply, and the deadline that runs from the notice."""

from __future__ import annotations

from datetime import UTC, date, datetime

from apik_intake.reporters.rules import Identity, Representative
from apik_intake.steps.rules import (
    deadline_after_incomplete,
    formal_gaps,
    identity_gaps,
    within_age_limit,
)
from apik_shared.vocabulary.calendar import OfficeCalendar

WIB = OfficeCalendar(timezone="Asia/Jakarta")
WHOLE = Identity(
    name="Budi Santoso",
    nik="1771010101900001",
    place_of_birth="Bengkulu",
    date_of_birth=date(1990, 1, 1),
    address="Jl. Salak No. 5",
    occupation="Petani",
)
TICKED = {"identity": True, "chronology": True, "prior_complaint": True, "within_two_years": True}


def test_the_identity_is_the_domain_pages_list():
    assert identity_gaps(WHOLE, represented=False) == []
    # A name and a phone, as a walk-in often gives: five of the six items missing.
    bare = Identity(name="Budi Santoso", phone="+6281234567890")
    assert identity_gaps(bare, represented=False) == [
        "place_of_birth",
        "date_of_birth",
        "address",
        "occupation",
        "nik",
    ]
    # A NIK of 15 digits is no NIK (the input type refuses it too; a row sealed before
    # that check is caught here).
    assert identity_gaps(
        WHOLE.model_copy(update={"nik": "177101010190000"}), represented=False
    ) == ["nik"]
    # Anonymised by retention: nothing is left to verify.
    assert identity_gaps(None, represented=True)[-1] == "power_of_attorney"


def test_a_representative_needs_the_power_of_attorney_number():
    agent = Representative(name="Rina Marlina", relationship="advokat")
    with_agent = WHOLE.model_copy(update={"representative": agent})
    assert identity_gaps(with_agent, represented=True) == ["power_of_attorney"]
    signed = agent.model_copy(update={"power_of_attorney_number": "SK-12/2026"})
    assert (
        identity_gaps(WHOLE.model_copy(update={"representative": signed}), represented=True) == []
    )


def test_the_age_limit_runs_from_the_event_to_the_receipt():
    # Received 24 Nov 2026: two years back is 24 Nov 2024. An event that day is within
    # (exactly two years), the day before is not.
    received = date(2026, 11, 24)
    assert within_age_limit(date(2024, 11, 24), received, years=2, ticked=False)
    assert not within_age_limit(date(2024, 11, 23), received, years=2, ticked=True)
    # The 2021 event of the issue, ticked "within two years" by an officer: the date decides.
    assert not within_age_limit(date(2021, 3, 1), received, years=2, ticked=True)
    # An office with a limit of three years: 24 Nov 2023 is the first day within.
    assert within_age_limit(date(2023, 11, 24), received, years=3, ticked=None)
    assert not within_age_limit(date(2023, 11, 23), received, years=3, ticked=None)
    # Received 29 Feb 2028: two years back has no 29 Feb, the limit falls on 28 Feb 2026.
    assert within_age_limit(date(2026, 2, 28), date(2028, 2, 29), years=2, ticked=None)
    # No event date: only the officer's finding says.
    assert within_age_limit(None, received, years=2, ticked=True)
    assert not within_age_limit(None, received, years=2, ticked=None)


def test_the_checklist_applies_the_systems_findings():
    assert (
        formal_gaps(
            TICKED, represented=False, identity_missing=[], within_limit=True, excepted=False
        )
        == []
    )
    # Ticked, but the identity lacks the NIK: identity is a gap whatever the tick says.
    assert formal_gaps(
        TICKED, represented=False, identity_missing=["nik"], within_limit=True, excepted=False
    ) == ["identity"]
    # A 2021 event: a gap unless a head excepted it.
    assert formal_gaps(
        TICKED, represented=False, identity_missing=[], within_limit=False, excepted=False
    ) == ["within_two_years"]
    assert (
        formal_gaps(
            TICKED, represented=False, identity_missing=[], within_limit=False, excepted=True
        )
        == []
    )
    # An officer who found the identity wrong (the KTP does not match) is not overruled.
    assert formal_gaps(
        {**TICKED, "identity": False},
        represented=False,
        identity_missing=[],
        within_limit=True,
        excepted=False,
    ) == ["identity"]
    # Represented, the power of attorney ticked but its number not recorded: that item only.
    assert formal_gaps(
        {**TICKED, "power_of_attorney": True},
        represented=True,
        identity_missing=["power_of_attorney"],
        within_limit=True,
        excepted=False,
    ) == ["power_of_attorney"]


def test_the_deadline_runs_from_the_notice_and_is_not_restarted():
    # Notice at 10:00 WIB on 2 March 2026 (03:00 UTC): day 30 is 1 April, over at
    # midnight WIB, i.e. 17:00 UTC on 1 April.
    notice = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    first = deadline_after_incomplete(None, notice, 30, WIB)
    assert first == datetime(2026, 4, 1, 17, 0, tzinfo=UTC)
    # No notice recorded: no deadline yet (the report waits for one).
    assert deadline_after_incomplete(None, None, 30, WIB) is None
    # A second "incomplete" ten days later, with another notice: still 1 April.
    later = datetime(2026, 3, 12, 3, 0, tzinfo=UTC)
    assert deadline_after_incomplete(first, later, 30, WIB) == first
