"""A data subject's access request (UU 27/2022 Pasal 32), answered by the desk to the DPO.

The desk keeps no index of visitors: it finds a visitor's visits by unsealing its
office's visits and comparing the phone or the name, says so, and flags what differs (a
namesake). Only the DPO may ask, in their office, and each visit given out is audited.
"""

from __future__ import annotations

import uuid

from sqlalchemy import text

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.consultation.builders import PROBLEM, check_in, step

ACCESS = "/api/v1/consultation/privacy/subject-access"
WULAN = {"name": "Wulan Pratiwi", "institution": "PT Sinar Terang", "phone": "0813-5555-7777"}
OTHER = {"name": "Dodi Kurniawan", "institution": "CV Karya", "phone": "0812-9999-0000"}
# Another Wulan Pratiwi, with her own phone.
NAMESAKE = {"name": "wulan  pratiwi", "institution": None, "phone": "0811-2222-3333"}


def office() -> str:
    return "D" + uuid.uuid4().hex[:5].upper()


async def ask(desk: RunningService, headers: dict[str, str], **body: object):
    return await desk.client.post(ACCESS, json={"reference": "DSR-7", **body}, headers=headers)


async def reads_of(desk: RunningService, visit_id: str) -> list[tuple[str, str]]:
    async with desk.app.state.database.sessions() as session:
        rows = await session.execute(
            text(
                "SELECT actor_username, purpose FROM visitor_read WHERE visit_id = :v ORDER BY id"
            ),
            {"v": uuid.UUID(visit_id)},
        )
        return [(r.actor_username, r.purpose) for r in rows]


async def test_the_dpo_gets_every_visit_of_the_visitor_found_by_phone(desk, tokens: TestTokens):
    where = office()
    officer = tokens.headers("desk_officer", office=where, username="petugas-meja")
    first = await check_in(desk, officer, visitor=WULAN, description="Syarat tender")
    second = await check_in(desk, officer, visitor=WULAN, description="Jadwal lelang")
    other = await check_in(desk, officer, visitor=OTHER)
    dpo = tokens.headers("dpo", office=where, username="dpo")

    answer = await ask(desk, dpo, phone=WULAN["phone"])

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["method"] == "scan" and body["searched_by"] == ["phone"]
    assert body["visits_scanned"] == 3
    visits = {v["visit_id"]: v for v in body["visits"]}
    assert set(visits) == {first["id"], second["id"]}
    for visit in visits.values():
        assert visit["visitor"] == {
            "name": "Wulan Pratiwi",
            "phone": "+6281355557777",
            "institution": "PT Sinar Terang",
        }
        assert visit["matched_on"] == ["phone"] and visit["differs_on"] == []
    assert visits[second["id"]]["description"] == "Jadwal lelang"
    assert other["id"] not in answer.text and "Dodi" not in answer.text
    purpose = "data subject access request DSR-7"
    assert (await reads_of(desk, first["id"]))[-1] == ("dpo", purpose)
    assert await reads_of(desk, other["id"]) == []


async def test_a_name_alone_finds_namesakes_and_says_what_differs(desk, tokens: TestTokens):
    where = office()
    officer = tokens.headers("desk_officer", office=where)
    hers = await check_in(desk, officer, visitor=WULAN)
    namesake = await check_in(desk, officer, visitor=NAMESAKE)

    answer = await ask(
        desk, tokens.headers("dpo", office=where), name="Wulan Pratiwi", phone=WULAN["phone"]
    )

    visits = {v["visit_id"]: v for v in answer.json()["visits"]}
    assert visits[hers["id"]]["matched_on"] == ["phone", "name"]
    assert visits[namesake["id"]]["matched_on"] == ["name"]
    assert visits[namesake["id"]]["differs_on"] == ["phone"]


async def test_only_the_dpo_may_ask(desk, tokens: TestTokens):
    where = office()
    visit = await check_in(desk, tokens.headers("desk_officer", office=where), visitor=WULAN)
    for roles in (
        ("desk_supervisor",),
        ("desk_officer",),
        ("head",),
        ("admin",),
        ("head", "national"),
    ):
        answer = await ask(desk, tokens.headers(*roles, office=where), phone=WULAN["phone"])
        assert answer.status_code == 403, (roles, answer.text)
        assert "Wulan" not in answer.text and visit["id"] not in answer.text
    anonymous = await desk.client.post(ACCESS, json={"reference": "x", "phone": WULAN["phone"]})
    assert anonymous.status_code == 401
    assert await reads_of(desk, visit["id"]) == []


async def test_a_dpo_searches_their_own_office_only(desk, tokens: TestTokens):
    here, there = office(), office()
    visit = await check_in(desk, tokens.headers("desk_officer", office=there), visitor=WULAN)
    await check_in(desk, tokens.headers("desk_officer", office=here), visitor=OTHER)
    elsewhere = await ask(desk, tokens.headers("dpo", office=here), phone=WULAN["phone"])
    assert elsewhere.status_code == 200 and elsewhere.json()["visits"] == []
    assert elsewhere.json()["visits_scanned"] == 1 and "Wulan" not in elsewhere.text
    national = await ask(
        desk, tokens.headers("dpo", "national", office="PUSAT"), phone=WULAN["phone"]
    )
    assert visit["id"] in {v["visit_id"] for v in national.json()["visits"]}


async def test_who_served_and_who_read_are_withheld_and_named(desk, tokens: TestTokens):
    where = office()
    officer = tokens.headers("desk_officer", office=where, username="petugas-rahasia")
    visit = await check_in(desk, officer, visitor=WULAN)
    await step(desk, officer, visit["id"], "start")
    await step(desk, officer, visit["id"], "end", {"outcome": "Dijelaskan"})
    listed = await desk.client.get(f"/api/v1/consultation/visits/{visit['id']}", headers=officer)
    assert listed.status_code == 200

    answer = await ask(desk, tokens.headers("dpo", office=where), phone=WULAN["phone"])

    [held] = answer.json()["visits"]
    assert held["outcome"] == "Dijelaskan"
    assert [s["step"] for s in held["timeline"]] == ["check_in", "start", "end"]
    assert held["visitor_reads"] and held["visitor_reads"][0]["roles"] == ["desk_officer"]
    assert "petugas-rahasia" not in answer.text
    withheld = {w["what"] for w in answer.json()["withheld"] if w["visit_id"] == visit["id"]}
    assert withheld == {
        "officer: who served and who checked in",
        "visitor_reads: who read",
        "timeline: who acted, and notes",
    }
    assert "signature" in answer.json()["not_included"]


async def test_identifiers_the_desk_does_not_keep_are_said_so(desk, tokens: TestTokens):
    answer = await ask(desk, tokens.headers("dpo", office=office()), nik="1771016506880003")
    assert answer.status_code == 200
    body = answer.json()
    assert body["searched_by"] == [] and body["visits_scanned"] == 0
    assert set(body["not_searched"]) == {"nik"}


async def test_bad_identifiers_are_refused_naming_the_field(desk, tokens: TestTokens):
    dpo = tokens.headers("dpo", office=office())
    for body, field in (
        ({"phone": "not a phone"}, "phone"),
        ({"name": ""}, "name"),
        ({"name": "Wulan\u0000"}, "name"),
        ({"phone": WULAN["phone"], "extra": 1}, "extra"),
    ):
        answer = await ask(desk, dpo, **body)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.headers["content-type"] == PROBLEM and field in answer.text
    nothing = await desk.client.post(ACCESS, json={"reference": "DSR-8"}, headers=dpo)
    assert nothing.status_code == 422 and "identifier" in nothing.text
