"""A data-subject request's `allowed_steps` through the API: what it lists is what the
answer route accepts, once; a correction about a person erased since can only be
refused; and a reader outside the prevention unit reads no request at all."""

from __future__ import annotations

from typing import Any

import pytest

from apik_prevention.subject_requests.rules import Step, allowed_steps
from apik_testing.services import RunningService
from tests.prevention.builders import MEMBERS, V1, add_community_group, add_member, offered_steps

REQUESTS = f"{V1}/subject-requests"
# The body the web app sends for each step (`SubjectRequestsPanel.tsx`).
BODY = {
    "answer": {"status": "answered", "answer": "Sudah kami laksanakan."},
    "refuse": {"status": "refused", "answer": "Alasan penolakan."},
}


@pytest.mark.parametrize(
    ("status", "kind", "erased", "expected"),
    [
        ("received", "access", False, [Step.answer, Step.refuse]),
        ("received", "correction", True, [Step.refuse]),
        ("received", "erasure", True, [Step.answer, Step.refuse]),
        ("answered", "access", False, []),
        ("refused", "correction", False, []),
    ],
)
def test_the_rule(status: str, kind: str, erased: bool, expected: list[Step]) -> None:
    assert allowed_steps(status, kind, erased=erased) == expected


async def _file(prevention: RunningService, headers: dict[str, str], member: str, kind: str) -> str:
    made = await prevention.client.post(
        f"{MEMBERS}/{member}/requests", json={"kind": kind}, headers=headers
    )
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


async def _take(
    prevention: RunningService, headers: dict[str, str], request: str, step: str
) -> int:
    current = await prevention.client.get(f"{REQUESTS}/{request}", headers=headers)
    body: dict[str, Any] = dict(BODY[step])
    if step == "answer" and current.json()["kind"] == "correction":
        body["correction"] = {"name": "Siti Aminah Putri"}
    taken = await prevention.client.post(
        f"{REQUESTS}/{request}/answer",
        json=body,
        headers={**headers, "If-Match": current.headers["ETag"]},
    )
    return taken.status_code


async def test_each_step_listed_is_accepted_once(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    group = (await add_community_group(prevention, enumerator))["id"]
    member = (await add_member(prevention, enumerator, group))["id"]
    for kind in ("access", "correction", "erasure"):
        for step in ("answer", "refuse"):
            request = await _file(prevention, enumerator, member, kind)
            assert await offered_steps(prevention, enumerator, REQUESTS, request) == [
                "answer",
                "refuse",
            ]
            if kind == "erasure" and step == "answer":
                continue  # erased below, once the others are done
            assert await _take(prevention, enumerator, request, step) == 200, (kind, step)
            assert await offered_steps(prevention, enumerator, REQUESTS, request) == []
            assert await _take(prevention, enumerator, request, "refuse") == 409


async def test_a_correction_of_a_person_erased_since_can_only_be_refused(
    prevention: RunningService, enumerator: dict[str, str], head: dict[str, str]
) -> None:
    group = (await add_community_group(prevention, enumerator))["id"]
    member = (await add_member(prevention, enumerator, group))["id"]
    correction = await _file(prevention, enumerator, member, "correction")
    erasure = await _file(prevention, enumerator, member, "erasure")
    assert await _take(prevention, enumerator, erasure, "answer") == 200
    assert await offered_steps(prevention, enumerator, REQUESTS, correction) == ["refuse"]
    assert await _take(prevention, enumerator, correction, "answer") == 409
    assert await _take(prevention, enumerator, correction, "refuse") == 200
    # Outside the unit nobody reads the requests, let alone is offered a step.
    assert (await prevention.client.get(REQUESTS, headers=head)).status_code == 403
    assert (
        await prevention.client.get(f"{REQUESTS}/{correction}", headers=head)
    ).status_code == 403
