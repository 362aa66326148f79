"""An office's past entered with its real dates: every step of a 2022 case through the
API, each event carrying its own moment, and each date checked for order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.examination.builders import API, new_case, put_examiner

# 09:00 WIB (UTC+7) on Tuesday 1 February 2022: the plenary's decision.
DECIDED = datetime(2022, 2, 1, 2, 0, tzinfo=UTC)


def wib(day: date, hour: int) -> str:
    """`hour` o'clock in Jakarta on `day`, as a client sends it."""
    return f"{day.isoformat()}T{hour:02d}:00:00+07:00"


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


def utc(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


async def post(service: RunningService, headers: dict, url: str, body: dict) -> dict:
    response = await service.client.post(f"{API}{url}", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_2022_case_keeps_its_dates_in_every_step_and_event(infra, examination, tokens):
    case = await new_case(infra, examination, tokens, decided_at=DECIDED)
    url = f"/cases/{case['id']}"
    assert datetime.fromisoformat(case["opened_at"]) == DECIDED
    [opened] = await examination.outbox_events("case.opened", subject=case["id"])
    assert datetime.fromisoformat(opened.data["opened_at"]) == DECIDED

    supervisor = tokens.headers("examination_supervisor")
    await put_examiner(examination, supervisor, "BKL", "user:budi")
    budi = tokens.headers("examiner", username="budi")
    await post(
        examination,
        supervisor,
        f"{url}/classification",
        {"classification": "sedang", "classified_at": wib(date(2022, 2, 3), 10)},
    )
    await post(
        examination,
        supervisor,
        f"{url}/assignment",
        {"examiner_id": "user:budi", "assigned_at": wib(date(2022, 2, 4), 10)},
    )
    # A clarification letter of 10 February awaits the agency: the clock pauses from
    # that day (its midnight in Jakarta), not from the day it is typed in.
    letter = {
        "kind": "written_clarification",
        "held_on": "2022-02-10",
        "summary": "Surat klarifikasi",
        "response_due": "2022-02-24",
        "await_response": True,
    }
    response = await examination.client.post(f"{API}{url}/activities", json=letter, headers=budi)
    assert response.status_code == 201, response.text
    await post(
        examination,
        budi,
        f"{url}/status",
        {"status": "open", "resumed_at": wib(date(2022, 2, 21), 10)},
    )
    concluded = await post(
        examination,
        budi,
        f"{url}/conclusion",
        {
            "finding": "no_maladministration",
            "summary": "Tidak ditemukan maladministrasi",
            "concluded_at": wib(date(2022, 3, 15), 14),
        },
    )
    # The reporter's 14 days count from the report's own day: 15 + 14 = 29 March 2022.
    assert concluded["conclusion"]["reporter_response_until"] == "2022-03-29"
    closed = await post(
        examination,
        budi,
        f"{url}/closure",
        {
            "outcome": "no_maladministration",
            "route": "written_clarification",
            "closed_at": wib(date(2022, 3, 21), 10),
        },
    )
    assert closed["status"] == "closed" and closed["sla"]["state"] == "met"

    [assigned] = await examination.outbox_events("case.assigned", subject=case["id"])
    assert moment(assigned.data["assigned_at"]) == utc("2022-02-04T03:00")
    [conclusion] = await examination.outbox_events("case.concluded", subject=case["id"])
    assert moment(conclusion.data["concluded_at"]) == utc("2022-03-15T07:00")
    [event] = await examination.outbox_events("case.closed", subject=case["id"])
    assert moment(event.data["opened_at"]) == DECIDED
    assert moment(event.data["concluded_at"]) == utc("2022-03-15T07:00")
    assert moment(event.data["closed_at"]) == utc("2022-03-21T03:00")
    durations = event.data["durations"]
    # 1 February to 21 March 2022: 27 days of February and 21 of March.
    assert durations["calendar_days"] == 48
    # Weekdays after 1 Feb up to 21 Mar: 19 in February (2-4, 7-11, 14-18, 21-25, 28) and
    # 15 in March (1-4, 7-11, 14-18, 21), less Isra Mi'raj (28 Feb) and Nyepi (3 Mar).
    assert durations["working_days"] == 32
    # Sedang: 120 calendar days, paused while the agency had the letter. Counted: 1 to
    # 10 February (9 days), then 21 February, the resume day, to the final report on
    # 15 March (8 + 15).
    assert (durations["sla_unit"], durations["sla_target"]) == ("calendar_days", 120)
    assert durations["sla_elapsed"] == 32 and durations["sla_state"] == "met"

    timeline = await examination.client.get(f"{API}{url}/timeline", headers=budi)
    steps = [(e["type"], moment(e["at"])) for e in timeline.json()]
    assert steps == [
        ("opened", DECIDED),
        ("classified", utc("2022-02-03T03:00")),
        ("assigned", utc("2022-02-04T03:00")),
        ("activity", utc("2022-02-09T17:00")),  # midnight of 10 February in Jakarta
        ("status_changed", utc("2022-02-09T17:00")),
        ("status_changed", utc("2022-02-21T03:00")),
        ("concluded", utc("2022-03-15T07:00")),
        ("closed", utc("2022-03-21T03:00")),
    ]


async def test_each_date_is_checked_against_now_and_the_step_before_it(
    infra, examination, tokens: TestTokens
):
    case = await new_case(infra, examination, tokens, decided_at=DECIDED)
    url = f"{API}/cases/{case['id']}"
    supervisor = tokens.headers("examination_supervisor")
    await put_examiner(examination, supervisor, "BKL", "user:budi")
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    before_opening = wib(date(2022, 1, 31), 10)
    classified = {"classification": "berat", "classified_at": wib(date(2022, 3, 1), 10)}
    await post(examination, supervisor, f"/cases/{case['id']}/classification", classified)

    refusals = [
        ("classification", {"classification": "sedang", "classified_at": future}, "classified_at"),
        (
            "classification",
            {"classification": "sedang", "classified_at": before_opening},
            "classified_at",
        ),
        # Before the classification of 1 March, though after the opening.
        (
            "assignment",
            {"examiner_id": "user:budi", "assigned_at": wib(date(2022, 2, 2), 10)},
            "assigned_at",
        ),
        ("status", {"status": "waiting_reporter", "paused_at": future}, "paused_at"),
        (
            "status",
            {"status": "waiting_reporter", "resumed_at": wib(date(2022, 3, 2), 10)},
            "resumed_at",
        ),
        (
            "conclusion",
            {
                "finding": "examination_stopped",
                "summary": "Dihentikan",
                "concluded_at": wib(date(2022, 2, 28), 10),
            },
            "concluded_at",
        ),
        (
            "activities",
            {"kind": "other", "held_on": "2022-01-31", "summary": "Catatan"},
            "held_on",
        ),
        (
            "activities",
            {
                "kind": "written_clarification",
                "held_on": "2022-02-20",  # before the classification's day: no wait then
                "summary": "Surat",
                "await_response": True,
            },
            "held_on",
        ),
        (
            "closure",
            {
                "outcome": "withdrawn",
                "route": "reporter_request",
                "closed_at": wib(date(2022, 2, 28), 10),
            },
            "closed_at",
        ),
    ]
    for step, body, field in refusals:
        response = await examination.client.post(f"{url}/{step}", json=body, headers=supervisor)
        assert response.status_code == 422, (step, body, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["pointer"] == f"#/body/{field}", (step, body)
    detail = (await examination.client.get(url, headers=supervisor)).json()
    assert detail["version"] == 2 and detail["status"] == "open"
    assert detail["classification"] == "berat" and detail["examiner_id"] is None
    assert await examination.outbox_events("case.closed", subject=case["id"]) == []
    timeline = (await examination.client.get(f"{url}/timeline", headers=supervisor)).json()
    assert [e["type"] for e in timeline] == ["opened", "classified"]

    # A moment equal to the previous step's is in order; an activity held before the
    # classification's day, without a wait, is too (activities are written up late).
    same = {"examiner_id": "user:budi", "assigned_at": wib(date(2022, 3, 1), 10)}
    await post(examination, supervisor, f"/cases/{case['id']}/assignment", same)
    late_note = {"kind": "other", "held_on": "2022-02-15", "summary": "Catatan rapat"}
    noted = await examination.client.post(f"{url}/activities", json=late_note, headers=supervisor)
    assert noted.status_code == 201, noted.text


async def test_a_corrective_action_of_2022_sits_on_its_day_before_the_closure(
    infra, examination, tokens: TestTokens
):
    case = await new_case(infra, examination, tokens, decided_at=DECIDED)
    url = f"/cases/{case['id']}"
    supervisor = tokens.headers("examination_supervisor")
    report = {
        "finding": "maladministration_found",
        "forms": ["undue_delay"],
        "summary": "Penundaan berlarut",
        "corrective_actions": ["Terbitkan sertifikat"],
        "concluded_at": wib(date(2022, 3, 1), 10),
    }
    concluded = await post(examination, supervisor, f"{url}/conclusion", report)
    # The agency's 30 working days count from the report's own day, 1 March 2022: 2, 4
    # (Nyepi on the 3rd), 7-11, 14-18, 21-25, 28-31 March (21), 1, 4-8, 11-13 April (30).
    assert concluded["conclusion"]["corrective_due_on"] == "2022-04-13"
    await post(examination, supervisor, f"{url}/corrective-actions/0", {"done_on": "2022-04-20"})
    closed = await post(
        examination,
        supervisor,
        f"{url}/closure",
        {
            "outcome": "resolved_by_agency",
            "route": "written_clarification",
            "closed_at": wib(date(2022, 5, 2), 10),
        },
    )
    assert closed["status"] == "closed"
    timeline = await examination.client.get(f"{API}{url}/timeline", headers=supervisor)
    steps = [(e["type"], moment(e["at"])) for e in timeline.json()]
    assert steps == [
        ("opened", DECIDED),
        ("concluded", utc("2022-03-01T03:00")),
        ("corrective_action_done", utc("2022-04-19T17:00")),  # midnight of the 20th, WIB
        ("closed", utc("2022-05-02T03:00")),
    ]
