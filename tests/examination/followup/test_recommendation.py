"""The recommendation after an LHP and its follow-up (issue 17), on real PostgreSQL and
NATS: issue, the agency's receipt and its 60-day deadline, reports, the overdue list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from apik_testing.tokens import TestTokens
from tests.examination.builders import API, concluded_case, days_ago, new_case

TEXT = {"text": "Kepala Kantor Pertanahan agar menerbitkan sertifikat pelapor."}


def jakarta_today() -> date:
    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date()


async def test_issue_receipt_and_report(infra, examination, tokens: TestTokens):
    case = await concluded_case(infra, examination, tokens, "Terbitkan sertifikat")
    url = f"{API}/cases/{case['id']}/recommendation"
    examiner = tokens.headers("examiner")
    assert (await examination.client.get(url, headers=examiner)).status_code == 404
    issued = await examination.client.post(
        url, json=TEXT, headers={**examiner, "If-Match": f'"{case["version"]}"'}
    )
    assert issued.status_code == 200, issued.text
    body = issued.json()
    assert body["received_on"] is None and body["report_due_on"] is None
    assert body["overdue"] is False and body["reports"] == []
    [event] = await examination.outbox_events("case.recommendation_issued", subject=case["id"])
    assert event.data["report_due_on"] is None
    today = jakarta_today()
    received = await examination.client.post(
        f"{url}/receipt",
        json={"received_on": str(today)},
        headers={**examiner, "If-Match": issued.headers["etag"]},
    )
    assert received.status_code == 200, received.text
    assert received.json()["report_due_on"] == str(today + timedelta(days=60))
    events = await examination.outbox_events("case.recommendation_issued", subject=case["id"])
    assert [e.data["report_due_on"] for e in events] == [None, str(today + timedelta(days=60))]
    twice = await examination.client.post(
        f"{url}/receipt", json={"received_on": str(today)}, headers=examiner
    )
    assert twice.status_code == 409
    reported = await examination.client.post(
        f"{url}/reports",
        json={"implementation": "partly", "text": "Sertifikat dalam proses pengukuran ulang."},
        headers={**examiner, "Idempotency-Key": "rekom-1"},
    )
    assert reported.status_code == 201, reported.text
    [report] = reported.json()["reports"]
    assert report["implementation"] == "partly" and report["late"] is False
    [event] = await examination.outbox_events("case.recommendation_reported", subject=case["id"])
    assert event.data["implementation"] == "partly" and event.data["late"] is False
    timeline = (
        await examination.client.get(f"{API}/cases/{case['id']}/timeline", headers=examiner)
    ).json()
    types = [e["type"] for e in timeline]
    assert types[-3:] == [
        "recommendation_issued",
        "recommendation_received",
        "recommendation_reported",
    ]
    again = await examination.client.post(url, json=TEXT, headers=examiner)
    assert again.status_code == 409


async def test_an_overdue_recommendation_is_listed(infra, examination, tokens: TestTokens):
    """Received 61 days ago: due yesterday (60 days), no report: overdue; a late report
    takes it off the list and is recorded as late."""
    case = await concluded_case(
        infra, examination, tokens, "Terbitkan sertifikat", concluded_at=days_ago(90)
    )
    url = f"{API}/cases/{case['id']}/recommendation"
    examiner = tokens.headers("examiner")
    received_on = jakarta_today() - timedelta(days=61)
    issued = await examination.client.post(
        url,
        json={
            **TEXT,
            "issued_at": (datetime.now(UTC) - timedelta(days=70)).isoformat(),
            "received_on": str(received_on),
        },
        headers=examiner,
    )
    assert issued.status_code == 200, issued.text
    assert issued.json()["report_due_on"] == str(received_on + timedelta(days=60))
    assert issued.json()["overdue"] is True
    in_time = await concluded_case(infra, examination, tokens, "Terbitkan sertifikat")
    await examination.client.post(
        f"{API}/cases/{in_time['id']}/recommendation",
        json={**TEXT, "received_on": str(jakarta_today())},
        headers=examiner,
    )
    overdue_url = f"{API}/recommendations/overdue"
    listed = await examination.client.get(overdue_url, headers=tokens.headers("head"))
    assert listed.status_code == 200, listed.text
    ids = {r["case_id"] for r in listed.json()}
    assert case["id"] in ids and in_time["id"] not in ids
    elsewhere = await examination.client.get(
        overdue_url, headers=tokens.headers("head", office="XYZ")
    )
    assert case["id"] not in {r["case_id"] for r in elsewhere.json()}
    late = await examination.client.post(
        f"{url}/reports",
        json={"implementation": "implemented", "text": "Sertifikat telah diterbitkan."},
        headers=examiner,
    )
    assert late.status_code == 201, late.text
    assert late.json()["reports"][0]["late"] is True and late.json()["overdue"] is False
    listed = await examination.client.get(overdue_url, headers=tokens.headers("head"))
    assert case["id"] not in {r["case_id"] for r in listed.json()}


async def test_bad_recommendations_change_nothing(infra, examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    open_case = await new_case(infra, examination, tokens)
    early = await examination.client.post(
        f"{API}/cases/{open_case['id']}/recommendation", json=TEXT, headers=examiner
    )
    assert early.status_code == 409
    none_found = await new_case(infra, examination, tokens)
    await examination.client.post(
        f"{API}/cases/{none_found['id']}/conclusion",
        json={"finding": "no_maladministration", "summary": "Tidak ditemukan"},
        headers=examiner,
    )
    refused = await examination.client.post(
        f"{API}/cases/{none_found['id']}/recommendation", json=TEXT, headers=examiner
    )
    assert refused.status_code == 409
    case = await concluded_case(infra, examination, tokens, "Terbitkan sertifikat")
    url = f"{API}/cases/{case['id']}/recommendation"
    today = jakarta_today()
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    for body, field in [
        ({"text": ""}, "text"),
        ({**TEXT, "issued_at": future}, "issued_at"),
        ({**TEXT, "issued_at": "2020-01-01T00:00:00+07:00"}, "issued_at"),  # before the LHP
        ({**TEXT, "received_on": str(today + timedelta(days=2))}, "received_on"),
        ({**TEXT, "received_on": str(today - timedelta(days=3))}, "received_on"),
        ({**TEXT, "received_on": "kemarin"}, "received_on"),
        ({**TEXT, "deadline": "2027-01-01"}, "deadline"),
    ]:
        response = await examination.client.post(url, json=body, headers=examiner)
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["pointer"] == f"#/body/{field}", body
    no_rec = await examination.client.post(
        f"{url}/reports", json={"implementation": "implemented", "text": "x"}, headers=examiner
    )
    assert no_rec.status_code == 404
    analyst = await examination.client.post(url, json=TEXT, headers=tokens.headers("analyst"))
    assert analyst.status_code == 403
    assert (await examination.client.get(url, headers=examiner)).status_code == 404
    ok = await examination.client.post(url, json=TEXT, headers=examiner)
    assert ok.status_code == 200
    for body, field in [
        ({"implementation": "sebagian", "text": "x"}, "implementation"),
        ({"implementation": "partly", "text": "x", "reported_at": future}, "reported_at"),
        (
            {"implementation": "partly", "text": "x", "reported_at": "2020-01-01T00:00:00Z"},
            "reported_at",
        ),
    ]:
        response = await examination.client.post(f"{url}/reports", json=body, headers=examiner)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["errors"][0]["pointer"] == f"#/body/{field}", body
    assert (await examination.client.get(url, headers=examiner)).json()["reports"] == []


async def test_an_offices_history_after_the_lhp_in_its_order(infra, examination, tokens):
    """Every step after the LHP is dated and checked as every other step: each at its
    moment in the case's log, none before the step that came before it."""
    examiner = tokens.headers("examiner")
    lhp_at = days_ago(120)
    case = await concluded_case(
        infra, examination, tokens, "Terbitkan sertifikat", concluded_at=lhp_at
    )
    url = f"{API}/cases/{case['id']}"
    responded_at = days_ago(110)
    issued_at = days_ago(100)
    reported_at = days_ago(30)
    received_on = str(jakarta_today() - timedelta(days=95))
    response = await examination.client.post(
        f"{url}/reporter-responses",
        json={
            "stance": "objects",
            "text": "Saya keberatan.",
            "responded_at": responded_at.isoformat(),
        },
        headers=examiner,
    )
    assert response.status_code == 201, response.text
    # The recommendation cannot be dated before the reporter's response just entered.
    early = await examination.client.post(
        f"{url}/recommendation",
        json={**TEXT, "issued_at": days_ago(115).isoformat()},
        headers=examiner,
    )
    assert early.status_code == 422, early.text
    assert early.json()["errors"][0]["pointer"] == "#/body/issued_at"
    issued = await examination.client.post(
        f"{url}/recommendation",
        json={**TEXT, "issued_at": issued_at.isoformat(), "received_on": received_on},
        headers=examiner,
    )
    assert issued.status_code == 200, issued.text
    # Nor the reporter's next letter, or the agency's report, before the recommendation.
    for path, body, field in [
        ("reporter-responses", {"stance": "agrees", "text": "Ya"}, "responded_at"),
        ("recommendation/reports", {"implementation": "partly", "text": "x"}, "reported_at"),
    ]:
        before = await examination.client.post(
            f"{url}/{path}", json={**body, field: days_ago(105).isoformat()}, headers=examiner
        )
        assert before.status_code == 422, before.text
        assert before.json()["errors"][0]["pointer"] == f"#/body/{field}"
    reported = await examination.client.post(
        f"{url}/recommendation/reports",
        json={
            "implementation": "implemented",
            "text": "Sertifikat telah diterbitkan.",
            "reported_at": reported_at.isoformat(),
        },
        headers=examiner,
    )
    assert reported.status_code == 201, reported.text
    # Received 95 days ago, due 35 days ago (60 days): the report 30 days ago is late.
    assert reported.json()["reports"][0]["late"] is True
    timeline = (await examination.client.get(f"{url}/timeline", headers=examiner)).json()
    steps = {e["type"]: datetime.fromisoformat(e["at"]) for e in timeline}
    assert steps["concluded"] == lhp_at
    assert steps["reporter_responded"] == responded_at
    assert steps["recommendation_issued"] == issued_at
    assert steps["recommendation_reported"] == reported_at
    [event] = await examination.outbox_events("case.recommendation_reported", subject=case["id"])
    assert datetime.fromisoformat(event.data["reported_at"]) == reported_at
