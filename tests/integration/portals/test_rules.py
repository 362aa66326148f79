"""The pure push rules, worked by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from apik_integration.portals import rules
from apik_shared.vocabulary.calendar import OfficeCalendar

MAP = {"report.verified": "verified", "case.closed": "closed"}


def test_what_an_event_becomes_for_a_portal() -> None:
    assert rules.send_kind("report.registered", MAP) is rules.Kind.report
    assert rules.send_kind("report.verified", MAP) is rules.Kind.update
    assert rules.send_kind("case.closed", MAP) is rules.Kind.update
    assert rules.send_kind("case.assigned", MAP) is None  # not in the map: not sent
    assert rules.send_kind("report.verified", {}) is None


def test_the_report_carries_references_only() -> None:
    data = {
        "registration_number": "0001/KAB/XII/2026",
        "office": "KAB",
        "kind": "LM",
        "channel": "walk_in",
        "reporter_id": "rep-9",
        "summary": "Pungutan liar di kelurahan",
        "registered_at": "2026-12-06T02:00:00+00:00",
    }
    payload = rules.report_payload(data)
    assert "reporter_id" not in payload and "summary" not in payload
    assert payload["registration_number"] == "0001/KAB/XII/2026"
    assert payload["substance"] is None


def test_an_update_names_the_portal_status() -> None:
    payload = rules.update_payload("case.closed", {"outcome": "resolved"}, MAP, "2026-12-06")
    assert payload == {
        "status": "closed",
        "event_type": "case.closed",
        "at": "2026-12-06",
        "outcome": "resolved",
    }


def test_the_retry_schedule_and_its_end() -> None:
    # FixMyStreet's rhythm: 5 minutes, then every 30.
    schedule = [300.0, 1800.0, 1800.0]
    assert rules.next_wait(1, schedule) == 300
    assert rules.next_wait(3, schedule) == 1800
    assert rules.next_wait(4, schedule) is None


T1 = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def test_fixmystreet_rule_on_the_portal_updates() -> None:
    # Nothing yet: any status applies.
    assert rules.judge_update(status="proses", at=T1, current=None, last_change=None) == "applied"
    # A newer update with another status moves it; one at the same instant too.
    later = T1 + timedelta(hours=1)
    assert rules.judge_update(status="selesai", at=later, current="proses", last_change=T1) == (
        "applied"
    )
    assert rules.judge_update(status="selesai", at=T1, current="proses", last_change=T1) == (
        "applied"
    )
    # An older one never rolls the status back, whatever it says: a note.
    earlier = T1 - timedelta(minutes=1)
    assert rules.judge_update(status="baru", at=earlier, current="proses", last_change=T1) == (
        "older"
    )
    # A newer one that changes nothing: a note.
    assert rules.judge_update(status="proses", at=later, current="proses", last_change=T1) == (
        "unchanged"
    )


def test_what_a_portal_update_looks_like() -> None:
    body: dict[str, Any] = {
        "type": "complaint.updated",
        "data": {
            "tracking_id": "LPR-000001",
            "update_id": "U-1",
            "status": "proses",
            "at": "2026-12-06T09:00:00+07:00",
            "note": "Diteruskan ke instansi",
        },
    }
    update = rules.parse_portal_update(body)
    assert update == rules.PortalUpdate(
        tracking_id="LPR-000001",
        update_id="U-1",
        status="proses",
        at=datetime(2026, 12, 6, 2, 0, tzinfo=UTC),
        note="Diteruskan ke instansi",
    )
    naive = {**body, "data": {**body["data"], "at": "2026-12-06T09:00:00"}}
    for bad in (
        {**body, "type": "complaint.created"},
        {"type": "complaint.updated", "data": []},
        {**body, "data": {**body["data"], "status": ""}},
        {**body, "data": {**body["data"], "at": "kemarin"}},
        naive,
    ):
        assert rules.parse_portal_update(bad) is None


CALENDAR = OfficeCalendar()  # WIB, national holidays; early November 2026 has none
TODAY = date(2026, 11, 10)  # a Tuesday


def test_the_portals_three_clocks() -> None:
    # Pushed Monday 2 November: the portal verifies by Thursday 5 (3 working days).
    nothing_yet = rules.portal_deadlines(
        pushed_on=date(2026, 11, 2),
        verified_on=None,
        followed_up_on=None,
        days=(3, 5, 10),
        calendar=CALENDAR,
        today=date(2026, 11, 4),
    )
    assert nothing_yet[0] == rules.Deadline(date(2026, 11, 5), None, rules.Clock.running)
    assert nothing_yet[1].clock is rules.Clock.waiting and nothing_yet[1].due_on is None
    assert nothing_yet[2].clock is rules.Clock.waiting
    # Still unverified on Tuesday 10: overdue.
    late = rules.portal_deadlines(
        pushed_on=date(2026, 11, 2),
        verified_on=None,
        followed_up_on=None,
        days=(3, 5, 10),
        calendar=CALENDAR,
        today=TODAY,
    )
    assert late[0].clock is rules.Clock.overdue
    # Verified Friday 6 (late, one day past the 5th); the office then has until Friday
    # 13 (5 working days over the weekend), followed up Thursday 12: met; the closure
    # falls 10 working days after the 12th, on Thursday 26.
    done = rules.portal_deadlines(
        pushed_on=date(2026, 11, 2),
        verified_on=date(2026, 11, 6),
        followed_up_on=date(2026, 11, 12),
        days=(3, 5, 10),
        calendar=CALENDAR,
        today=TODAY,
    )
    assert done[0] == rules.Deadline(date(2026, 11, 5), date(2026, 11, 6), rules.Clock.late)
    assert done[1] == rules.Deadline(date(2026, 11, 13), date(2026, 11, 12), rules.Clock.met)
    assert done[2] == rules.Deadline(date(2026, 11, 26), None, rules.Clock.running)


def test_a_push_on_friday_counts_over_the_weekend() -> None:
    clock = rules.deadline(
        start=date(2026, 11, 6), done=None, days=3, calendar=CALENDAR, today=date(2026, 11, 6)
    )
    assert clock.due_on == date(2026, 11, 11)  # Mon 9, Tue 10, Wed 11
