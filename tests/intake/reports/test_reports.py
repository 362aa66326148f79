"""Registering a report and taking it through verification and the plenary."""

from __future__ import annotations

import uuid

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import FORMALLY_COMPLETE, report_body

PROBLEM = "application/problem+json"


async def register(intake: RunningService, headers: dict[str, str], **overrides: object) -> dict:
    response = await intake.client.post(
        "/api/v1/intake/reports", json=report_body(**overrides), headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_registration_issues_a_number_and_hides_identity(intake, officer):
    report = await register(intake, officer)
    assert report["status"] == "registered"
    assert report["registration_number"].startswith("BKL-20")
    assert report["office"] == "BKL"
    assert "name" not in report["reporter"]
    stored = await intake.scalar(
        "SELECT identity FROM reporter WHERE id = :id", id=uuid.UUID(report["reporter"]["id"])
    )
    assert "Budi" not in stored and "1771010101900001" not in stored
    [event] = await intake.outbox_events("report.registered", subject=report["id"])
    assert event.data["registration_number"] == report["registration_number"]
    assert "Budi" not in event.to_json().decode()


async def test_accepted_report_is_handed_over_through_the_outbox(intake, officer):
    report = await register(intake, officer)
    url = f"/api/v1/intake/reports/{report['id']}"
    steps = [
        ("formal-verification", FORMALLY_COMPLETE),
        ("material-verification", {"within_authority": True}),
        ("plenary-decision", {"decision": "accept"}),
    ]
    for path, body in steps:
        response = await intake.client.post(f"{url}/{path}", json=body, headers=officer)
        assert response.status_code == 200, response.text
    final = response.json()
    assert final["status"] == "accepted" and final["track"] == "regular"
    assert [s["to_status"] for s in final["timeline"]] == [
        "registered",
        "formally_verified",
        "materially_verified",
        "accepted",
    ]
    [handoff] = await intake.outbox_events("report.verified", subject=report["id"])
    assert handoff.data["track"] == "regular"
    assert handoff.data["reporter_id"] == final["reporter"]["id"]
    # Who decided, by username and by the gateway's subject (the one every service shares).
    decider = final["timeline"][-1]["actor"]
    assert (handoff.data["decided_by"], handoff.data["decided_by_subject"]) == (
        decider,
        f"user:{decider}",
    )
    assert "Budi" not in handoff.to_json().decode()


async def test_rco_decision_takes_the_rapid_response_track(intake, officer):
    report = await register(intake, officer)
    url = f"/api/v1/intake/reports/{report['id']}"
    await intake.client.post(f"{url}/formal-verification", json=FORMALLY_COMPLETE, headers=officer)
    await intake.client.post(
        f"{url}/material-verification", json={"within_authority": True}, headers=officer
    )
    response = await intake.client.post(
        f"{url}/plenary-decision", json={"decision": "rco"}, headers=officer
    )
    assert response.json()["track"] == "rapid_response"


async def test_a_step_out_of_order_is_a_conflict(intake, officer):
    report = await register(intake, officer)
    response = await intake.client.post(
        f"/api/v1/intake/reports/{report['id']}/plenary-decision",
        json={"decision": "accept"},
        headers=officer,
    )
    assert response.status_code == 409
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] == "/problems/transition-not-allowed"
    # The state machine's refusal names the step and the status, for the screen's words.
    assert response.json()["code"] == "step_not_allowed"
    assert response.json()["params"] == {"step": "plenary_accept", "status": "registered"}
    # ... and says both in words, Bahasa Indonesia first, English when asked for.
    assert response.json()["labels"] == {"step": "Pleno: diterima", "status": "Teregistrasi"}
    english = await intake.client.post(
        f"/api/v1/intake/reports/{report['id']}/plenary-decision",
        json={"decision": "accept"},
        headers={**officer, "Accept-Language": "en"},
    )
    assert english.json()["labels"] == {"step": "Plenary: accepted", "status": "Registered"}
    again = await intake.client.get(f"/api/v1/intake/reports/{report['id']}", headers=officer)
    assert again.json()["status"] == "registered"


