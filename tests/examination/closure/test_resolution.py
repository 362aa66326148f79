"""Closing as resolved by the agency (issue 17): only with every corrective action done,
or with the head's recorded decision; on real PostgreSQL and NATS."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apik_testing.tokens import TestTokens
from tests.examination.builders import API, concluded_case, days_ago, new_case

RESOLVED = {"outcome": "resolved_by_agency", "route": "written_clarification"}


def lhp(*actions: str) -> dict:
    return {
        "finding": "maladministration_found",
        "forms": ["undue_delay"],
        "summary": "Penundaan berlarut penerbitan sertifikat",
        "corrective_actions": list(actions),
    }


def today() -> str:
    return str(datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date())


async def concluded(infra, examination, tokens: TestTokens, *actions: str) -> str:
    case = await new_case(infra, examination, tokens)
    url = f"{API}/cases/{case['id']}"
    response = await examination.client.post(
        f"{url}/conclusion", json=lhp(*actions), headers=tokens.headers("examiner")
    )
    assert response.status_code == 200, response.text
    return url


async def test_undone_actions_refuse_the_closure(infra, examination, tokens: TestTokens):
    url = await concluded(infra, examination, tokens, "Terbitkan sertifikat", "Tegur petugas")
    examiner, head = tokens.headers("examiner"), tokens.headers("head")
    refused = await examination.client.post(f"{url}/closure", json=RESOLVED, headers=head)
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    [error] = refused.json()["errors"]
    assert error["pointer"] == "#/body/outcome" and "0, 1 not done" in error["detail"]
    # The field's error says the same reason, by a code the web app words.
    assert (error["code"], error["params"]) == ("actions_not_done", {"actions": "0, 1"})
    # Which actions, by the reason's code: the screen says it in the user's language.
    assert refused.json()["code"] == "actions_not_done"
    assert refused.json()["params"] == {"actions": "0, 1"}
    done = await examination.client.post(
        f"{url}/corrective-actions/1", json={"done_on": today()}, headers=examiner
    )
    assert done.status_code == 200, done.text
    still = await examination.client.post(f"{url}/closure", json=RESOLVED, headers=examiner)
    assert still.status_code == 409 and "0 not done" in still.json()["errors"][0]["detail"]
    detail = (await examination.client.get(url, headers=examiner)).json()
    assert detail["status"] == "concluded" and detail["closure"] is None
    await examination.client.post(
        f"{url}/corrective-actions/0", json={"done_on": today()}, headers=examiner
    )
    closed = await examination.client.post(f"{url}/closure", json=RESOLVED, headers=examiner)
    assert closed.status_code == 200, closed.text
    assert closed.json()["closure"]["head_decision"] is None


async def test_no_action_listed_needs_the_heads_decision(infra, examination, tokens: TestTokens):
    url = await concluded(infra, examination, tokens)
    head = tokens.headers("head", username="kepala")
    refused = await examination.client.post(f"{url}/closure", json=RESOLVED, headers=head)
    assert refused.status_code == 409
    assert "no corrective action" in refused.json()["errors"][0]["detail"]
    reason = "Instansi telah menerbitkan sertifikat sebelum LHP disampaikan"
    examiner_tries = await examination.client.post(
        f"{url}/closure",
        json={**RESOLVED, "head_decision_reason": reason},
        headers=tokens.headers("examiner"),
    )
    assert examiner_tries.status_code == 403
    assert examiner_tries.json()["errors"][0]["pointer"] == "#/body/head_decision_reason"
    for body, status in [
        ({**RESOLVED, "head_decision_reason": ""}, 422),
        ({"outcome": "withdrawn", "route": "other", "head_decision_reason": reason}, 422),
    ]:
        response = await examination.client.post(f"{url}/closure", json=body, headers=head)
        assert response.status_code == status, response.text
        assert response.json()["errors"][0]["pointer"] == "#/body/head_decision_reason"
    before = datetime.now(UTC)
    closed = await examination.client.post(
        f"{url}/closure", json={**RESOLVED, "head_decision_reason": reason}, headers=head
    )
    assert closed.status_code == 200, closed.text
    decision = closed.json()["closure"]["head_decision"]
    assert (
        decision["reason"] == reason
        and decision["decided_by"] == closed.json()["closure"]["closed_by"]
    )
    assert "kepala" in decision["decided_by"]
    assert datetime.fromisoformat(decision["decided_at"]) >= before
    timeline = (await examination.client.get(f"{url}/timeline", headers=head)).json()
    assert timeline[-1]["type"] == "closed" and timeline[-1]["data"]["head_decision"] == reason
    case_id = url.rsplit("/", 1)[-1]
    [event] = await examination.outbox_events("case.closed", subject=case_id)
    assert event.data["outcome"] == "resolved_by_agency"


async def test_a_past_heads_decision_is_dated_by_its_closure(infra, examination, tokens):
    """An office's history: the head closed a 2-month-old LHP's case on their decision
    a month ago; the decision is of that day, not of the day it was typed in."""
    case = await concluded_case(
        infra, examination, tokens, "Terbitkan sertifikat", concluded_at=days_ago(60)
    )
    closed_at = days_ago(30)
    closed = await examination.client.post(
        f"{API}/cases/{case['id']}/closure",
        json={
            **RESOLVED,
            "closed_at": closed_at.isoformat(),
            "head_decision_reason": "Instansi menyelesaikan lewat jalur lain",
        },
        headers=tokens.headers("head"),
    )
    assert closed.status_code == 200, closed.text
    closure = closed.json()["closure"]
    assert datetime.fromisoformat(closure["closed_at"]) == closed_at
    assert datetime.fromisoformat(closure["head_decision"]["decided_at"]) == closed_at
