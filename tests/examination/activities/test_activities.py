"""Activities, agency contacts and the timeline on real PostgreSQL and NATS."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apik_examination.jobs import monitoring_once
from apik_testing.tokens import TestTokens
from tests.examination.builders import API, concluded_case, days_ago, new_case


def today() -> str:
    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date().isoformat()


def days_from_today(n: int) -> str:
    return (
        datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date() + timedelta(days=n)
    ).isoformat()


async def test_a_clarification_letter_waits_for_the_agency(infra, examination, tokens):
    examiner = tokens.headers("examiner", username="budi")
    contact = await examination.client.post(
        f"{API}/contacts",
        json={
            "agency": "Kantor Pertanahan Kota Bengkulu",
            "name": "Ibu Rina",
            "position": "Kasubag TU",
        },
        headers=examiner,
    )
    assert contact.status_code == 201, contact.text
    found = await examination.client.get(
        f"{API}/contacts", params={"agency": "pertanahan"}, headers=tokens.headers("head")
    )
    assert contact.json()["id"] in {c["id"] for c in found.json()}
    case = await new_case(infra, examination, tokens)
    letter = await examination.client.post(
        f"{API}/cases/{case['id']}/activities",
        json={
            "kind": "written_clarification",
            "held_on": today(),
            "summary": "Permintaan klarifikasi tertulis",
            "response_due": days_from_today(14),
            "contact_id": contact.json()["id"],
            "documents": [{"name": "Surat klarifikasi", "reference": "arsip/2026/117"}],
            "await_response": True,
        },
        headers={**examiner, "If-Match": '"1"'},
    )
    assert letter.status_code == 201, letter.text
    assert letter.json()["documents"][0]["reference"] == "arsip/2026/117"
    detail = (await examination.client.get(f"{API}/cases/{case['id']}", headers=examiner)).json()
    assert detail["status"] == "waiting_agency" and detail["sla"]["state"] == "paused"
    assert letter.headers["etag"] == f'"{detail["version"]}"'
    timeline = await examination.client.get(
        f"{API}/cases/{case['id']}/timeline", headers=tokens.headers("analyst")
    )
    assert [e["type"] for e in timeline.json()] == ["opened", "activity", "status_changed"]
    assert timeline.json()[1]["actor"] == "user:budi"
    listed = await examination.client.get(f"{API}/cases/{case['id']}/activities", headers=examiner)
    assert [a["kind"] for a in listed.json()] == ["written_clarification"]


async def test_bad_activities_change_nothing(infra, examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    case = await new_case(infra, examination, tokens)
    url = f"{API}/cases/{case['id']}/activities"
    base = {"kind": "oral_clarification", "held_on": today(), "summary": "Rapat klarifikasi"}
    cases: list[tuple[dict[str, object], str]] = [
        ({"held_on": "2020-01-01"}, "held_on"),
        ({"kind": "written_clarification", "response_due": "2020-01-01"}, "response_due"),
        ({"response_due": days_from_today(5)}, "response_due"),
        ({"await_response": True}, "await_response"),
        ({"kind": "sidak"}, "kind"),
        ({"held_on": "kemarin"}, "held_on"),
        ({"summary": ""}, "summary"),
        ({"contact_id": "00000000-0000-0000-0000-000000000000"}, "contact_id"),
    ]
    for change, field in cases:
        response = await examination.client.post(url, json={**base, **change}, headers=examiner)
        assert response.status_code == 422, (change, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["pointer"] == f"#/body/{field}", change
    forbidden = await examination.client.post(url, json=base, headers=tokens.headers("analyst"))
    assert forbidden.status_code == 403
    stale = await examination.client.post(url, json=base, headers={**examiner, "If-Match": '"9"'})
    assert stale.status_code == 412
    assert (await examination.client.get(url, headers=examiner)).json() == []
    detail = (await examination.client.get(f"{API}/cases/{case['id']}", headers=examiner)).json()
    assert detail["version"] == 1 and detail["status"] == "open"


async def test_contacts_stay_in_their_office(examination, tokens: TestTokens):
    mks = tokens.headers("examiner", office="MKS")
    created = await examination.client.post(
        f"{API}/contacts", json={"agency": "PDAM Kota Makassar", "name": "Pak Andi"}, headers=mks
    )
    assert created.json()["office"] == "MKS"
    mine = await examination.client.get(f"{API}/contacts", headers=tokens.headers("examiner"))
    assert created.json()["id"] not in {c["id"] for c in mine.json()}
    peek = await examination.client.get(
        f"{API}/contacts", params={"office": "MKS"}, headers=tokens.headers("examiner")
    )
    assert peek.status_code == 422 and peek.json()["errors"][0]["pointer"] == "#/query/office"
    national = await examination.client.get(
        f"{API}/contacts", params={"office": "MKS"}, headers=tokens.headers("analyst", "national")
    )
    assert created.json()["id"] in {c["id"] for c in national.json()}


async def test_a_retried_activity_is_recorded_once(infra, examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    case = await new_case(infra, examination, tokens)
    url = f"{API}/cases/{case['id']}/activities"
    body = {"kind": "field_investigation", "held_on": today(), "summary": "Peninjauan lapangan"}
    headers = {**examiner, "Idempotency-Key": "sidak-1"}
    first = await examination.client.post(url, json=body, headers=headers)
    retry = await examination.client.post(url, json=body, headers=headers)
    assert first.status_code == retry.status_code == 201
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.json()["id"] == first.json()["id"]
    assert len((await examination.client.get(url, headers=examiner)).json()) == 1
    other = await examination.client.post(url, json={**body, "summary": "Lain"}, headers=headers)
    assert other.status_code == 422


async def test_a_contact_of_only_whitespace_is_refused(examination, tokens):
    headers = tokens.headers("examiner", office="BKL")
    response = await examination.client.post(
        "/api/v1/examination/contacts", json={"agency": "\t", "name": "  "}, headers=headers
    )
    assert response.status_code == 422
    pointers = {e["pointer"] for e in response.json()["errors"]}
    assert {"#/body/agency", "#/body/name"} <= pointers


async def test_a_replayed_activity_carries_the_first_location_and_etag(
    infra, examination, tokens: TestTokens
):
    examiner = tokens.headers("examiner")
    case = await new_case(infra, examination, tokens)
    url = f"{API}/cases/{case['id']}/activities"
    body = {"kind": "oral_clarification", "held_on": today(), "summary": "Rapat klarifikasi"}
    # The retry sends what the first request sent, If-Match included: the first answer
    # was lost, so the client never saw the case's new version.
    headers = {**examiner, "Idempotency-Key": "rapat-1", "If-Match": '"1"'}
    first = await examination.client.post(url, json=body, headers=headers)
    retry = await examination.client.post(url, json=body, headers=headers)
    assert first.status_code == retry.status_code == 201, retry.text
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.headers["location"] == first.headers["location"]
    assert retry.headers["etag"] == first.headers["etag"] == '"2"'
    assert first.headers["location"] == f"{url}/{first.json()['id']}"
    shown = await examination.client.get(first.headers["location"], headers=examiner)
    assert shown.status_code == 200 and shown.json() == first.json()
    detail = await examination.client.get(f"{API}/cases/{case['id']}", headers=examiner)
    assert detail.headers["etag"] == first.headers["etag"]
    elsewhere = await examination.client.get(
        first.headers["location"], headers=tokens.headers("examiner", office="MKS")
    )
    assert elsewhere.status_code == 404
    other_case = await new_case(infra, examination, tokens)
    wrong_case = await examination.client.get(
        f"{API}/cases/{other_case['id']}/activities/{first.json()['id']}", headers=examiner
    )
    assert wrong_case.status_code == 404


async def test_letters_follow_up_after_the_final_report(infra, examination, tokens):
    """Letters to the agency go on after the LHP, in monitoring too (following up the
    corrective actions is what it is); they no longer pause the stopped clock, and a
    closed case takes none."""
    examiner = tokens.headers("examiner")
    letter = {
        "kind": "written_clarification",
        "held_on": today(),
        "summary": "Surat monitoring pelaksanaan tindakan korektif",
        "response_due": days_from_today(14),
    }
    concluded = await concluded_case(infra, examination, tokens, "Terbitkan sertifikat")
    # An LHP of 90 days ago: its 30 working days (six weeks at most, with the year's
    # holidays) have passed with the action open, so the job moves it to monitoring.
    monitored = await concluded_case(
        infra, examination, tokens, "Terbitkan sertifikat", concluded_at=days_ago(90)
    )
    await monitoring_once(examination.app.state.database)
    for case, status in [(concluded, "concluded"), (monitored, "monitoring")]:
        url = f"{API}/cases/{case['id']}"
        assert (await examination.client.get(url, headers=examiner)).json()["status"] == status
        pausing = await examination.client.post(
            f"{url}/activities", json={**letter, "await_response": True}, headers=examiner
        )
        assert pausing.status_code == 422, pausing.text
        [refused] = pausing.json()["errors"]
        assert refused["pointer"] == "#/body/await_response"
        # The status it refuses in is quoted, in words in each language, not by its code.
        assert (refused["code"], refused["params"]) == ("cannot_await_agency", {"status": status})
        words = {"concluded": ("LHP diterbitkan", "Final report issued")}.get(
            status, ("Resolusi dan monitoring", "Resolution and monitoring")
        )
        assert refused["labels_by_language"] == {
            "id": {"status": words[0]},
            "en": {"status": words[1]},
        }
        assert refused["labels"] == {"status": words[0]}
        assert refused["detail"] == (
            f'The case is "{words[1]}" already, so it cannot wait for the agency.'
        )
        recorded = await examination.client.post(f"{url}/activities", json=letter, headers=examiner)
        assert recorded.status_code == 201, (status, recorded.text)
        detail = (await examination.client.get(url, headers=examiner)).json()
        assert detail["status"] == status and detail["sla"]["state"] == "met"
        listed = (await examination.client.get(f"{url}/activities", headers=examiner)).json()
        assert [a["id"] for a in listed] == [recorded.json()["id"]]
    url = f"{API}/cases/{monitored['id']}"
    closed = await examination.client.post(
        f"{url}/closure",
        json={"outcome": "withdrawn", "route": "reporter_request"},
        headers=tokens.headers("head"),
    )
    assert closed.status_code == 200, closed.text
    refused = await examination.client.post(f"{url}/activities", json=letter, headers=examiner)
    assert refused.status_code == 409
    assert len((await examination.client.get(f"{url}/activities", headers=examiner)).json()) == 1
