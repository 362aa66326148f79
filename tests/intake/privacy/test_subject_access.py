"""A data subject's access request (UU 27/2022 Pasal 32), answered by intake to the DPO.

The subject gets their own data, a confidential report included; what belongs to someone
else or to the office's deliberation is withheld and named. Only the DPO may ask, only in
their office (every office for a national DPO), and each identity read is audited.
"""

from __future__ import annotations

import uuid

from sqlalchemy import text

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import REPORTS, report_body

ACCESS = "/api/v1/intake/privacy/subject-access"
SITI = {"name": "Siti Rahmawati", "nik": "1771016506880003", "phone": "0813-7777-1234"}
# Her husband, on whose behalf she reports once, and a neighbour sharing her phone.
ANDI = {"name": "Andi Saputra", "nik": "1771012302850002", "phone": "0812-1111-2222"}
RINA = {"name": "Rina Marlina", "nik": "1771014703900004", "phone": "0813-7777-1234"}


def office() -> str:
    return "P" + uuid.uuid4().hex[:5].upper()


async def file(intake: RunningService, headers: dict[str, str], reporter: dict, **kw: object):
    body = report_body(reporter={"email": None, **reporter}, **kw)
    response = await intake.client.post(REPORTS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def ask(intake: RunningService, headers: dict[str, str], **body: object):
    return await intake.client.post(ACCESS, json={"reference": "DSR-1", **body}, headers=headers)


async def audit_of(intake: RunningService, report_id: str) -> list[tuple[str, str, str]]:
    async with intake.app.state.database.sessions() as session:
        rows = await session.execute(
            text(
                "SELECT actor_username, purpose, disclosure FROM identity_read"
                " WHERE report_id = :r ORDER BY id"
            ),
            {"r": uuid.UUID(report_id)},
        )
        return [(r.actor_username, r.purpose, r.disclosure) for r in rows]


async def test_the_subject_gets_their_reports_a_confidential_one_included(
    intake, tokens: TestTokens
):
    where = office()
    officer = tokens.headers("intake_officer", office=where, username="petugas")
    secret = await file(intake, officer, {**SITI, "confidential": True}, summary="Air mati")
    ordinary = await file(intake, officer, SITI, summary="Sertifikat tanah")
    other = await file(intake, officer, ANDI, summary="Jalan rusak")
    dpo = tokens.headers("dpo", office=where, username="dpo")

    answer = await ask(intake, dpo, nik=SITI["nik"])

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["service"] == "intake" and body["searched_by"] == ["nik"]
    reports = {r["report_id"]: r for r in body["reports"]}
    assert set(reports) == {secret["id"], ordinary["id"]}
    assert reports[secret["id"]]["confidential"] is True
    for held in reports.values():
        assert held["identity"]["name"] == "Siti Rahmawati"
        assert held["identity"]["nik"] == SITI["nik"]
        assert held["matched_on"] == ["nik"] and held["differs_on"] == []
    assert reports[secret["id"]]["summary"] == "Air mati"
    assert other["id"] not in answer.text and "Andi" not in answer.text
    # Each identity given out is a read, audited with the request's reference.
    purpose = "data subject access request DSR-1"
    assert (await audit_of(intake, secret["id"]))[-1] == ("dpo", purpose, "full")
    assert (await audit_of(intake, ordinary["id"]))[-1] == ("dpo", purpose, "full")


async def test_only_the_dpo_may_ask(intake, tokens: TestTokens):
    where = office()
    officer = tokens.headers("intake_officer", office=where)
    report = await file(intake, officer, {**SITI, "confidential": True})
    before = await audit_of(intake, report["id"])
    for roles in (
        ("head",),
        ("intake_officer",),
        ("admin",),
        ("analyst",),
        ("examiner", "national"),
    ):
        caller = tokens.headers(*roles, office=where)
        answer = await ask(intake, caller, nik=SITI["nik"])
        assert answer.status_code == 403, (roles, answer.text)
        assert "Siti" not in answer.text and report["id"] not in answer.text
    assert (
        await intake.client.post(ACCESS, json={"reference": "x", "nik": SITI["nik"]})
    ).status_code == 401
    assert await audit_of(intake, report["id"]) == before


async def test_a_dpo_finds_only_their_own_offices_reporters(intake, tokens: TestTokens):
    here, there = office(), office()
    report = await file(intake, tokens.headers("intake_officer", office=there), SITI)
    elsewhere = await ask(intake, tokens.headers("dpo", office=here), nik=SITI["nik"])
    assert elsewhere.status_code == 200 and elsewhere.json()["reports"] == []
    assert "Siti" not in elsewhere.text and elsewhere.json()["offices"] == "own"
    national = await ask(intake, tokens.headers("dpo", "national", office="PUSAT"), nik=SITI["nik"])
    assert report["id"] in {r["report_id"] for r in national.json()["reports"]}
    assert national.json()["offices"] == "all"


async def test_what_is_withheld_is_named_and_kept_out(intake, tokens: TestTokens):
    where = office()
    officer = tokens.headers("intake_officer", office=where, username="petugas-rahasia")
    representative = {
        **ANDI,
        "address": "Jl. Merpati 7, Bengkulu",
        "relationship": "suami",
        "power_of_attorney_number": "SK-7/2026",
    }
    report = await file(intake, officer, {**SITI, "representative": representative})
    reader = tokens.headers("head", office=where, username="kepala-pembaca")
    read = await intake.client.get(
        f"{REPORTS}/{report['id']}/reporter", params={"purpose": "verifikasi"}, headers=reader
    )
    assert read.status_code == 200

    answer = await ask(intake, tokens.headers("dpo", office=where), phone=SITI["phone"])

    assert answer.status_code == 200, answer.text
    [held] = answer.json()["reports"]
    # Who acted for her, yes; her representative's own NIK, phone and address, no.
    assert held["identity"]["representative"]["name"] == "Andi Saputra"
    assert held["identity"]["representative"]["relationship"] == "suami"
    for secret in (ANDI["nik"], "81211112222", "Merpati"):
        assert secret not in answer.text
    # The processing's track record, without the names of the staff who did it.
    assert [(r["purpose"], r["roles"]) for r in held["identity_reads"]] == [
        ("verifikasi", ["head"])
    ]
    assert held["timeline"][0]["step"] and "actor" not in held["timeline"][0]
    assert "kepala-pembaca" not in answer.text and "petugas-rahasia" not in answer.text
    withheld = {(w["what"], w["report_id"]) for w in answer.json()["withheld"]}
    assert {what for what, rid in withheld if rid == report["id"]} == {
        "identity.representative: NIK, contacts, address",
        "identity_reads: who read",
        "timeline: who acted, and notes",
    }
    assert all(w["reason"] and w["basis"] for w in answer.json()["withheld"])


async def test_a_match_on_a_shared_phone_is_flagged_for_the_dpo(intake, tokens: TestTokens):
    where = office()
    officer = tokens.headers("intake_officer", office=where)
    hers = await file(intake, officer, SITI)
    neighbours = await file(intake, officer, RINA)

    answer = await ask(
        intake, tokens.headers("dpo", office=where), nik=SITI["nik"], phone=SITI["phone"]
    )

    reports = {r["report_id"]: r for r in answer.json()["reports"]}
    assert reports[hers["id"]]["matched_on"] == ["nik", "phone"]
    assert reports[hers["id"]]["differs_on"] == []
    assert reports[neighbours["id"]]["matched_on"] == ["phone"]
    assert reports[neighbours["id"]]["differs_on"] == ["nik"]


async def test_names_are_not_searched_and_the_answer_says_so(intake, tokens: TestTokens):
    where = office()
    await file(intake, tokens.headers("intake_officer", office=where), SITI)
    answer = await ask(intake, tokens.headers("dpo", office=where), name="Siti Rahmawati")
    assert answer.status_code == 200
    assert answer.json()["reports"] == [] and answer.json()["searched_by"] == []
    assert "name" in answer.json()["not_searched"]


async def test_bad_identifiers_are_refused_naming_the_field(intake, tokens: TestTokens):
    dpo = tokens.headers("dpo", office=office())
    for body, field in (
        ({"nik": "12345"}, "nik"),
        ({"phone": "not a phone"}, "phone"),
        ({"email": "nope"}, "email"),
        ({"nik": SITI["nik"], "extra": 1}, "extra"),
        ({"nik": "1771016506880003\u0000"}, "nik"),
    ):
        answer = await ask(intake, dpo, **body)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        assert field in answer.text
    nothing = await intake.client.post(ACCESS, json={"reference": "DSR-2"}, headers=dpo)
    assert nothing.status_code == 422 and "identifier" in nothing.text
    no_reference = await intake.client.post(ACCESS, json={"nik": SITI["nik"]}, headers=dpo)
    assert no_reference.status_code == 422 and "reference" in no_reference.text
