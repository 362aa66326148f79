"""Conflict of interest: a protection officer a report names, or who supervises interns
at the unit it names, cannot see the case by any route; the head keeps the register that
matches names to officers (keyed hashes, the name itself not kept)."""

from __future__ import annotations

from typing import Any

import pytest

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import CASES, PROBLEM, RED_BUTTON, red_button_body

STAFF = f"{CASES.removesuffix('/cases')}/staff"
REASON = "Pelapor perlu dihubungi untuk pemindahan penempatan segera."


async def raise_naming(internship: RunningService, reported: dict[str, Any]) -> tuple[str, str]:
    answer = await internship.client.post(
        RED_BUTTON, json=red_button_body("confidential", reported=reported)
    )
    assert answer.status_code == 201, answer.text
    case = await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    return str(case), answer.json()["receipt_code"]


async def listed(internship: RunningService, headers: dict[str, str]) -> set[str]:
    page = await internship.client.get(CASES, params={"limit": 100}, headers=headers)
    assert page.status_code == 200
    return {c["id"] for c in page.json()["items"]}


async def test_an_officer_the_report_names_cannot_see_touch_or_unseal_the_case(
    internship: RunningService, tokens: TestTokens, head: dict[str, str]
):
    budi = tokens.headers("protection_officer", office="KAB", username="budi")
    sari = tokens.headers("protection_officer", office="KAB", username="sari")
    registered = await internship.client.put(
        f"{STAFF}/budi", json={"name": "Budi Santoso"}, headers=head
    )
    assert registered.status_code == 200, registered.text
    assert "Budi" not in str(registered.json())
    assert "Budi" not in await internship.scalar(
        "SELECT row_to_json(s)::text FROM red_button_staff s WHERE username = 'budi'"
    )
    # The intern writes him as they know him: form of address, titles and all.
    case, receipt = await raise_naming(internship, {"person": "Pak Budi Santoso, S.H."})
    other, _ = await raise_naming(internship, {"person": "Andi Pratama"})

    assert case not in await listed(internship, budi) and other in await listed(internship, budi)
    assert case in await listed(internship, sari)
    # Every route answers as if the case did not exist.
    for method, path, body in (
        ("GET", f"{CASES}/{case}/messages", None),
        ("POST", f"{CASES}/{case}/messages", {"text": "Halo"}),
        ("POST", f"{CASES}/{case}/acknowledgement", None),
        ("POST", f"{CASES}/{case}/identity-requests", {"reason": REASON}),
        ("GET", f"{CASES}/{case}/reporter", None),
    ):
        answer = await internship.client.request(method, path, json=body, headers=budi)
        assert answer.status_code == 404, (path, answer.text)
        assert answer.headers["content-type"] == PROBLEM
    # Nor can he unseal the reporter by approving a colleague's request.
    asked = await internship.client.post(
        f"{CASES}/{case}/identity-requests", json={"reason": REASON}, headers=sari
    )
    assert asked.status_code == 201
    approval = f"{CASES.removesuffix('/cases')}/identity-requests/{asked.json()['id']}/approval"
    assert (await internship.client.post(approval, headers=budi)).status_code == 404
    assert (
        await internship.client.get(f"{CASES}/{case}/reporter", headers=sari)
    ).status_code == 403
    # He left no trace of a read, and the intern's messages stay out of his reach.
    assert (
        await internship.scalar(
            "SELECT count(*) FROM red_button_read WHERE case_id = :c AND actor_username = 'budi'",
            c=case,
        )
        == 0
    )
    assert (
        await internship.scalar(
            "SELECT count(*) FROM red_button_message WHERE case_id = :c", c=case
        )
        == 0
    )
    assert receipt


async def test_the_officer_supervising_at_the_reported_unit_cannot_see_the_case(
    internship: RunningService, tokens: TestTokens, head: dict[str, str]
):
    rina = tokens.headers("protection_officer", office="KAB", username="rina")
    answer = await internship.client.put(
        f"{STAFF}/rina", json={"name": "Rina Kartika", "unit": "intake"}, headers=head
    )
    assert answer.status_code == 200 and answer.json()["unit"] == "intake"
    at_intake, _ = await raise_naming(internship, {"unit": "intake"})
    elsewhere, _ = await raise_naming(internship, {"unit": "prevention"})
    seen = await listed(internship, rina)
    assert at_intake not in seen and elsewhere in seen
    assert (
        await internship.client.get(f"{CASES}/{at_intake}/messages", headers=rina)
    ).status_code == 404


@pytest.mark.parametrize("role", ["protection_officer", "admin", "intern_supervisor"])
async def test_only_the_head_keeps_the_register(
    internship: RunningService, tokens: TestTokens, role: str
):
    # An officer who could edit the register could take their own name off it.
    headers = tokens.headers(role, office="KAB", username="someone")
    answer = await internship.client.put(
        f"{STAFF}/someone", json={"name": "Nama Lain"}, headers=headers
    )
    assert answer.status_code == 403
    assert (
        await internship.scalar("SELECT count(*) FROM red_button_staff WHERE username = 'someone'")
        == 0
    )


async def test_a_unit_not_of_the_office_is_named_and_nothing_registered(
    internship: RunningService, head: dict[str, str]
):
    answer = await internship.client.put(
        f"{STAFF}/dodi", json={"name": "Dodi", "unit": "dapur"}, headers=head
    )
    assert answer.status_code == 422 and "#/body/unit" in answer.text
    assert (
        await internship.scalar("SELECT count(*) FROM red_button_staff WHERE username = 'dodi'")
        == 0
    )
