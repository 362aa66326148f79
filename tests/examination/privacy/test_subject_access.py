"""A data subject's access request (UU 27/2022 Pasal 32), answered by examination to the
DPO: the agency contacts (narahubung) that are the person, found by phone, email or name,
in the DPO's office only; what is withheld is named; cases are said not searched."""

from __future__ import annotations

import uuid

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens

ACCESS = "/api/v1/examination/privacy/subject-access"
CONTACTS = "/api/v1/examination/contacts"
ANDI = {"agency": "PDAM Kota Makassar", "name": "Andi Pratama", "phone": "0812-7777-1111"}


def office() -> str:
    return "E" + uuid.uuid4().hex[:5].upper()


async def add_contact(examination: RunningService, headers: dict[str, str], **body: str) -> str:
    response = await examination.client.post(CONTACTS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def ask(examination: RunningService, headers: dict[str, str], **body: object):
    return await examination.client.post(
        ACCESS, json={"reference": "DSR-9", **body}, headers=headers
    )


async def test_the_dpo_finds_the_contact_by_phone_and_the_withheld_is_named(
    examination: RunningService, tokens: TestTokens
) -> None:
    where = office()
    examiner = tokens.headers("examiner", office=where)
    andi = await add_contact(examination, examiner, **ANDI, email="andi@pdam.example.id")
    await add_contact(examination, examiner, agency="PDAM", name="Dodi", phone="0812-0000-1111")

    answer = await ask(examination, tokens.headers("dpo", office=where), phone="+6281277771111")

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [c["contact_id"] for c in body["agency_contacts"]] == [andi]
    assert body["agency_contacts"][0]["email"] == "andi@pdam.example.id"
    assert body["agency_contacts"][0]["matched_on"] == ["phone"]
    assert "created_by" not in body["agency_contacts"][0]
    assert [w["what"] for w in body["withheld"]] == ["created_by: who recorded the contact"]
    assert "cases" in body["not_searched"]


async def test_only_the_dpo_may_ask(examination: RunningService, tokens: TestTokens) -> None:
    for roles in (("admin",), ("examiner",), ("head", "national")):
        answer = await ask(examination, tokens.headers(*roles), name="Andi Pratama")
        assert answer.status_code == 403, roles


async def test_a_dpo_searches_their_own_office_only(
    examination: RunningService, tokens: TestTokens
) -> None:
    where, elsewhere = office(), office()
    await add_contact(examination, tokens.headers("examiner", office=elsewhere), **ANDI)

    mine = await ask(examination, tokens.headers("dpo", office=where), name="andi  PRATAMA")
    national = await ask(examination, tokens.headers("dpo", "national"), name="andi  PRATAMA")

    assert mine.status_code == 200 and mine.json()["agency_contacts"] == []
    assert elsewhere in {c["office"] for c in national.json()["agency_contacts"]}
