"""Consultations (KNL), copies (TEMBUSAN), the agency's type and region, classification."""

from __future__ import annotations

import uuid

from apik_testing.services import RunningService
from tests.intake.builders import FORMALLY_COMPLETE, report_body

PROBLEM = "application/problem+json"
REPORTS = "/api/v1/intake/reports"


def consultation(**overrides: object) -> dict[str, object]:
    body = report_body(
        kind="KNL",
        channel="phone",
        summary="Syarat pindah domisili",
        question="Apa saja syarat mengurus surat pindah dari Kota Bengkulu ke Kabupaten Seluma?",
    )
    for field in ("reported_agency", "substance", "chronology", "event_date"):
        del body[field]
    body.update(overrides)
    return body


async def post(intake: RunningService, headers: dict[str, str], body: dict[str, object]):
    return await intake.client.post(REPORTS, json=body, headers=headers)


async def test_a_consultation_is_answered_and_closed_at_intake(intake, officer):
    created = await post(intake, officer, consultation())
    assert created.status_code == 201, created.text
    knl = created.json()
    assert knl["kind"] == "KNL" and knl["status"] == "registered"
    assert knl["reported_agency"] is None and knl["substance"] is None
    assert knl["allowed_steps"] == ["answer"]
    url = f"{REPORTS}/{knl['id']}"
    formal = await intake.client.post(
        f"{url}/formal-verification", json=FORMALLY_COMPLETE, headers=officer
    )
    assert formal.status_code == 409 and formal.headers["content-type"] == PROBLEM
    empty = await intake.client.post(f"{url}/answer", json={"answer": ""}, headers=officer)
    assert empty.status_code == 422 and empty.json()["errors"][0]["pointer"] == "#/body/answer"
    answer = "Bawa KTP, KK dan surat pengantar RT/RW ke Disdukcapil Kota Bengkulu."
    answered = await intake.client.post(f"{url}/answer", json={"answer": answer}, headers=officer)
    assert answered.status_code == 200, answered.text
    body = answered.json()
    assert body["status"] == "answered" and body["answer"] == answer
    assert body["answered_at"] and body["allowed_steps"] == []
    [event] = await intake.outbox_events("consultation.recorded", subject=knl["id"])
    assert event.data["kind"] == "KNL" and event.data["answered_by"] == "petugas"
    assert event.data["answered_by_subject"] == "user:petugas"
    assert "Budi" not in event.to_json().decode()
    again = await intake.client.post(f"{url}/answer", json={"answer": "lagi"}, headers=officer)
    assert again.status_code == 409
    assert await intake.outbox_events("report.verified", subject=knl["id"]) == []


async def test_a_consultation_answered_at_the_desk_closes_in_one_request(intake, officer):
    created = await post(intake, officer, consultation(answer="Datang ke kantor kelurahan."))
    assert created.status_code == 201, created.text
    knl = created.json()
    assert knl["status"] == "answered"
    assert [s["to_status"] for s in knl["timeline"]] == ["registered", "answered"]
    assert len(await intake.outbox_events("consultation.recorded", subject=knl["id"])) == 1


async def test_each_kind_gets_the_fields_it_needs(intake, officer):
    before = await intake.scalar("SELECT count(*) FROM report")
    no_question = consultation()
    del no_question["question"]
    cases = [
        (no_question, {"#/body/question"}),
        (consultation(addressed_to="Presiden RI"), {"#/body/addressed_to"}),
        (
            {k: v for k, v in report_body().items() if k not in {"reported_agency", "chronology"}},
            {"#/body/reported_agency", "#/body/chronology"},
        ),
        (report_body(answer="tidak untuk LM"), {"#/body/answer"}),
        (report_body(kind="TEMBUSAN"), {"#/body/addressed_to"}),
    ]
    for body, pointers in cases:
        response = await post(intake, officer, body)
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"] == PROBLEM
        assert {e["pointer"] for e in response.json()["errors"]} == pointers
    assert await intake.scalar("SELECT count(*) FROM report") == before


async def test_a_copy_is_recorded_and_linked_not_examined(intake, officer, tokens):
    original = (await post(intake, officer, report_body())).json()
    copy = report_body(
        kind="TEMBUSAN",
        channel="letter",
        addressed_to="Bupati Seluma",
        linked_report_id=original["id"],
        summary="Tembusan surat ke Bupati tentang ijazah ditahan",
    )
    created = await post(intake, officer, copy)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["status"] == "recorded" and body["allowed_steps"] == []
    assert body["linked_report_id"] == original["id"]
    assert body["addressed_to"] == "Bupati Seluma"
    [linked] = await intake.outbox_events("report.linked", subject=body["id"])
    assert linked.data["linked_report_id"] == original["id"] and linked.data["link"] == "copy"
    formal = await intake.client.post(
        f"{REPORTS}/{body['id']}/formal-verification", json=FORMALLY_COMPLETE, headers=officer
    )
    assert formal.status_code == 409
    for target in (str(uuid.uuid4()), None):
        if target is None:  # another office's report is no report at all here
            elsewhere = tokens.headers("intake_officer", office="JKT")
            target = (await post(intake, elsewhere, report_body())).json()["id"]
        bad = await post(intake, officer, {**copy, "linked_report_id": target})
        assert bad.status_code == 422
        assert bad.json()["errors"][0]["pointer"] == "#/body/linked_report_id"


