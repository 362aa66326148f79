"""The national substance catalogue is edited nationally; an office adds its own
(issue 16, item 4). Each attack is made by the head of another office, who before this
retired a national substance for every office."""

from __future__ import annotations

import uuid

from apik_testing.tokens import TestTokens
from tests.intake.builders import register, report_body

SUBSTANCES = "/api/v1/intake/substances"
PROBLEM = "application/problem+json"


def _code(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


async def _offered(intake, headers) -> dict[str, dict]:
    listed = await intake.client.get(SUBSTANCES, headers=headers)
    assert listed.status_code == 200, listed.text
    return {s["code"]: s for s in listed.json()}


async def test_another_offices_head_cannot_retire_a_national_substance(intake, tokens: TestTokens):
    head_b = tokens.headers("head", office="MKS")
    officer_a = tokens.headers("intake_officer", office="BKL")
    retired = await intake.client.patch(
        f"{SUBSTANCES}/education", json={"active": False}, headers=head_b
    )
    assert retired.status_code == 403, retired.text
    assert retired.headers["content-type"] == PROBLEM
    renamed = await intake.client.patch(
        f"{SUBSTANCES}/education", json={"name_en": "Nothing"}, headers=head_b
    )
    assert renamed.status_code == 403
    admin_b = tokens.headers("admin", office="MKS")
    assert (
        await intake.client.patch(
            f"{SUBSTANCES}/education", json={"active": False}, headers=admin_b
        )
    ).status_code == 403
    row = "SELECT active AND name_en <> 'Nothing' FROM substance WHERE code = 'education'"
    assert await intake.scalar(row) is True
    assert "education" in await _offered(intake, officer_a)
    await register(intake, officer_a, substance="education")


async def test_an_office_cannot_add_to_the_national_catalogue(intake, tokens: TestTokens):
    code = _code("national")
    body = {"code": code, "name_id": "Pajak", "name_en": "Tax", "national": True}
    refused = await intake.client.post(
        SUBSTANCES, json=body, headers=tokens.headers("head", office="MKS")
    )
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["pointer"] == "#/body/national"
    assert await intake.scalar("SELECT count(*) FROM substance WHERE code = :c", c=code) == 0


async def test_an_offices_own_substance_is_offered_to_that_office_only(intake, tokens: TestTokens):
    code = _code("local")
    head_b = tokens.headers("head", office="MKS")
    created = await intake.client.post(
        SUBSTANCES, json={"code": code, "name_id": "Pelabuhan", "name_en": "Port"}, headers=head_b
    )
    assert created.status_code == 201, created.text
    assert created.json()["office"] == "MKS" and created.json()["active"] is True

    officer_b = tokens.headers("intake_officer", office="MKS")
    officer_a = tokens.headers("intake_officer", office="BKL")
    offered_b = await _offered(intake, officer_b)
    assert offered_b[code]["office"] == "MKS"
    assert offered_b["education"]["office"] is None  # beside the national ones
    assert code not in await _offered(intake, officer_a)
    await register(intake, officer_b, substance=code)
    # Nor can office A file a report under it: for A it does not exist.
    before = await intake.scalar("SELECT count(*) FROM report WHERE substance = :c", c=code)
    filed = await intake.client.post(
        "/api/v1/intake/reports", json=report_body(substance=code), headers=officer_a
    )
    assert filed.status_code == 422, filed.text
    assert filed.json()["errors"][0]["pointer"] == "#/body/substance"
    assert await intake.scalar("SELECT count(*) FROM report WHERE substance = :c", c=code) == before

    head_a = tokens.headers("head", "admin", office="BKL")
    hidden = await intake.client.patch(
        f"{SUBSTANCES}/{code}", json={"active": False}, headers=head_a
    )
    assert hidden.status_code == 404
    own = await intake.client.patch(
        f"{SUBSTANCES}/{code}", json={"name_en": "Harbour"}, headers=head_b
    )
    assert own.status_code == 200 and own.json()["name_en"] == "Harbour"


async def test_the_national_role_edits_the_catalogue_for_every_office(intake, tokens: TestTokens):
    code = _code("national")
    national = tokens.headers("head", "national", office="PUSAT")
    body = {"code": code, "name_id": "Pajak", "name_en": "Tax", "national": True}
    created = await intake.client.post(SUBSTANCES, json=body, headers=national)
    assert created.status_code == 201, created.text
    assert created.json()["office"] is None
    for office in ("BKL", "MKS"):
        assert code in await _offered(intake, tokens.headers("intake_officer", office=office))
    retired = await intake.client.patch(
        f"{SUBSTANCES}/{code}", json={"active": False}, headers=national
    )
    assert retired.status_code == 200 and retired.json()["active"] is False
    assert code not in await _offered(intake, tokens.headers("intake_officer", office="BKL"))
