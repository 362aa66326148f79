"""Assignment on real PostgreSQL and NATS: supervisors, rosters, round-robin, workload."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apik_testing.tokens import TestTokens
from tests.examination.builders import API, new_case, put_examiner


async def test_a_supervisor_assigns_and_reassigns(infra, examination, tokens: TestTokens):
    supervisor = tokens.headers("examination_supervisor", username="supervisor")
    for name in ("user:budi", "user:sari"):
        await put_examiner(examination, supervisor, "BKL", name)
    case = await new_case(infra, examination, tokens)
    url = f"{API}/cases/{case['id']}/assignment"
    first = await examination.client.post(
        url, json={"examiner_id": "user:budi"}, headers={**supervisor, "If-Match": '"1"'}
    )
    assert first.status_code == 200, first.text
    assert first.json()["examiner_id"] == "user:budi" and first.headers["etag"] == '"2"'
    second = await examination.client.post(
        url, json={"examiner_id": "user:sari", "note": "Cuti panjang"}, headers=supervisor
    )
    assert second.status_code == 200 and second.json()["examiner_id"] == "user:sari"
    events = await examination.outbox_events("case.assigned", subject=case["id"])
    assert [(e.data["examiner_id"], e.data["previous_examiner_id"]) for e in events] == [
        ("user:budi", None),
        ("user:sari", "user:budi"),
    ]
    assert events[0].data["assigned_by"] == "user:supervisor"
    listed = await examination.client.get(
        f"{API}/cases", params={"examiner_id": "user:sari"}, headers=tokens.headers("head")
    )
    assert case["id"] in {c["id"] for c in listed.json()["items"]}
    again = await examination.client.post(
        url, json={"examiner_id": "user:sari"}, headers=supervisor
    )
    assert again.status_code == 409 and again.json()["code"] == "already_assigned"
    assert again.json()["params"] == {"assignee": "user:sari"}


async def test_bad_assignments_change_nothing(infra, examination, tokens: TestTokens):
    supervisor = tokens.headers("examination_supervisor")
    case = await new_case(infra, examination, tokens)
    url = f"{API}/cases/{case['id']}/assignment"
    stranger = await examination.client.post(
        url, json={"examiner_id": "user:nobody"}, headers=supervisor
    )
    assert stranger.status_code == 422
    assert stranger.json()["errors"][0]["pointer"] == "#/body/examiner_id"
    empty = await examination.client.post(url, json={"examiner_id": ""}, headers=supervisor)
    assert empty.status_code == 422 and empty.json()["errors"][0]["pointer"] == "#/body/examiner_id"
    examiner = await examination.client.post(
        url, json={"examiner_id": "user:budi"}, headers=tokens.headers("examiner")
    )
    assert examiner.status_code == 403
    await put_examiner(examination, supervisor, "BKL", "user:budi")
    stale = await examination.client.post(
        url, json={"examiner_id": "user:budi"}, headers={**supervisor, "If-Match": '"5"'}
    )
    assert stale.status_code == 412
    elsewhere = await examination.client.post(
        url,
        json={"examiner_id": "user:budi"},
        headers=tokens.headers("examination_supervisor", office="MKS"),
    )
    assert elsewhere.status_code == 404
    detail = await examination.client.get(f"{API}/cases/{case['id']}", headers=supervisor)
    assert detail.json()["examiner_id"] is None and detail.json()["version"] == 1
    assert await examination.outbox_events("case.assigned", subject=case["id"]) == []


async def test_roster_input_is_validated(examination, tokens: TestTokens):
    supervisor = tokens.headers("examination_supervisor")
    url = f"{API}/offices/BKL/examiners/user:budi"
    backwards = await examination.client.put(
        url,
        json={
            "display_name": "Budi",
            "capacity": 3,
            "absent_from": "2026-03-10",
            "absent_until": "2026-03-01",
        },
        headers=supervisor,
    )
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["pointer"] == "#/body/absent_until"
    negative = await examination.client.put(
        url, json={"display_name": "Budi", "capacity": -1}, headers=supervisor
    )
    assert negative.json()["errors"][0]["pointer"] == "#/body/capacity"
    other_office = await examination.client.put(
        f"{API}/offices/MKS/examiners/user:budi",
        json={"display_name": "Budi", "capacity": 3},
        headers=supervisor,
    )
    assert other_office.status_code == 404


async def test_round_robin_respects_capacity_and_absence(infra, examination, tokens: TestTokens):
    office = "RRB"
    supervisor = tokens.headers("examination_supervisor", office=office)
    today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date()
    await put_examiner(examination, supervisor, office, "user:a", capacity=1)
    await put_examiner(
        examination,
        supervisor,
        office,
        "user:b",
        absent_from=str(today - timedelta(days=1)),
        absent_until=str(today + timedelta(days=1)),
    )
    await put_examiner(examination, supervisor, office, "user:c", capacity=2)
    rotation = await examination.client.put(
        f"{API}/offices/{office}/rotation", json={"enabled": True}, headers=supervisor
    )
    assert rotation.status_code == 200 and rotation.json()["enabled"] is True
    assigned = [
        (await new_case(infra, examination, tokens, office))["examiner_id"] for _ in range(4)
    ]
    # a takes one (then is full), b is away, c takes two (then is full): nobody is left.
    assert assigned == ["user:a", "user:c", "user:c", None]
    workload = await examination.client.get(
        f"{API}/offices/{office}/examiners", headers=tokens.headers("head", office=office)
    )
    loads = {w["examiner_id"]: (w["open_cases"], w["by_sla_state"]) for w in workload.json()}
    assert loads == {
        "user:a": (1, {"on_track": 1}),
        "user:b": (0, {}),
        "user:c": (2, {"on_track": 2}),
    }
    automatic = [
        e for e in await examination.outbox_events("case.assigned") if e.data["office"] == office
    ]
    assert len(automatic) == 3
    assert all(e.data["automatic"] for e in automatic)
    assert {e.data["assigned_by"] for e in automatic} == {"system:round-robin"}


async def test_without_round_robin_new_cases_wait_for_a_supervisor(infra, examination, tokens):
    supervisor = tokens.headers("examination_supervisor", office="NRR")
    await put_examiner(examination, supervisor, "NRR", "user:a")
    case = await new_case(infra, examination, tokens, "NRR")
    assert case["examiner_id"] is None
    rotation = await examination.client.get(
        f"{API}/offices/NRR/rotation", headers=tokens.headers("head", office="NRR")
    )
    assert rotation.json() == {
        "office": "NRR",
        "enabled": False,
        "team": None,
        "last_examiner_id": None,
    }


async def test_an_examiner_works_only_their_own_cases(infra, examination, tokens: TestTokens):
    supervisor = tokens.headers("examination_supervisor")
    await put_examiner(examination, supervisor, "BKL", "user:budi")
    case = await new_case(infra, examination, tokens)
    url = f"{API}/cases/{case['id']}"
    sari = tokens.headers("examiner", username="sari")
    before = await examination.client.post(
        f"{url}/classification", json={"classification": "sedang"}, headers=sari
    )
    assert before.status_code == 200  # unassigned: any examiner of the office
    await examination.client.post(
        f"{url}/assignment", json={"examiner_id": "user:budi"}, headers=supervisor
    )
    for path, body in [
        ("classification", {"classification": "berat"}),
        ("status", {"status": "waiting_reporter"}),
        ("conclusion", {"finding": "no_maladministration", "summary": "Tidak ada"}),
        ("closure", {"outcome": "withdrawn", "route": "reporter_request"}),
    ]:
        refused = await examination.client.post(f"{url}/{path}", json=body, headers=sari)
        assert refused.status_code == 403, (path, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"
    detail = (await examination.client.get(url, headers=sari)).json()  # reading stays open
    assert detail["classification"] == "sedang" and detail["status"] == "open"
    budi = tokens.headers("examiner", username="budi")
    mine = await examination.client.post(
        f"{url}/classification", json={"classification": "berat"}, headers=budi
    )
    assert mine.status_code == 200
    overseen = await examination.client.post(
        f"{url}/status", json={"status": "waiting_reporter"}, headers=supervisor
    )
    assert overseen.status_code == 200


async def test_round_robin_within_a_team(infra, examination, tokens: TestTokens):
    office = "TIM"
    supervisor = tokens.headers("examination_supervisor", office=office)
    await put_examiner(examination, supervisor, office, "user:a", team="riksa-1")
    await put_examiner(examination, supervisor, office, "user:b", team="riksa-2")
    await put_examiner(examination, supervisor, office, "user:c", team="riksa-2")
    rotation = await examination.client.put(
        f"{API}/offices/{office}/rotation",
        json={"enabled": True, "team": "riksa-2"},
        headers=supervisor,
    )
    assert rotation.json()["team"] == "riksa-2"
    assigned = [
        (await new_case(infra, examination, tokens, office))["examiner_id"] for _ in range(3)
    ]
    assert assigned == ["user:b", "user:c", "user:b"]
    empty_team = await examination.client.put(
        f"{API}/offices/{office}/rotation", json={"enabled": True, "team": ""}, headers=supervisor
    )
    assert empty_team.status_code == 422
    assert empty_team.json()["errors"][0]["pointer"] == "#/body/team"
