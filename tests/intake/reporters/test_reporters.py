"""The reporter: full identity sealed at rest, repeat reporters, masking, audited reads."""

from __future__ import annotations

import uuid

from apik_shared.platform.pagination import encode_cursor
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import report_body

PROBLEM = "application/problem+json"
REPORTS = "/api/v1/intake/reports"


def full_reporter(**overrides: object) -> dict[str, object]:
    reporter: dict[str, object] = {
        "name": "Siti Rahmawati",
        "nik": "1771016506880003",  # a woman born 25 June 1988 in Kota Bengkulu
        "place_of_birth": "Bengkulu",
        "date_of_birth": "1988-06-25",
        "address": "Jl. Soekarno-Hatta No. 12, Anggut Atas, Ratu Samban",
        "occupation": "Guru honorer",
        "phone": "+62 813-7777-1234",
        "email": "Siti.R@Example.ID",
        "confidential": False,
    }
    reporter.update(overrides)
    return reporter


async def register(intake: RunningService, headers: dict[str, str], **reporter: object) -> dict:
    body = report_body(reporter=full_reporter(**reporter))
    response = await intake.client.post(REPORTS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def read(
    intake: RunningService, report_id: str, headers: dict[str, str], purpose: str = "klarifikasi"
):
    return await intake.client.get(
        f"{REPORTS}/{report_id}/reporter", params={"purpose": purpose}, headers=headers
    )


def office() -> str:
    return "R" + uuid.uuid4().hex[:5].upper()


async def test_identity_is_sealed_at_rest_and_read_in_full_by_the_officer(
    intake, tokens: TestTokens
):
    headers = tokens.headers("intake_officer", office=office(), username="pvl1")
    rep = {
        "name": "Ahmad Fauzi",
        "nik": "1771020202850004",
        "relationship": "suami",
        "power_of_attorney_number": "SK-01/2026",
        "power_of_attorney_date": "2026-08-01",
    }
    report = await register(intake, headers, representative=rep)
    stored = await intake.scalar(
        "SELECT row_to_json(r)::text FROM reporter r WHERE id = :id",
        id=uuid.UUID(report["reporter"]["id"]),
    )
    for plain in ("Siti", "1771016506880003", "Soekarno", "Guru", "7777", "example.id", "Ahmad"):
        assert plain not in stored, plain
    response = await read(intake, report["id"], headers, purpose="verifikasi formil")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["disclosure"] == "full"
    identity = body["identity"]
    assert identity["name"] == "Siti Rahmawati"
    assert identity["nik"] == "1771016506880003"
    assert identity["date_of_birth"] == "1988-06-25"
    assert identity["place_of_birth"] == "Bengkulu"
    assert identity["occupation"] == "Guru honorer"
    assert identity["phone"] == "+6281377771234"
    assert identity["email"] == "siti.r@example.id"
    assert identity["representative"]["name"] == "Ahmad Fauzi"
    assert identity["representative"]["power_of_attorney_number"] == "SK-01/2026"
    audit = await intake.scalar(
        "SELECT row_to_json(a)::text FROM identity_read a WHERE report_id = :id",
        id=uuid.UUID(report["id"]),
    )
    assert '"actor_username":"pvl1"' in audit and '"purpose":"verifikasi formil"' in audit
    assert '"disclosure":"full"' in audit


async def test_a_read_without_a_purpose_is_refused_and_leaves_no_trace(intake, tokens):
    headers = tokens.headers("intake_officer", office=office())
    report = await register(intake, headers)
    for params in ({}, {"purpose": "  "}, {"purpose": "x"}):
        response = await intake.client.get(
            f"{REPORTS}/{report['id']}/reporter", params=params, headers=headers
        )
        assert response.status_code == 422, params
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["errors"][0]["pointer"] == "#/query/purpose"
    count = await intake.scalar(
        "SELECT count(*) FROM identity_read WHERE report_id = :id", id=uuid.UUID(report["id"])
    )
    assert count == 0


async def test_roles_not_entitled_see_a_mask_and_the_read_is_still_audited(intake, tokens):
    where = office()
    report = await register(intake, tokens.headers("intake_officer", office=where))
    analyst = tokens.headers("analyst", office=where, username="analis")
    body = (await read(intake, report["id"], analyst, purpose="statistik")).json()
    assert body["disclosure"] == "masked"
    identity = body["identity"]
    assert identity["name"] == "S*** R********"
    assert identity["nik"] == "1771************"
    assert identity["phone"] == "+62813******34"
    assert identity["email"] == "s***@example.id"
    assert identity["address"] is None and identity["date_of_birth"] is None
    assert (
        await intake.scalar(
            "SELECT disclosure FROM identity_read"
            " WHERE report_id = :id AND actor_username = 'analis'",
            id=uuid.UUID(report["id"]),
        )
        == "masked"
    )
    # Admin runs the system; the identity is for the roles the office names.
    admin = tokens.headers("admin", office=where)
    assert (await read(intake, report["id"], admin)).json()["disclosure"] == "masked"
    outsider = tokens.headers("prevention_officer", office=where)
    assert (await read(intake, report["id"], outsider)).status_code == 403


async def test_a_confidential_reporter_is_seen_only_by_the_designated_roles(intake, tokens):
    where = office()
    officer = tokens.headers("intake_officer", office=where)
    report = await register(intake, officer, confidential=True)
    withheld = (await read(intake, report["id"], officer)).json()
    assert withheld["disclosure"] == "withheld" and withheld["identity"] is None
    examiner = tokens.headers("examiner", office=where)
    assert (await read(intake, report["id"], examiner)).json()["identity"] is None
    head = tokens.headers("head", office=where, username="kepala")
    full = (await read(intake, report["id"], head, purpose="tanda tangan LHP")).json()
    assert full["disclosure"] == "full" and full["identity"]["name"] == "Siti Rahmawati"
    disclosures = await intake.scalar(
        "SELECT string_agg(disclosure, ',' ORDER BY id) FROM identity_read WHERE report_id = :id",
        id=uuid.UUID(report["id"]),
    )
    assert disclosures == "withheld,withheld,full"
    other_office = tokens.headers("head", office="ELSEWHERE")
    assert (await read(intake, report["id"], other_office)).status_code == 404


async def test_a_repeat_reporter_is_recognised_by_nik_phone_or_email(intake, tokens):
    where = office()
    officer = tokens.headers("intake_officer", office=where)
    first = await register(intake, officer)
    assert first["reporter"]["matched_on"] == []
    person = first["reporter"]["person_id"]
    by_nik = await register(intake, officer, phone="0852 1111 2222", email=None)
    assert by_nik["reporter"]["person_id"] == person
    assert by_nik["reporter"]["matched_on"] == ["nik"]
    by_phone = await register(intake, officer, nik=None, date_of_birth=None, email=None)
    assert by_phone["reporter"]["person_id"] == person
    assert by_phone["reporter"]["matched_on"] == ["phone"]
    by_email = await register(
        intake, officer, nik=None, date_of_birth=None, phone=None, email="SITI.R@example.id"
    )
    assert by_email["reporter"]["matched_on"] == ["email"]
    stranger = await register(
        intake,
        officer,
        name="Dewi Lestari",
        nik="1771034407920005",
        date_of_birth=None,
        phone="0811 0000 1111",
        email="dewi@example.id",
    )
    assert stranger["reporter"]["person_id"] != person
    assert stranger["reporter"]["matched_on"] == []
    # Another office keeps its own reporters.
    elsewhere = await register(intake, tokens.headers("intake_officer", office=office()))
    assert elsewhere["reporter"]["person_id"] != person
    # Every report of the person, found without decrypting anything.
    listed = await intake.client.get(REPORTS, params={"person_id": person}, headers=officer)
    assert {r["id"] for r in listed.json()["items"]} == {
        first["id"],
        by_nik["id"],
        by_phone["id"],
        by_email["id"],
    }
    indexes = await intake.scalar(
        "SELECT count(DISTINCT nik_index) FROM reporter"
        " WHERE person_id = :p AND nik_index IS NOT NULL",
        p=uuid.UUID(person),
    )
    assert indexes == 1


async def test_the_dpo_queries_the_audit_of_identity_reads(intake, tokens):
    where = office()
    officer = tokens.headers("intake_officer", office=where, username="pvl9")
    report = await register(intake, officer)
    other = await register(intake, officer)
    await read(intake, report["id"], officer, purpose="konfirmasi telepon")
    await read(intake, other["id"], officer, purpose="surat permintaan data")
    dpo = tokens.headers("dpo", office=where)
    page = await intake.client.get(
        "/api/v1/intake/identity-reads", params={"report_id": report["id"]}, headers=dpo
    )
    assert page.status_code == 200, page.text
    [entry] = page.json()["items"]
    assert entry["actor_username"] == "pvl9" and entry["purpose"] == "konfirmasi telepon"
    assert entry["report_id"] == report["id"] and entry["at"]
    everything = await intake.client.get(
        "/api/v1/intake/identity-reads", params={"limit": 1, "reader": "pvl9"}, headers=dpo
    )
    assert everything.json()["items"][0]["report_id"] == other["id"]  # newest first
    cursor = everything.json()["next_cursor"]
    nxt = await intake.client.get(
        "/api/v1/intake/identity-reads", params={"cursor": cursor, "limit": 1}, headers=dpo
    )
    assert nxt.json()["items"][0]["report_id"] == report["id"]
    assert (
        await intake.client.get("/api/v1/intake/identity-reads", headers=officer)
    ).status_code == 403
    foreign = tokens.headers("dpo", office="ELSEWHERE")
    theirs = await intake.client.get(
        "/api/v1/intake/identity-reads", params={"report_id": report["id"]}, headers=foreign
    )
    assert theirs.json()["items"] == []


async def test_identity_reads_refuse_a_bound_without_a_zone_or_a_utc_form(intake, tokens):
    """Found by the long schemathesis run: year 1 an hour east of UTC falls in year 0 in
    UTC, which the database cannot be asked about; it was a 500."""
    dpo = tokens.headers("dpo", office=office())
    for name, value in [
        ("since", "0001-01-01T00:00:00+01:00"),
        ("until", "9999-12-31T23:00:00-14:00"),
        ("since", "2026-01-01T00:00:00"),
    ]:
        refused = await intake.client.get(
            "/api/v1/intake/identity-reads", params={name: value}, headers=dpo
        )
        assert refused.status_code == 422, (name, value, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["errors"][0]["pointer"] == f"#/query/{name}"
    zoned = await intake.client.get(
        "/api/v1/intake/identity-reads", params={"since": "2026-01-01T00:00:00+07:00"}, headers=dpo
    )
    assert zoned.status_code == 200, zoned.text


async def test_bad_identity_names_the_field_and_stores_nothing(intake, tokens):
    officer = tokens.headers("intake_officer", office=office())
    before = await intake.scalar("SELECT count(*) FROM reporter")
    cases: list[tuple[dict[str, object], str]] = [
        ({"nik": "1771013201900001"}, "#/body/reporter/nik"),  # day 32
        ({"nik": "9971010101900001"}, "#/body/reporter/nik"),  # no such province
        ({"date_of_birth": "1988-06-26"}, "#/body/reporter/date_of_birth"),  # not the NIK's
        ({"nik": None, "date_of_birth": "2099-01-01"}, "#/body/reporter/date_of_birth"),
        ({"email": "siti-at-example"}, "#/body/reporter/email"),
        ({"phone": "12"}, "#/body/reporter/phone"),
        (
            {"representative": {"name": "Ahmad", "nik": "1234567890123456"}},
            "#/body/reporter/representative/nik",
        ),
        (
            {"representative": {"name": "Ahmad", "power_of_attorney_date": "2099-01-01"}},
            "#/body/reporter/representative/power_of_attorney_date",
        ),
        ({"representative": {"nik": "1771020202850004"}}, "#/body/reporter/representative/name"),
    ]
    for change, pointer in cases:
        body = report_body(reporter=full_reporter(**change))
        response = await intake.client.post(REPORTS, json=body, headers=officer)
        assert response.status_code == 422, (change, response.text)
        assert response.headers["content-type"] == PROBLEM
        assert pointer in {e["pointer"] for e in response.json()["errors"]}, change
    assert await intake.scalar("SELECT count(*) FROM reporter") == before


async def test_a_forged_audit_cursor_is_a_problem_naming_the_cursor(intake, tokens):
    # The attack: a cursor carrying a naive time or a number past bigint reached
    # PostgreSQL, which refused it with an error instead of an answer naming the field.
    dpo = tokens.headers("dpo", office=office())
    forged = [
        "bm9wZQ",  # not a cursor at all
        encode_cursor("x", 1),
        encode_cursor("2026-01-01T00:00:00", 1),  # a naive time
        encode_cursor("2026-01-01T00:00:00+00:00", 10**20),  # past bigint
    ]
    for cursor in forged:
        bad = await intake.client.get(
            "/api/v1/intake/identity-reads", params={"cursor": cursor}, headers=dpo
        )
        assert bad.status_code == 422, (cursor, bad.text)
        assert bad.json()["errors"][0]["pointer"] == "#/query/cursor"
