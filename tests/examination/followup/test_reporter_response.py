"""The reporter's response to the final report (issue 17), on real PostgreSQL and NATS:
recorded with its stance, late after the 14 days but never refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from apik_examination.jobs import monitoring_once
from apik_testing.tokens import TestTokens
from tests.examination.builders import API, concluded_case, days_ago, new_case

OBJECTION = {"stance": "objects", "text": "Saya keberatan: sertifikat belum saya terima."}


async def test_a_response_in_time_and_a_late_one(infra, examination, tokens: TestTokens):
    # The LHP of 20 days ago: the reporter had until its day + 14, six days ago.
    lhp_at = days_ago(20)
    case = await concluded_case(
        infra, examination, tokens, "Terbitkan sertifikat", concluded_at=lhp_at
    )
    url = f"{API}/cases/{case['id']}/reporter-responses"
    examiner = tokens.headers("examiner")
    in_time = {**OBJECTION, "responded_at": (lhp_at + timedelta(days=1)).isoformat()}
    first = await examination.client.post(
        url, json=in_time, headers={**examiner, "If-Match": f'"{case["version"]}"'}
    )
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["stance"] == "objects" and body["late"] is False
    assert body["respond_until"] == case["conclusion"]["reporter_response_until"]
    assert first.headers["etag"] == f'"{case["version"] + 1}"'
    # A letter received today is 6 days late (20 - 14), and recorded.
    late = await examination.client.post(
        url, json={"stance": "agrees", "text": "Saya menerima."}, headers=examiner
    )
    assert late.status_code == 201, late.text
    assert late.json()["late"] is True
    listed = (await examination.client.get(url, headers=tokens.headers("analyst"))).json()
    assert [(r["stance"], r["late"]) for r in listed] == [("objects", False), ("agrees", True)]
    timeline = (
        await examination.client.get(f"{API}/cases/{case['id']}/timeline", headers=examiner)
    ).json()
    logged = [e["data"] for e in timeline if e["type"] == "reporter_responded"]
    assert [(d["stance"], d["late"]) for d in logged] == [("objects", False), ("agrees", True)]
    assert all("text" not in d for d in logged)  # the reporter's words stay in their table


async def test_a_past_response_for_migrated_history(infra, examination, tokens: TestTokens):
    case = await concluded_case(infra, examination, tokens, concluded_at=days_ago(30))
    url = f"{API}/cases/{case['id']}/reporter-responses"
    received = datetime.now(UTC) - timedelta(days=25)  # 5 days after the LHP
    response = await examination.client.post(
        url,
        json={**OBJECTION, "responded_at": received.isoformat()},
        headers=tokens.headers("examiner"),
    )
    assert response.status_code == 201, response.text
    assert response.json()["late"] is False
    assert datetime.fromisoformat(response.json()["responded_at"]) == received


async def test_bad_responses_change_nothing(infra, examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    open_case = await new_case(infra, examination, tokens)
    before_lhp = await examination.client.post(
        f"{API}/cases/{open_case['id']}/reporter-responses", json=OBJECTION, headers=examiner
    )
    assert before_lhp.status_code == 409
    assert before_lhp.headers["content-type"] == "application/problem+json"
    case = await concluded_case(infra, examination, tokens)
    url = f"{API}/cases/{case['id']}/reporter-responses"
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    past = (datetime.now(UTC) - timedelta(days=3)).isoformat()
    for body, field in [
        ({**OBJECTION, "stance": "marah"}, "stance"),
        ({**OBJECTION, "text": ""}, "text"),
        ({**OBJECTION, "text": "a\x00b"}, "text"),
        ({"stance": "agrees"}, "text"),
        ({**OBJECTION, "responded_at": future}, "responded_at"),
        ({**OBJECTION, "responded_at": past}, "responded_at"),  # before the LHP
        ({**OBJECTION, "responded_at": "2026-01-01T00:00:00"}, "responded_at"),
        ({**OBJECTION, "sender": "x"}, "sender"),
    ]:
        response = await examination.client.post(url, json=body, headers=examiner)
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["pointer"] == f"#/body/{field}", body
    analyst = await examination.client.post(url, json=OBJECTION, headers=tokens.headers("analyst"))
    assert analyst.status_code == 403
    stale = await examination.client.post(
        url, json=OBJECTION, headers={**examiner, "If-Match": '"1"'}
    )
    assert stale.status_code == 412
    assert (await examination.client.get(url, headers=examiner)).json() == []
    detail = (await examination.client.get(f"{API}/cases/{case['id']}", headers=examiner)).json()
    assert detail["version"] == case["version"]


async def test_a_letter_of_the_14_days_entered_in_monitoring(infra, examination, tokens):
    """The job moved the case to monitoring today; the reporter's letter received in
    the 14 days after the LHP and typed in now is still taken, dated as received."""
    case = await concluded_case(
        infra, examination, tokens, "Terbitkan sertifikat", concluded_at=days_ago(90)
    )
    await monitoring_once(examination.app.state.database)
    url = f"{API}/cases/{case['id']}"
    examiner = tokens.headers("examiner")
    assert (await examination.client.get(url, headers=examiner)).json()["status"] == "monitoring"
    received = days_ago(85)  # 5 days after the LHP, before the move to monitoring
    response = await examination.client.post(
        f"{url}/reporter-responses",
        json={**OBJECTION, "responded_at": received.isoformat()},
        headers=examiner,
    )
    assert response.status_code == 201, response.text
    assert response.json()["late"] is False
    assert datetime.fromisoformat(response.json()["responded_at"]) == received
