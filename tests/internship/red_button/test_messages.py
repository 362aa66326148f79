"""Two-way messages on a case: the intern by the receipt code (no login, nothing about
their device kept), the protection officers by their own routes, every officer's read
audited, every text sealed at rest."""

from __future__ import annotations

from typing import Any

import pytest

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import CASES, PROBLEM, RED_BUTTON, red_button_body

V1_PUBLIC = RED_BUTTON  # /api/v1/internship/public/red-button
SEND = f"{V1_PUBLIC}/messages"
THREAD = f"{V1_PUBLIC}/thread"


async def raise_case(internship: RunningService, mode: str) -> tuple[str, str]:
    """A new case and its receipt."""
    answer = await internship.client.post(RED_BUTTON, json=red_button_body(mode))
    assert answer.status_code == 201
    case = await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    return str(case), answer.json()["receipt_code"]


async def messages_count(internship: RunningService) -> int:
    return int(await internship.scalar("SELECT count(*) FROM red_button_message"))


@pytest.mark.parametrize("mode", ["anonymous", "identified"])
async def test_the_intern_and_an_officer_write_to_each_other_by_the_receipt(
    internship: RunningService, officer: dict[str, str], mode: str
):
    case, receipt = await raise_case(internship, mode)
    # The intern types the receipt back without its spaces, as written down by hand.
    sent = await internship.client.post(
        SEND,
        json={"receipt_code": receipt.replace(" ", ""), "text": "Saya takut kembali besok."},
    )
    assert sent.status_code == 201, sent.text
    assert sent.headers["cache-control"] == "no-store"
    assert sent.headers["referrer-policy"] == "no-referrer"
    assert sent.json()["author"] == "intern"

    reply = await internship.client.post(
        f"{CASES}/{case}/messages",
        json={"text": "Besok Anda tidak perlu datang; kami hubungi kampus."},
        headers=officer,
    )
    assert reply.status_code == 201, reply.text
    assert reply.json()["officer"] == "pelindung"

    seen = await internship.client.get(f"{CASES}/{case}/messages", headers=officer)
    assert seen.status_code == 200 and seen.headers["cache-control"] == "no-store"
    assert [(m["author"], m["officer"]) for m in seen.json()] == [
        ("intern", None),
        ("officer", "pelindung"),
    ]
    assert seen.json()[0]["text"] == "Saya takut kembali besok."

    thread = await internship.client.post(THREAD, json={"receipt_code": receipt})
    assert thread.status_code == 200 and thread.headers["cache-control"] == "no-store"
    # The intern reads both sides, but not which officer wrote: the receipt may be in
    # someone else's hands.
    assert [(m["author"], m["text"]) for m in thread.json()] == [
        ("intern", "Saya takut kembali besok."),
        ("officer", "Besok Anda tidak perlu datang; kami hubungi kampus."),
    ]
    assert all("officer" not in m for m in thread.json())


async def test_texts_are_sealed_at_rest_and_no_address_or_device_is_kept(
    internship: RunningService,
):
    case, receipt = await raise_case(internship, "anonymous")
    sent = await internship.client.post(
        SEND,
        json={"receipt_code": receipt, "text": "Pesan rahasia tentang ruang arsip."},
        headers={"User-Agent": "PerangkatSaya/1.0", "X-Forwarded-For": "203.0.113.9"},
    )
    assert sent.status_code == 201
    row = await internship.scalar(
        "SELECT row_to_json(m)::text FROM red_button_message m WHERE case_id = :c", c=case
    )
    assert "ruang arsip" not in row
    assert "203.0.113.9" not in row and "PerangkatSaya" not in row
    assert '"officer":null' in row.replace(" ", "")


async def test_every_officer_read_is_audited_and_the_intern_read_is_not_an_officer_read(
    internship: RunningService, officer: dict[str, str]
):
    case, receipt = await raise_case(internship, "anonymous")
    await internship.client.post(SEND, json={"receipt_code": receipt, "text": "Tolong."})
    for _ in range(2):
        answer = await internship.client.get(f"{CASES}/{case}/messages", headers=officer)
        assert answer.status_code == 200
    await internship.client.post(THREAD, json={"receipt_code": receipt})
    reads = await internship.scalar(
        "SELECT string_agg(actor_username || ':' || action, ',' ORDER BY id)"
        " FROM red_button_read WHERE case_id = :c",
        c=case,
    )
    assert reads == "pelindung:read_messages,pelindung:read_messages"


@pytest.mark.parametrize(
    "typed",
    ["0000 0000 0000 0000", "1234", "bukan kode tanda terima"],
)
async def test_a_wrong_receipt_opens_nothing_and_writes_nothing(
    internship: RunningService, typed: str
):
    await raise_case(internship, "anonymous")
    before = await messages_count(internship)
    for path, body in (
        (SEND, {"receipt_code": typed, "text": "Halo"}),
        (THREAD, {"receipt_code": typed}),
    ):
        answer = await internship.client.post(path, json=body)
        # A code too short to be one is bad input; one of the right shape that opens no
        # case is simply not found: the same answer for every wrong receipt.
        assert answer.status_code in (404, 422), answer.text
        assert answer.headers["content-type"] == PROBLEM
        if len(typed) >= 16:
            assert answer.status_code == 404
    assert await messages_count(internship) == before


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"text": "Halo"}, "#/body/receipt_code"),
        ({"receipt_code": "1234 5678 9012 3456", "text": ""}, "#/body/text"),
        ({"receipt_code": "1234 5678 9012 3456", "text": "x" * 5001}, "#/body/text"),
        ({"receipt_code": "1234 5678 9012 3456", "text": "a\x00b"}, "#/body/text"),
    ],
)
async def test_bad_input_names_the_field_and_writes_nothing(
    internship: RunningService, body: dict[str, Any], pointer: str
):
    before = await messages_count(internship)
    answer = await internship.client.post(SEND, json=body)
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM
    assert pointer in answer.text
    assert await messages_count(internship) == before


async def test_only_the_offices_protection_officers_read_or_write_a_case_s_messages(
    internship: RunningService, tokens: TestTokens, supervisor: dict[str, str]
):
    case, receipt = await raise_case(internship, "anonymous")
    await internship.client.post(SEND, json={"receipt_code": receipt, "text": "Rahasia."})
    other_office = tokens.headers("protection_officer", office="JKT", username="lain")
    admin = tokens.headers("admin", office="KAB", username="admin")
    for headers, status in ((supervisor, 403), (admin, 403), (other_office, 404), ({}, 401)):
        read = await internship.client.get(f"{CASES}/{case}/messages", headers=headers)
        write = await internship.client.post(
            f"{CASES}/{case}/messages", json={"text": "Halo"}, headers=headers
        )
        assert (read.status_code, write.status_code) == (status, status), headers
    assert (
        await internship.scalar(
            "SELECT count(*) FROM red_button_message WHERE case_id = :c", c=case
        )
        == 1
    )
    assert (
        await internship.scalar("SELECT count(*) FROM red_button_read WHERE case_id = :c", c=case)
        == 0
    )
