"""The issue's bad input, in one place: each is problem+json naming what is wrong, and
leaves the case exactly as it was (its row, its event log, its outbox)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apik_testing.services import RunningService
from tests.examination.builders import API, answers, closed_case, new_case


async def snapshot(service: RunningService, case_id: str) -> tuple:
    """Everything a write could have touched."""
    ident = uuid.UUID(case_id)
    row = await service.scalar(
        "SELECT row_to_json(c)::text FROM examination_case c WHERE id = :c", c=ident
    )
    events = await service.scalar("SELECT count(*) FROM case_event WHERE case_id = :c", c=ident)
    activities = await service.scalar(
        "SELECT count(*) FROM case_activity WHERE case_id = :c", c=ident
    )
    closures = await service.scalar("SELECT count(*) FROM case_closure WHERE case_id = :c", c=ident)
    outbox = [
        e.id for t in ("case.closed", "case.assigned") for e in await service.outbox_events(t)
    ]
    return row, events, activities, closures, sorted(outbox)


def refused(response, status: int, pointer: str | None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == status
    if pointer is not None:
        assert pointer in [e["pointer"] for e in response.json()["errors"]], response.text


async def test_closing_without_an_outcome(infra, examination, tokens):
    case = await new_case(infra, examination, tokens)
    before = await snapshot(examination, case["id"])
    url = f"{API}/cases/{case['id']}/closure"
    for body in ({"route": "other"}, {"outcome": None, "route": "other"}, {"outcome": ""}):
        response = await examination.client.post(url, json=body, headers=tokens.headers("head"))
        refused(response, 422, "#/body/outcome")
    assert await snapshot(examination, case["id"]) == before


async def test_a_deadline_or_a_date_before_the_case_opened(infra, examination, tokens):
    case = await new_case(infra, examination, tokens)
    before = await snapshot(examination, case["id"])
    examiner = tokens.headers("examiner")
    opened = datetime.fromisoformat(case["opened_at"])
    day_before = (opened.astimezone(ZoneInfo("Asia/Jakarta")) - timedelta(days=1)).date()
    letter = {
        "kind": "written_clarification",
        "held_on": str(day_before + timedelta(days=1)),
        "summary": "Surat klarifikasi",
        "response_due": str(day_before),
    }
    response = await examination.client.post(
        f"{API}/cases/{case['id']}/activities", json=letter, headers=examiner
    )
    refused(response, 422, "#/body/response_due")
    closure = {
        "outcome": "withdrawn",
        "route": "reporter_request",
        "closed_at": (opened - timedelta(minutes=1)).isoformat(),
    }
    response = await examination.client.post(
        f"{API}/cases/{case['id']}/closure", json=closure, headers=examiner
    )
    refused(response, 422, "#/body/closed_at")
    assert await snapshot(examination, case["id"]) == before


async def test_a_survey_answer_out_of_range(infra, examination, tokens):
    case, token = await closed_case(infra, examination, tokens)
    url = f"{API}/public/surveys/{token}"
    for value in (0, 5, -1, 10**12):
        response = await examination.client.post(url, json={"answers": answers(cost=value)})
        refused(response, 422, "#/body/answers/cost")
    assert (await examination.client.get(url)).json()["answered"] is False
    # No answers kept: the column holds SQL NULL or JSON null (how the model writes None).
    assert await examination.scalar(
        "SELECT answered_at IS NULL AND coalesce(answers, 'null'::jsonb) = 'null'::jsonb"
        " FROM case_survey WHERE case_id = :c",
        c=uuid.UUID(case["id"]),
    )
    assert await examination.outbox_events("case.surveyed", subject=case["id"]) == []


async def test_a_stale_if_match_on_every_write(infra, examination, tokens):
    case = await new_case(infra, examination, tokens)
    supervisor = tokens.headers("examination_supervisor")
    await examination.client.put(
        f"{API}/offices/BKL/examiners/user:budi",
        json={"display_name": "Budi", "capacity": 50},
        headers=supervisor,
    )
    today = str(datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date())
    before = await snapshot(examination, case["id"])
    stale = {**supervisor, "If-Match": '"0"'}
    for path, body in [
        ("assignment", {"examiner_id": "user:budi"}),
        ("classification", {"classification": "sedang"}),
        ("status", {"status": "waiting_agency"}),
        ("activities", {"kind": "oral_clarification", "held_on": today, "summary": "Rapat"}),
        ("conclusion", {"finding": "no_maladministration", "summary": "Tidak ditemukan"}),
        ("closure", {"outcome": "withdrawn", "route": "reporter_request"}),
    ]:
        response = await examination.client.post(
            f"{API}/cases/{case['id']}/{path}", json=body, headers=stale
        )
        refused(response, 412, None)
        assert response.json()["current_etag"] == '"1"', path
    assert await snapshot(examination, case["id"]) == before


async def test_a_steps_moment_that_is_no_moment(infra, examination, tokens):
    """Every step's historical moment is an instant with its zone, in a plausible year."""
    case = await new_case(infra, examination, tokens)
    before = await snapshot(examination, case["id"])
    supervisor = tokens.headers("examination_supervisor")
    url = f"{API}/cases/{case['id']}"
    steps = [
        ("classification", {"classification": "sedang"}, "classified_at"),
        ("assignment", {"examiner_id": "user:budi"}, "assigned_at"),
        ("status", {"status": "waiting_agency"}, "paused_at"),
        ("status", {"status": "open"}, "resumed_at"),
        ("conclusion", {"finding": "examination_stopped", "summary": "Dihentikan"}, "concluded_at"),
        ("closure", {"outcome": "withdrawn", "route": "reporter_request"}, "closed_at"),
    ]
    # No zone (the same digits are three moments in Indonesia), year 0 in UTC, not a date.
    value: object
    for value in ("2026-01-05T10:00:00", "0001-01-01T00:00:00+01:00", "kemarin", []):
        for step, body, field in steps:
            response = await examination.client.post(
                f"{url}/{step}", json={**body, field: value}, headers=supervisor
            )
            refused(response, 422, f"#/body/{field}")
    assert await snapshot(examination, case["id"]) == before
