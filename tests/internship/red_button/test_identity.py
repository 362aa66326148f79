"""A confidential reporter stays sealed until one protection officer asks with a reason
and a second approves; then the first reads it, audited. Nobody opens it alone."""

from __future__ import annotations

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import CASES, PROBLEM, RED_BUTTON, red_button_body

REASON = "Pelapor perlu dihubungi untuk pemindahan penempatan segera."


async def raise_case(internship: RunningService, mode: str) -> str:
    answer = await internship.client.post(RED_BUTTON, json=red_button_body(mode))
    assert answer.status_code == 201
    return str(
        await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    )


async def test_two_officers_open_a_confidential_reporter_and_the_read_is_audited(
    internship: RunningService, officer: dict[str, str], tokens: TestTokens
):
    second = tokens.headers("protection_officer", office="KAB", username="pelindung2")
    case = await raise_case(internship, "confidential")
    reporter = f"{CASES}/{case}/reporter"
    assert (await internship.client.get(reporter, headers=officer)).status_code == 403

    asked = await internship.client.post(
        f"{CASES}/{case}/identity-requests", json={"reason": REASON}, headers=officer
    )
    assert asked.status_code == 201, asked.text
    request = asked.json()["id"]
    approval = f"{CASES.removesuffix('/cases')}/identity-requests/{request}/approval"
    # The one who asked cannot approve, and asking alone opens nothing.
    own = await internship.client.post(approval, headers=officer)
    assert own.status_code == 403 and own.json()["type"].endswith("/second-officer-required")
    assert (await internship.client.get(reporter, headers=officer)).status_code == 403

    approved = await internship.client.post(approval, headers=second)
    assert approved.status_code == 200 and approved.json()["approved_username"] == "pelindung2"
    shown = await internship.client.get(reporter, headers=officer)
    assert shown.status_code == 200 and shown.headers["cache-control"] == "no-store"
    assert shown.json()["name"] == "Dewi Lestari"
    # The approver did not ask: the approval is not theirs to read with.
    assert (await internship.client.get(reporter, headers=second)).status_code == 403
    reads = await internship.scalar(
        "SELECT string_agg(actor_username || ':' || action, ',' ORDER BY id)"
        " FROM red_button_read WHERE case_id = :c",
        c=case,
    )
    assert reads == "pelindung:read_identity"


async def test_only_a_confidential_case_has_an_identity_to_open(
    internship: RunningService, officer: dict[str, str]
):
    for mode in ("identified", "anonymous"):
        case = await raise_case(internship, mode)
        answer = await internship.client.post(
            f"{CASES}/{case}/identity-requests", json={"reason": REASON}, headers=officer
        )
        assert answer.status_code == 409 and answer.headers["content-type"] == PROBLEM


async def test_other_roles_cannot_ask_approve_or_read(
    internship: RunningService, officer: dict[str, str], tokens: TestTokens
):
    case = await raise_case(internship, "confidential")
    asked = await internship.client.post(
        f"{CASES}/{case}/identity-requests", json={"reason": REASON}, headers=officer
    )
    approval = f"{CASES.removesuffix('/cases')}/identity-requests/{asked.json()['id']}/approval"
    for roles in (("head",), ("admin",), ("intern_supervisor",)):
        headers = tokens.headers(*roles, office="KAB")
        assert (await internship.client.post(approval, headers=headers)).status_code == 403
        reporter = await internship.client.get(f"{CASES}/{case}/reporter", headers=headers)
        assert reporter.status_code == 403
    elsewhere = tokens.headers("protection_officer", office="LAIN", username="luar")
    assert (await internship.client.post(approval, headers=elsewhere)).status_code == 404
