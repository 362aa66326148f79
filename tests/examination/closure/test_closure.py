"""Conclusion (LHP) and closure on real PostgreSQL and NATS."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_testing.tokens import TestTokens
from tests.examination.builders import API, days_ago, new_case, register_office

FOUND = {
    "finding": "maladministration_found",
    "forms": ["undue_delay", "procedural_deviation"],
    "summary": "Penundaan berlarut penerbitan sertifikat",
    "corrective_actions": ["Terbitkan sertifikat pelapor"],
}
LOSS = {"kind": "prevented", "amount_idr": 25_000_000, "people_affected": 1, "description": "Biaya"}


def jakarta_today():
    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date()


async def test_conclusion_then_closure_publishes_case_closed(infra, examination, tokens):
    examiner = tokens.headers("examiner", username="budi")
    case = await new_case(infra, examination, tokens)
    url = f"{API}/cases/{case['id']}"
    await examination.client.post(
        f"{url}/classification", json={"classification": "sedang"}, headers=examiner
    )
    concluded = await examination.client.post(
        f"{url}/conclusion", json=FOUND, headers={**examiner, "If-Match": '"2"'}
    )
    assert concluded.status_code == 200, concluded.text
    body = concluded.json()
    today = jakarta_today()
    assert body["status"] == "concluded" and body["sla"]["state"] == "met"
    conclusion = body["conclusion"]
    assert conclusion["corrective_due_on"] == str(OfficeCalendar().add_working_days(today, 30))
    assert conclusion["reporter_response_until"] == str(today + timedelta(days=14))
    assert conclusion["corrective_actions"] == [
        {"description": "Terbitkan sertifikat pelapor", "done_on": None}
    ]
    [lhp] = await examination.outbox_events("case.concluded", subject=case["id"])
    assert lhp.data["finding"] == "maladministration_found"
    done = await examination.client.post(
        f"{url}/corrective-actions/0",
        json={"done_on": str(today)},
        headers={**examiner, "If-Match": concluded.headers["etag"]},
    )
    assert done.status_code == 200, done.text
    closed = await examination.client.post(
        f"{url}/closure",
        json={
            "outcome": "resolved_by_agency",
            "route": "written_clarification",
            "public_loss": LOSS,
        },
        headers={**tokens.headers("head"), "If-Match": done.headers["etag"]},
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed"
    assert closed.json()["closure"]["public_loss"]["amount_idr"] == 25_000_000
    [event] = await examination.outbox_events("case.closed", subject=case["id"])
    data = event.data
    assert (data["outcome"], data["route"]) == ("resolved_by_agency", "written_clarification")
    assert (data["substance"], data["classification"], data["office"]) == ("land", "sedang", "BKL")
    assert data["finding"] == "maladministration_found"
    assert data["durations"]["calendar_days"] == 0 and data["durations"]["sla_state"] == "met"
    assert data["durations"]["sla_unit"] == "calendar_days"
    assert data["public_loss"]["people_affected"] == 1
    again = await examination.client.post(
        f"{url}/closure", json={"outcome": "withdrawn", "route": "other"}, headers=examiner
    )
    assert again.status_code == 409 and again.json()["code"] == "case_closed"
    timeline = (await examination.client.get(f"{url}/timeline", headers=examiner)).json()
    assert [e["type"] for e in timeline] == [
        "opened",
        "classified",
        "concluded",
        "corrective_action_done",
        "closed",
    ]


async def test_bad_closures_change_nothing(infra, examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    case = await new_case(infra, examination, tokens)
    url = f"{API}/cases/{case['id']}/closure"
    base = {"outcome": "withdrawn", "route": "reporter_request"}
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    for body, status, field in [
        ({"route": "other"}, 422, "outcome"),
        ({**base, "outcome": "selesai"}, 422, "outcome"),
        ({**base, "route": "telepon"}, 422, "route"),
        ({**base, "closed_at": future}, 422, "closed_at"),
        ({**base, "closed_at": "2020-01-01T00:00:00+07:00"}, 422, "closed_at"),
        ({**base, "closed_at": "2026-01-01T00:00:00"}, 422, "closed_at"),
        ({**base, "closed_at": "0001-01-01T00:00:00+01:00"}, 422, "closed_at"),
        ({**base, "public_loss": {**LOSS, "amount_idr": -5}}, 422, "public_loss/amount_idr"),
        ({**base, "outcome": "resolved_by_agency"}, 409, "outcome"),
        ({**base, "outcome": "no_maladministration"}, 409, "outcome"),
    ]:
        response = await examination.client.post(url, json=body, headers=examiner)
        assert response.status_code == status, (body, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["pointer"] == f"#/body/{field}", body
    stale = await examination.client.post(url, json=base, headers={**examiner, "If-Match": '"4"'})
    assert stale.status_code == 412
    analyst = await examination.client.post(url, json=base, headers=tokens.headers("analyst"))
    assert analyst.status_code == 403
    detail = (await examination.client.get(f"{API}/cases/{case['id']}", headers=examiner)).json()
    assert detail["status"] == "open" and detail["closure"] is None and detail["version"] == 1
    assert await examination.outbox_events("case.closed", subject=case["id"]) == []


async def test_bad_conclusions_change_nothing(infra, examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    case = await new_case(infra, examination, tokens)
    url = f"{API}/cases/{case['id']}/conclusion"
    for body, field in [
        ({**FOUND, "forms": []}, "forms"),
        ({**FOUND, "forms": ["laziness"]}, "forms/0"),
        ({**FOUND, "finding": "no_maladministration", "forms": []}, "corrective_actions"),
        ({**FOUND, "finding": "examination_stopped", "corrective_actions": []}, "forms"),
        ({**FOUND, "summary": ""}, "summary"),
    ]:
        response = await examination.client.post(url, json=body, headers=examiner)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["errors"][0]["pointer"] == f"#/body/{field}", body
    detail = (await examination.client.get(f"{API}/cases/{case['id']}", headers=examiner)).json()
    assert detail["status"] == "open" and detail["conclusion"] is None
    ok = await examination.client.post(
        url,
        json={"finding": "no_maladministration", "summary": "Tidak ditemukan"},
        headers=examiner,
    )
    assert ok.status_code == 200
    twice = await examination.client.post(url, json=FOUND, headers=examiner)
    assert twice.status_code == 409
    activity = await examination.client.post(
        f"{API}/cases/{case['id']}/activities",
        json={"kind": "other", "held_on": str(jakarta_today()), "summary": "Catatan"},
        headers=examiner,
    )
    # Work with the agency goes on after the LHP (follow-up letters): recorded.
    assert activity.status_code == 201, activity.text


async def test_migrated_history_closes_in_the_past(infra, examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    case = await new_case(infra, examination, tokens, decided_at=days_ago(40))
    closed_at = datetime.now(UTC) - timedelta(days=10)
    response = await examination.client.post(
        f"{API}/cases/{case['id']}/closure",
        json={
            "outcome": "withdrawn",
            "route": "reporter_request",
            "closed_at": closed_at.isoformat(),
        },
        headers=examiner,
    )
    assert response.status_code == 200, response.text
    [event] = await examination.outbox_events("case.closed", subject=case["id"])
    durations = event.data["durations"]
    calendar = OfficeCalendar()
    opened = calendar.local_date(datetime.fromisoformat(event.data["opened_at"]))
    closed = calendar.local_date(closed_at)
    assert durations["calendar_days"] == (closed - opened).days == 30
    assert durations["working_days"] == calendar.working_days_between(opened, closed)
    assert durations["sla_elapsed"] == durations["working_days"]  # never paused
    assert durations["sla_state"] == "met"  # about 21 of 30 working days


async def test_corrective_actions_are_monitored(infra, examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    case = await new_case(infra, examination, tokens, decided_at=days_ago(90))
    url = f"{API}/cases/{case['id']}"
    early = await examination.client.post(
        f"{url}/corrective-actions/0", json={"done_on": str(jakarta_today())}, headers=examiner
    )
    assert early.status_code == 409  # no final report yet
    assert early.json()["code"] == "no_final_report"
    # Issued 80 days ago (through the API's date): its 30 working days have passed.
    concluded_at = days_ago(80)
    two = {
        **FOUND,
        "corrective_actions": ["Terbitkan sertifikat", "Tegur petugas loket"],
        "concluded_at": concluded_at.isoformat(),
    }
    issued = await examination.client.post(f"{url}/conclusion", json=two, headers=examiner)
    assert issued.status_code == 200, issued.text
    overdue = issued.json()["conclusion"]
    concluded_on = OfficeCalendar().local_date(concluded_at)
    assert overdue["corrective_due_on"] == str(OfficeCalendar().add_working_days(concluded_on, 30))
    assert overdue["monitoring"] is True
    today = jakarta_today()
    for index, body, status, pointer in [
        (5, {"done_on": str(today)}, 404, None),
        (0, {"done_on": str(today + timedelta(days=1))}, 422, "#/body/done_on"),
        (0, {"done_on": str(concluded_on - timedelta(days=1))}, 422, "#/body/done_on"),
        (0, {"done_on": "besok"}, 422, "#/body/done_on"),
    ]:
        response = await examination.client.post(
            f"{url}/corrective-actions/{index}", json=body, headers=examiner
        )
        assert response.status_code == status, (index, body, response.text)
        if pointer:
            assert response.json()["errors"][0]["pointer"] == pointer
    for index in (0, 1):
        done = await examination.client.post(
            f"{url}/corrective-actions/{index}", json={"done_on": str(today)}, headers=examiner
        )
        assert done.status_code == 200, done.text
    conclusion = done.json()["conclusion"]
    assert [a["done_on"] for a in conclusion["corrective_actions"]] == [str(today)] * 2
    assert conclusion["monitoring"] is False


async def test_the_final_reports_deadline_is_in_the_offices_calendar(infra, examination, tokens):
    """The corrective-action deadline (30 working days from the day of the final report)
    counts in a WIT office's own day and with its closure day (the office registered at
    run time)."""
    code = "J" + uuid.uuid4().hex[:7].upper()
    today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Jayapura")).date()
    plain = OfficeCalendar(timezone="Asia/Jayapura")
    closed = plain.add_working_days(today, 1)
    await register_office(infra, examination, code, timezone="Asia/Jayapura", closure_days=[closed])
    case = await new_case(infra, examination, tokens, office=code)
    examiner = tokens.headers("examiner", office=code, username="budi")
    concluded = await examination.client.post(
        f"{API}/cases/{case['id']}/conclusion",
        json={
            "finding": "maladministration_found",
            "forms": ["undue_delay"],
            "summary": "Penundaan berlarut",
            "corrective_actions": ["Terbitkan sertifikat pelapor"],
        },
        headers={**examiner, "If-Match": '"1"'},
    )
    assert concluded.status_code == 200, concluded.text
    papua = OfficeCalendar(timezone="Asia/Jayapura", closures=frozenset({closed}))
    conclusion = concluded.json()["conclusion"]
    assert conclusion["corrective_due_on"] == papua.add_working_days(today, 30).isoformat()
    assert conclusion["reporter_response_until"] == (today + timedelta(days=14)).isoformat()


async def test_a_case_closes_by_advice(infra, examination, tokens: TestTokens):
    """Saran: closing with advice to the reporter is a route of its own."""
    examiner = tokens.headers("examiner")
    case = await new_case(infra, examination, tokens)
    closed = await examination.client.post(
        f"{API}/cases/{case['id']}/closure",
        json={"outcome": "not_authority", "route": "advice"},
        headers=examiner,
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["closure"]["route"] == "advice"
    [event] = await examination.outbox_events("case.closed", subject=case["id"])
    assert (event.data["outcome"], event.data["route"]) == ("not_authority", "advice")
