"""Protective actions, timed against the case's 1x24-hour deadline: the first one is
when protection began; a referral to the intern's university needs their consent."""

from __future__ import annotations

from apik_testing.services import RunningService
from tests.internship.builders import CASES, PROBLEM, RED_BUTTON, red_button_body


async def acknowledged_case(internship: RunningService, officer: dict[str, str]) -> str:
    answer = await internship.client.post(RED_BUTTON, json=red_button_body("confidential"))
    assert answer.status_code == 201
    case = str(
        await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    )
    acknowledged = await internship.client.post(f"{CASES}/{case}/acknowledgement", headers=officer)
    assert acknowledged.status_code == 200
    return case


async def test_the_first_action_meets_the_deadline_and_later_ones_keep_its_time(
    internship: RunningService, officer: dict[str, str]
):
    case = await acknowledged_case(internship, officer)
    listed = await internship.client.get(CASES, headers=officer, params={"limit": 100})
    [before] = [c for c in listed.json()["items"] if c["id"] == case]
    assert (before["protection"], before["protected_at"]) == ("pending", None)

    url = f"{CASES}/{case}/actions"
    note = "Penempatan di unit pemeriksaan ditangguhkan; tuan rumah tidak diberi alasan."
    first = await internship.client.post(
        url, json={"kind": "suspend_placement", "note": note}, headers=officer
    )
    assert first.status_code == 201, first.text
    assert first.json()["protection"] == "met"
    protected_at = first.json()["protected_at"]
    assert protected_at is not None and protected_at < first.json()["protection_due"]

    second = await internship.client.post(
        url,
        json={
            "kind": "refer_task_force",
            "note": "Dirujuk ke Satgas PPKPT kampus.",
            "consent": True,
        },
        headers=officer,
    )
    assert second.status_code == 201
    assert second.json()["protected_at"] == protected_at  # the first action's time stays
    kinds = await internship.scalar(
        "SELECT string_agg(kind, ',' ORDER BY id) FROM red_button_action WHERE case_id = :c",
        c=case,
    )
    assert kinds == "suspend_placement,refer_task_force"
    stored = await internship.scalar(
        "SELECT string_agg(note, ' ') FROM red_button_action WHERE case_id = :c", c=case
    )
    assert "ditangguhkan" not in stored and "Satgas" not in stored  # sealed


async def test_a_referral_to_the_university_without_consent_is_refused(
    internship: RunningService, officer: dict[str, str]
):
    case = await acknowledged_case(internship, officer)
    answer = await internship.client.post(
        f"{CASES}/{case}/actions",
        json={"kind": "refer_task_force", "note": "Dirujuk ke Satgas PPKPT."},
        headers=officer,
    )
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM
    assert answer.json()["errors"][0]["pointer"] == "#/body/consent"
    assert (
        await internship.scalar(
            "SELECT protected_at IS NULL FROM red_button_case WHERE id = :c", c=case
        )
        is True
    )


async def test_an_action_needs_an_acknowledged_case_and_an_officer(
    internship: RunningService, officer: dict[str, str], supervisor: dict[str, str]
):
    answer = await internship.client.post(RED_BUTTON, json=red_button_body("anonymous"))
    assert answer.status_code == 201
    case = str(
        await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    )
    body = {"kind": "refer_sapa_129", "note": "Dirujuk ke SAPA 129."}
    refused = await internship.client.post(f"{CASES}/{case}/actions", json=body, headers=officer)
    assert refused.status_code == 409
    by_supervisor = await internship.client.post(
        f"{CASES}/{case}/actions", json=body, headers=supervisor
    )
    assert by_supervisor.status_code == 403
