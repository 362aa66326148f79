"""The cases are for the office's protection officers only: what each mode lets them see,
every read audited, acknowledgement; a supervisor, the head, an admin or another office's
officer gets nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import CASES, PROBLEM, RED_BUTTON, red_button_body


async def raise_case(internship: RunningService, mode: str, **overrides: object) -> str:
    answer = await internship.client.post(RED_BUTTON, json=red_button_body(mode, **overrides))
    assert answer.status_code == 201, answer.text
    return str(
        await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    )


async def reads(internship: RunningService, case: str) -> list[tuple[str, str]]:
    async with internship.app.state.database.sessions() as session:
        rows = await session.execute(
            text(
                "SELECT actor_username, action FROM red_button_read WHERE case_id = :c ORDER BY id"
            ),
            {"c": case},
        )
        return [(r[0], r[1]) for r in rows]


async def test_an_officer_sees_each_mode_as_far_as_it_allows_and_every_read_is_audited(
    internship: RunningService, officer: dict[str, str]
):
    identified = await raise_case(internship, "identified")
    confidential = await raise_case(internship, "confidential")
    anonymous = await raise_case(internship, "anonymous")
    answer = await internship.client.get(CASES, headers=officer, params={"limit": 100})
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    cases = {c["id"]: c for c in answer.json()["items"]}
    assert cases[identified]["reporter"] == {
        "name": "Dewi Lestari",
        "phone": "+6281277778888",
        "email": None,
        "institution": None,
    }
    assert cases[identified]["reporter_sealed"] is False
    # Confidential: kept, but sealed from the officer (opening it needs a second officer).
    assert cases[confidential]["reporter"] is None and cases[confidential]["reporter_sealed"]
    assert cases[anonymous]["reporter"] is None and not cases[anonymous]["reporter_sealed"]
    for case in (identified, confidential, anonymous):
        assert cases[case]["account"].startswith("Pembimbing lapangan")
        assert cases[case]["status"] == "raised"
        assert await reads(internship, case) == [("pelindung", "list")]


async def test_acknowledging_stops_the_alert_and_publishes_when(
    internship: RunningService, officer: dict[str, str]
):
    case = await raise_case(internship, "anonymous", severity="danger")
    url = f"{CASES}/{case}/acknowledgement"
    answer = await internship.client.post(url, headers=officer)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["status"], body["acknowledged_by"]) == ("acknowledged", "pelindung")
    [event] = await internship.outbox_events("red_button.acknowledged", subject=case)
    assert set(event.data) == {"office", "raised_at", "acknowledged_at", "severity"}
    assert event.data["severity"] == "danger"
    again = await internship.client.post(url, headers=officer)
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM
    assert await reads(internship, case) == [("pelindung", "acknowledge")]


@pytest.mark.parametrize(
    "roles",
    [("intern_supervisor",), ("head",), ("admin",), ("dpo",), ("admin", "national")],
)
async def test_no_other_role_reads_or_acknowledges_a_case(
    internship: RunningService, tokens: TestTokens, roles: tuple[str, ...]
):
    case = await raise_case(internship, "identified")
    headers = tokens.headers(*roles, office="KAB")
    listed = await internship.client.get(CASES, headers=headers)
    assert listed.status_code == 403 and "Dewi" not in listed.text
    acknowledged = await internship.client.post(f"{CASES}/{case}/acknowledgement", headers=headers)
    assert acknowledged.status_code == 403
    assert await reads(internship, case) == []


async def test_an_officer_of_another_office_sees_none_of_this_offices_cases(
    internship: RunningService, tokens: TestTokens
):
    case = await raise_case(internship, "identified")
    elsewhere = tokens.headers("protection_officer", office="LAIN")
    listed = await internship.client.get(CASES, headers=elsewhere)
    assert listed.status_code == 200 and case not in {c["id"] for c in listed.json()["items"]}
    acknowledged = await internship.client.post(
        f"{CASES}/{case}/acknowledgement", headers=elsewhere
    )
    assert acknowledged.status_code == 404
    assert (await internship.client.get(CASES)).status_code == 401