async def test_agency_type_region_and_classification_travel_with_the_report(intake, officer):
    body = report_body(
        reported_agency={
            "name": "Kantor Pertanahan Kabupaten Seluma",
            "type": "land_office",
            "region": {"province": "17", "regency": "1705"},
        },
        substance="land",
        maladministration=["undue_delay", "asking_for_payment", "undue_delay"],
        location={"province": "17", "regency": "1705"},
    )
    created = await post(intake, officer, body)
    assert created.status_code == 201, created.text
    report = created.json()
    assert report["reported_agency"] == {
        "name": "Kantor Pertanahan Kabupaten Seluma",
        "type": "land_office",
        "region": {"province": "17", "regency": "1705"},
    }
    assert report["maladministration"] == ["undue_delay", "asking_for_payment"]
    assert report["location"] == {"province": "17", "regency": "1705"}
    url = f"{REPORTS}/{report['id']}"
    for path, step in (
        ("formal-verification", FORMALLY_COMPLETE),
        ("material-verification", {"within_authority": True}),
        ("plenary-decision", {"decision": "accept"}),
    ):
        assert (await intake.client.post(f"{url}/{path}", json=step, headers=officer)).is_success
    [handoff] = await intake.outbox_events("report.verified", subject=report["id"])
    assert handoff.data["agency_type"] == "land_office"
    assert handoff.data["maladministration"] == ["undue_delay", "asking_for_payment"]
    assert handoff.data["location_regency"] == "1705"


async def test_bad_classification_names_the_field(intake, officer):
    before = await intake.scalar("SELECT count(*) FROM report")
    cases: list[tuple[dict[str, object], str]] = [
        (
            {"reported_agency": {"name": "X", "type": "mafia"}},
            "#/body/reported_agency/type",
        ),
        (
            {"reported_agency": {"name": "X", "region": {"province": "99"}}},
            "#/body/reported_agency/region/province",
        ),
        ({"location": {"province": "17", "regency": "3171"}}, "#/body/location/regency"),
        ({"location": {"province": "17", "regency": "1700"}}, "#/body/location/regency"),
        ({"maladministration": ["bribery"]}, "#/body/maladministration/0"),
    ]
    for change, pointer in cases:
        response = await post(intake, officer, report_body(**change))
        assert response.status_code == 422, (change, response.text)
        assert pointer in {e["pointer"] for e in response.json()["errors"]}, change
    assert await intake.scalar("SELECT count(*) FROM report") == before


async def test_the_office_edits_its_substance_list(intake, officer, tokens):
    head = tokens.headers("head")
    created = await intake.client.post(
        "/api/v1/intake/substances",
        json={"code": "seaport", "name_id": "Kepelabuhanan", "name_en": "Seaports"},
        headers=head,
    )
    assert created.status_code == 201, created.text
    again = await intake.client.post(
        "/api/v1/intake/substances",
        json={"code": "seaport", "name_id": "Kepelabuhanan", "name_en": "Seaports"},
        headers=head,
    )
    assert again.status_code == 409
    forbidden = await intake.client.post(
        "/api/v1/intake/substances",
        json={"code": "sport", "name_id": "Olahraga", "name_en": "Sport"},
        headers=officer,
    )
    assert forbidden.status_code == 403
    assert (await post(intake, officer, report_body(substance="seaport"))).status_code == 201
    retired = await intake.client.patch(
        "/api/v1/intake/substances/seaport", json={"active": False}, headers=head
    )
    assert retired.status_code == 200 and retired.json()["active"] is False
    listed = await intake.client.get("/api/v1/intake/substances", headers=officer)
    assert "seaport" not in {s["code"] for s in listed.json()}
    refused = await post(intake, officer, report_body(substance="seaport"))
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == "#/body/substance"
    missing = await intake.client.patch(
        "/api/v1/intake/substances/nothing", json={"active": False}, headers=head
    )
    assert missing.status_code == 404
    bad = await intake.client.post(
        "/api/v1/intake/substances",
        json={"code": "Bad Code", "name_id": "x", "name_en": "x"},
        headers=head,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "#/body/code"
