"""A report's `allowed_steps` and `allowed_actions` are the caller's (issue 21): the
detail, the list and a write's answer name what the report's status allows among what
the caller's roles may do. Each one offered is accepted by its route; one not offered is
refused."""

from __future__ import annotations

import uuid
from typing import Any

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import FORMALLY_COMPLETE, REPORTS, register

REASON = {"reason": "Pelapor dirawat di rumah sakit sejak 2022 (surat dokter terlampir)."}


async def _offered(
    intake: RunningService, headers: dict[str, str], report: str
) -> tuple[list[str], list[str]]:
    """(steps, actions) as the detail gives them, checked against the list's row."""
    one = await intake.client.get(f"{REPORTS}/{report}", headers=headers)
    assert one.status_code == 200, one.text
    listed = await intake.client.get(REPORTS, headers=headers)
    [row] = [r for r in listed.json()["items"] if r["id"] == report]
    body: dict[str, Any] = one.json()
    assert (row["allowed_steps"], row["allowed_actions"]) == (
        body["allowed_steps"],
        body["allowed_actions"],
    )
    return body["allowed_steps"], body["allowed_actions"]


async def _post(
    intake: RunningService, headers: dict[str, str], report: str, path: str, body: dict[str, Any]
) -> int:
    current = await intake.client.get(f"{REPORTS}/{report}", headers=headers)
    etag = current.headers.get("etag", '"0"')
    answer = await intake.client.post(
        f"{REPORTS}/{report}/{path}", json=body, headers={**headers, "If-Match": etag}
    )
    return answer.status_code


async def test_each_role_is_offered_its_own_and_refused_the_rest(
    intake: RunningService, tokens: TestTokens
) -> None:
    office = "ACT" + uuid.uuid4().hex[:3].upper()
    officer = tokens.headers("intake_officer", office=office, username="petugas")
    head = tokens.headers("head", office=office, username="kepala")
    analyst = tokens.headers("analyst", office=office, username="analis")
    report = str((await register(intake, officer))["id"])

    formal = ["formal_complete", "formal_incomplete"]
    assert await _offered(intake, officer, report) == (formal, ["route"])
    assert await _offered(intake, head, report) == ([], ["assign"])
    assert await _offered(intake, analyst, report) == ([], [])
    # What is not offered is refused: the steps to the head and the analyst, the
    # assignment to the officer (the default `APIK_ASSIGN_ROLES`), routing to the head.
    for reader in (head, analyst):
        assert await _post(intake, reader, report, "formal-verification", FORMALLY_COMPLETE) == 403
    assert await _post(intake, officer, report, "assign", {"assignee": "user:42"}) == 403
    route = {"office": "RTZ" + uuid.uuid4().hex[:3].upper(), "reason": "Wilayah terlapor"}
    assert await _post(intake, head, report, "route", route) == 403

    # What is offered is accepted; a write's answer is its writer's too.
    assigned = await intake.client.post(
        f"{REPORTS}/{report}/assign", json={"assignee": "user:42"}, headers=head
    )
    assert assigned.status_code == 200, assigned.text
    assert (assigned.json()["allowed_steps"], assigned.json()["allowed_actions"]) == (
        [],
        ["assign"],
    )
    passed = await intake.client.post(
        f"{REPORTS}/{report}/formal-verification", json=FORMALLY_COMPLETE, headers=officer
    )
    assert passed.status_code == 200, passed.text
    assert passed.json()["allowed_steps"] == [
        "material_within_authority",
        "material_outside_authority",
    ]


async def test_the_age_exception_is_offered_to_the_head_while_it_is_needed(
    intake: RunningService, tokens: TestTokens
) -> None:
    office = "AGE" + uuid.uuid4().hex[:3].upper()
    officer = tokens.headers("intake_officer", office=office, username="petugas")
    head = tokens.headers("head", office=office, username="kepala")
    recent = str((await register(intake, officer))["id"])
    assert "age_exception" not in (await _offered(intake, head, recent))[1]
    assert await _post(intake, head, recent, "age-exception", REASON) == 409

    old = str((await register(intake, officer, event_date="2021-03-01"))["id"])
    assert await _offered(intake, head, old) == ([], ["assign", "age_exception"])
    assert "age_exception" not in (await _offered(intake, officer, old))[1]
    assert await _post(intake, officer, old, "age-exception", REASON) == 403
    assert await _post(intake, head, old, "age-exception", REASON) == 200
    # Recorded: no longer offered, and refused again.
    assert await _offered(intake, head, old) == ([], ["assign"])
    assert await _post(intake, head, old, "age-exception", REASON) == 409