async def test_incomplete_report_waits_for_the_reporter(intake, officer):
    report = await register(intake, officer)
    url = f"/api/v1/intake/reports/{report['id']}/formal-verification"
    missing = await intake.client.post(url, json={"complete": False}, headers=officer)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["pointer"] == "#/body/missing"
    response = await intake.client.post(
        url, json={"complete": False, "missing": ["chronology"]}, headers=officer
    )
    assert response.json()["status"] == "awaiting_completion"


async def test_rejection_needs_a_reason_and_is_published(intake, officer):
    report = await register(intake, officer)
    url = f"/api/v1/intake/reports/{report['id']}"
    await intake.client.post(f"{url}/formal-verification", json=FORMALLY_COMPLETE, headers=officer)
    await intake.client.post(
        f"{url}/material-verification", json={"within_authority": True}, headers=officer
    )
    bare = await intake.client.post(
        f"{url}/plenary-decision", json={"decision": "reject"}, headers=officer
    )
    assert bare.status_code == 422 and bare.json()["errors"][0]["pointer"] == "#/body/reason"
    response = await intake.client.post(
        f"{url}/plenary-decision",
        json={"decision": "reject", "reason": "sedang di pengadilan"},
        headers=officer,
    )
    assert response.json()["status"] == "rejected"
    assert response.json()["rejection_reason"] == "sedang di pengadilan"


async def test_stale_if_match_is_refused(intake, officer):
    report = await register(intake, officer)
    url = f"/api/v1/intake/reports/{report['id']}/formal-verification"
    stale = {**officer, "If-Match": '"99"'}
    response = await intake.client.post(url, json=FORMALLY_COMPLETE, headers=stale)
    assert response.status_code == 412
    fresh = {**officer, "If-Match": '"1"'}
    response = await intake.client.post(url, json=FORMALLY_COMPLETE, headers=fresh)
    assert response.status_code == 200 and response.headers["etag"] == '"2"'


