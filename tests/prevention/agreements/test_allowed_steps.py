"""What an agreement's answer offers (`allowed_steps`) is what its routes accept: the
screens show the buttons of these steps only."""

from __future__ import annotations

from apik_prevention.agreements.rules import allowed_steps
from apik_testing.services import RunningService
from tests.prevention.builders import AGREEMENTS, active_agreement, agreement_body


def test_steps_follow_the_status_and_the_renewal() -> None:
    assert allowed_steps("draft", officer=True, renewed=False) == ["document", "activate"]
    assert allowed_steps("active", officer=True, renewed=False) == [
        "activity",
        "terminate",
        "renew",
    ]
    assert allowed_steps("active", officer=True, renewed=True) == ["activity", "terminate"]
    assert allowed_steps("expired", officer=True, renewed=False) == ["activity", "renew"]
    assert allowed_steps("terminated", officer=True, renewed=False) == ["activity"]
    assert allowed_steps("active", officer=False, renewed=False) == []


async def test_the_head_is_offered_nothing_and_refused_what_the_officer_is_offered(
    prevention: RunningService, enumerator: dict[str, str], head: dict[str, str]
) -> None:
    made = await prevention.client.post(AGREEMENTS, json=agreement_body(), headers=enumerator)
    assert made.json()["allowed_steps"] == ["document", "activate"]
    url = f"{AGREEMENTS}/{made.json()['id']}"
    seen = await prevention.client.get(url, headers=head)
    assert seen.status_code == 200 and seen.json()["allowed_steps"] == []
    refused = await prevention.client.post(
        f"{url}/activation", headers={**head, "If-Match": seen.headers["ETag"]}
    )
    assert refused.status_code == 403, refused.text


async def test_a_renewed_agreement_is_no_longer_offered_a_renewal(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    active = await active_agreement(prevention, enumerator)
    assert active["allowed_steps"] == ["activity", "terminate", "renew"]
    url = f"{AGREEMENTS}/{active['id']}"
    renewal = await prevention.client.post(
        f"{url}/renewal",
        json={"starts_on": "2027-07-01", "ends_on": "2029-06-30"},
        headers=enumerator,
    )
    assert renewal.status_code == 201, renewal.text
    assert renewal.json()["allowed_steps"] == ["document", "activate"]
    after = await prevention.client.get(url, headers=enumerator)
    assert after.json()["allowed_steps"] == ["activity", "terminate"]
    again = await prevention.client.post(
        f"{url}/renewal",
        json={"starts_on": "2029-07-01", "ends_on": "2030-06-30"},
        headers=enumerator,
    )
    assert again.status_code == 409, again.text
    assert again.json()["type"] == "/problems/agreement-already-renewed"
