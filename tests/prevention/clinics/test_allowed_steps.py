"""What a clinic's answer offers (`allowed_steps`) is what its routes accept: the
screens show the forms of these steps only."""

from __future__ import annotations

from apik_prevention.clinics.rules import allowed_steps
from apik_testing.services import RunningService
from tests.prevention.builders import CLINICS, open_clinic, register


def test_a_planned_clinic_is_run_and_a_completed_one_printed() -> None:
    assert allowed_steps("planned", officer=True) == [
        "register",
        "attendance",
        "tests",
        "complete",
    ]
    assert allowed_steps("completed", officer=True) == ["certificate"]
    assert allowed_steps("planned", officer=False) == []


async def test_the_officer_runs_the_clinic_and_the_head_only_reads_it(
    prevention: RunningService, enumerator: dict[str, str], head: dict[str, str]
) -> None:
    clinic = await open_clinic(prevention, enumerator)
    assert clinic["allowed_steps"] == ["register", "attendance", "tests", "complete"]
    url = f"{CLINICS}/{clinic['id']}"
    seen = await prevention.client.get(url, headers=head)
    assert seen.status_code == 200 and seen.json()["allowed_steps"] == []
    refused = await prevention.client.post(
        f"{url}/participants", json={"name": "Rina Marlina", "agency": "Dinkes"}, headers=head
    )
    assert refused.status_code == 403, refused.text

    person = await register(prevention, enumerator, clinic["id"], "Rina Marlina", "Dinkes")
    current = await prevention.client.get(url, headers=enumerator)
    attended = await prevention.client.put(
        f"{url}/attendance",
        json={"attended": [person]},
        headers={**enumerator, "If-Match": current.headers["ETag"]},
    )
    assert attended.status_code == 200, attended.text
    done = await prevention.client.post(
        f"{url}/complete", headers={**enumerator, "If-Match": attended.headers["ETag"]}
    )
    assert done.status_code == 200, done.text
    assert done.json()["allowed_steps"] == ["certificate"]
    printed = await prevention.client.get(
        f"{url}/participants/{person}/certificate.pdf", headers=enumerator
    )
    assert printed.status_code == 200 and printed.content.startswith(b"%PDF")
    late = await prevention.client.post(
        f"{url}/participants", json={"name": "Budi", "agency": "Dinkes"}, headers=enumerator
    )
    assert late.status_code == 409, late.text