async def test_idempotency_key_replays_the_first_response(intake, officer):
    headers = {**officer, "Idempotency-Key": uuid.uuid4().hex}
    body = report_body(summary="Kunci idempoten")
    first = await intake.client.post("/api/v1/intake/reports", json=body, headers=headers)
    second = await intake.client.post("/api/v1/intake/reports", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert second.headers.get("idempotent-replayed") == "true"
    count = await intake.scalar("SELECT count(*) FROM report WHERE summary = 'Kunci idempoten'")
    assert count == 1
    other = await intake.client.post(
        "/api/v1/intake/reports", json=report_body(summary="Lain"), headers=headers
    )
    assert other.status_code == 422
    assert other.json()["type"] == "/problems/idempotency-key-reused"


async def test_bad_input_names_the_fields_and_stores_nothing(intake, officer):
    before = await intake.scalar("SELECT count(*) FROM report")
    body = report_body(channel="pigeon", substance="astrology")
    body["reporter"] = {"nik": "123", "phone": "abc"}
    response = await intake.client.post("/api/v1/intake/reports", json=body, headers=officer)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    pointers = {e["pointer"] for e in response.json()["errors"]}
    assert {
        "#/body/channel",
        "#/body/reporter/name",
        "#/body/reporter/nik",
        "#/body/reporter/phone",
    } <= pointers
    unknown = await intake.client.post(
        "/api/v1/intake/reports", json=report_body(substance="astrology"), headers=officer
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["pointer"] == "#/body/substance"
    not_json = await intake.client.post(
        "/api/v1/intake/reports",
        content=b"{nope",
        headers={**officer, "content-type": "application/json"},
    )
    assert not_json.status_code == 422
    assert await intake.scalar("SELECT count(*) FROM report") == before


async def test_callers_need_a_token_and_the_role(intake, tokens: TestTokens):
    anonymous = await intake.client.post("/api/v1/intake/reports", json=report_body())
    assert anonymous.status_code == 401 and anonymous.headers["content-type"] == PROBLEM
    # The caller is checked before the body: a stranger learns nothing of what it takes.
    unchecked = await intake.client.post("/api/v1/intake/reports", json={"kind": "nope"})
    assert unchecked.status_code == 401
    examiner = tokens.headers("examiner")
    wrong_role = await intake.client.post(
        "/api/v1/intake/reports", json=report_body(), headers=examiner
    )
    assert wrong_role.status_code == 403
    forged = {"Authorization": "Bearer " + TestTokens().token("intake_officer")}
    assert (await intake.client.get("/api/v1/intake/reports", headers=forged)).status_code == 401


async def test_other_offices_reports_are_invisible(intake, officer, tokens: TestTokens):
    report = await register(intake, officer)
    elsewhere = tokens.headers("intake_officer", office="JKT")
    response = await intake.client.get(f"/api/v1/intake/reports/{report['id']}", headers=elsewhere)
    assert response.status_code == 404
    national = tokens.headers("head", "national", office="PUSAT")
    response = await intake.client.get(f"/api/v1/intake/reports/{report['id']}", headers=national)
    assert response.status_code == 200
    unknown = await intake.client.get(f"/api/v1/intake/reports/{uuid.uuid4()}", headers=officer)
    assert unknown.status_code == 404 and unknown.json()["type"] == "/problems/not-found"


async def test_list_pages_with_a_cursor(intake, tokens: TestTokens):
    office = "PGN" + uuid.uuid4().hex[:4]
    headers = tokens.headers("intake_officer", office=office)
    ids = [(await register(intake, headers))["id"] for _ in range(5)]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (
            await intake.client.get("/api/v1/intake/reports", params=params, headers=headers)
        ).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == list(reversed(ids))
    bad = await intake.client.get(
        "/api/v1/intake/reports", params={"cursor": "%%%"}, headers=headers
    )
    assert bad.status_code == 422


async def test_operations_endpoints(intake):
    assert (await intake.client.get("/healthz")).json() == {"status": "ok"}
    ready = await intake.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "nats": "ok"}
    metrics = await intake.client.get("/metrics")
    assert "apik_http_requests_total" in metrics.text


async def test_material_findings_go_to_the_plenary_which_rejects_and_says_why(intake, officer):
    report = await register(intake, officer)
    url = f"/api/v1/intake/reports/{report['id']}"
    await intake.client.post(f"{url}/formal-verification", json=FORMALLY_COMPLETE, headers=officer)
    response = await intake.client.post(
        f"{url}/material-verification",
        json={"within_authority": True, "in_court": True, "already_reported": False},
        headers=officer,
    )
    body = response.json()
    assert body["status"] == "material_failed" and body["rejection_reason"] is None
    assert body["timeline"][-1]["details"]["failures"] == ["in_court"]
    assert body["timeline"][-1]["details"]["reason"] == "in_court"
    rejected_body = (
        await intake.client.post(
            f"{url}/plenary-decision",
            json={"decision": "reject", "reason": "in_court"},
            headers=officer,
        )
    ).json()
    assert rejected_body["status"] == "rejected" and rejected_body["rejection_reason"] == "in_court"
    [rejected] = await intake.outbox_events("report.rejected", subject=report["id"])
    assert rejected.data["reason"] == "in_court"
    assert rejected.data["decided_by_subject"] == f"user:{rejected.data['decided_by']}"


async def test_the_plenary_records_participants_and_the_examination_unit(intake, officer):
    report = await register(intake, officer)
    url = f"/api/v1/intake/reports/{report['id']}"
    await intake.client.post(f"{url}/formal-verification", json=FORMALLY_COMPLETE, headers=officer)
    await intake.client.post(
        f"{url}/material-verification", json={"within_authority": True}, headers=officer
    )
    bad = await intake.client.post(
        f"{url}/plenary-decision",
        json={"decision": "reject", "reason": "x", "examination_unit": "Riksa 1"},
        headers=officer,
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["pointer"] == "#/body/examination_unit"
    response = await intake.client.post(
        f"{url}/plenary-decision",
        json={
            "decision": "accept",
            "participants": ["Kepala Perwakilan", "Asisten PVL", "Asisten Riksa"],
            "examination_unit": "Keasistenan Pemeriksaan 2",
        },
        headers=officer,
    )
    body = response.json()
    assert body["examination_unit"] == "Keasistenan Pemeriksaan 2"
    assert body["timeline"][-1]["details"]["participants"][0] == "Kepala Perwakilan"
    [handoff] = await intake.outbox_events("report.verified", subject=report["id"])
    assert handoff.data["examination_unit"] == "Keasistenan Pemeriksaan 2"


async def test_a_replay_carries_the_first_answer_s_location_and_etag(intake, officer):
    # A client whose first answer was lost must be able to follow the link and write
    # with If-Match as if it had seen that answer.
    headers = {**officer, "Idempotency-Key": uuid.uuid4().hex}
    body = report_body(summary="Jawaban pertama hilang")
    first = await intake.client.post("/api/v1/intake/reports", json=body, headers=headers)
    second = await intake.client.post("/api/v1/intake/reports", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.headers.get("idempotent-replayed") == "true"
    assert first.headers["location"].endswith(f"/api/v1/intake/reports/{first.json()['id']}")
    assert second.headers["location"] == first.headers["location"]
    assert first.headers["etag"] == '"1"'
    assert second.headers["etag"] == first.headers["etag"]


# Every identity and text field of a staff registration, with where it sits in the body.
TEXT_FIELDS = (
    ("reporter", "name"),
    ("reporter", "nik"),
    ("reporter", "place_of_birth"),
    ("reporter", "address"),
    ("reporter", "occupation"),
    ("reporter", "phone"),
    ("reporter", "email"),
    ("reporter", "representative", "name"),
    ("reporter", "representative", "nik"),
    ("reporter", "representative", "phone"),
    ("reporter", "representative", "email"),
    ("reporter", "representative", "address"),
    ("reporter", "representative", "relationship"),
    ("reporter", "representative", "power_of_attorney_number"),
    ("reported_agency", "name"),
    ("substance",),
    ("summary",),
    ("chronology",),
)


def with_nul(body: dict, path: tuple[str, ...]) -> dict:
    """`body` with a NUL inside the text at `path` (a representative added when needed)."""
    body = {**body, "reporter": {**body["reporter"]}, "reported_agency": {"name": "Dinas"}}
    body["reporter"]["representative"] = {"name": "Ani", "nik": "1771014101900002"}
    node = body
    for key in path[:-1]:
        node = node[key]
    value = node.get(path[-1]) or "teks"
    node[path[-1]] = value[:2] + "\x00" + value[2:]
    return body


async def test_nul_in_any_identity_or_text_field_is_refused_naming_it(intake, officer):
    # PostgreSQL text cannot hold NUL, and it was stored in names and addresses before
    # every body shared one strict base (apik_shared.vocabulary.inputs.Input).
    before = await intake.scalar("SELECT count(*) FROM report")
    readers_before = await intake.scalar("SELECT count(*) FROM reporter")
    for path in TEXT_FIELDS:
        body = with_nul(report_body(), path)
        response = await intake.client.post("/api/v1/intake/reports", json=body, headers=officer)
        assert response.status_code == 422, (path, response.text)
        assert response.headers["content-type"] == PROBLEM
        pointers = [e["pointer"] for e in response.json()["errors"]]
        assert pointers == ["#/body/" + "/".join(path)], (path, pointers)
    assert await intake.scalar("SELECT count(*) FROM report") == before
    assert await intake.scalar("SELECT count(*) FROM reporter") == readers_before


async def test_operation_ids_are_generated_unique_and_name_their_feature(intake):
    # The web app's typed client is generated from them: <service>_<feature>_<function>.
    document = (await intake.client.get("/api/v1/intake/openapi.json")).json()
    ids = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    features = {"reports", "steps", "assignment", "routing", "reporters", "duplicates"}
    features |= {"attachments", "public", "records", "reference", "privacy", "notifications"}
    features |= {"drafts", "regions"}
    assert {i.split("_")[1] for i in ids} == features, ids
    assert "intake_reports_register_report" in ids
