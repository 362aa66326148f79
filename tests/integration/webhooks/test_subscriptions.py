"""Subscriptions: created with a secret shown once, listed and read per office, refused
for unknown types and for targets a webhook must not reach, disabled, enabled, rotated."""

from __future__ import annotations

import pytest

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.integration.builders import PROBLEM, SUBSCRIPTIONS, subscribe, subscription_body

HOOK = "http://127.0.0.1:9/hook"


async def test_a_subscription_shows_its_secret_once(
    integration: RunningService, head: dict[str, str]
) -> None:
    created = await subscribe(integration, head, HOOK)
    assert created["secret"].startswith("whsec_")
    assert created["office"] == "KAB" and created["status"] == "active"
    assert created["event_types"] == ["case.closed", "report.registered"]
    one = await integration.client.get(f"{SUBSCRIPTIONS}/{created['id']}", headers=head)
    assert one.status_code == 200 and "secret" not in one.json()
    assert one.headers["etag"] == '"1"'
    listed = await integration.client.get(SUBSCRIPTIONS, headers=head)
    assert created["id"] in [s["id"] for s in listed.json()]
    assert all("secret" not in s for s in listed.json())
    # The secret is sealed at rest.
    stored = await integration.scalar(
        "SELECT secret FROM webhook_subscription WHERE id = :id", id=created["id"]
    )
    assert created["secret"] not in stored


async def test_an_idempotent_retry_replays_the_subscription_but_never_its_secret(
    integration: RunningService, head: dict[str, str]
) -> None:
    # The attack: the idempotency table keeps answers in plain text for replays; a
    # secret stored there would be readable by anyone with the database, unsealed.
    headers = {**head, "Idempotency-Key": "sub-retry-1"}
    body = subscription_body(HOOK)
    first = await integration.client.post(SUBSCRIPTIONS, json=body, headers=headers)
    again = await integration.client.post(SUBSCRIPTIONS, json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    answer = first.json()
    secret = answer.pop("secret")
    assert secret.startswith("whsec_") and "secret" not in again.json()
    assert again.json() == answer
    assert again.headers["location"] == first.headers["location"]
    kept = await integration.scalar(
        "SELECT count(*) FROM idempotency_key WHERE CAST(body AS text) LIKE :s",
        s=f"%{secret}%",
    )
    assert kept == 0


async def test_another_office_sees_nothing(
    integration: RunningService, head: dict[str, str], other_head: dict[str, str]
) -> None:
    created = await subscribe(integration, head, HOOK)
    other = await integration.client.get(f"{SUBSCRIPTIONS}/{created['id']}", headers=other_head)
    assert other.status_code == 404
    listed = await integration.client.get(SUBSCRIPTIONS, headers=other_head)
    assert created["id"] not in [s["id"] for s in listed.json()]


async def test_only_the_head_subscribes(integration: RunningService, tokens: TestTokens) -> None:
    analyst = tokens.headers("analyst", office="KAB")
    response = await integration.client.post(
        SUBSCRIPTIONS, json=subscription_body(HOOK), headers=analyst
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("overrides", "pointer"),
    [
        ({"event_types": ["report.nonsense"]}, "#/body/event_types"),
        ({"event_types": ["red_button.raised"]}, "#/body/event_types"),
        ({"event_types": ["office.registered"]}, "#/body/event_types"),
        ({"url": "ftp://example.org/hook"}, "#/body/url"),
        ({"url": "http://user:pw@example.org/hook"}, "#/body/url"),
        ({"url": "not a url"}, "#/body/url"),
    ],
)
async def test_bad_subscriptions_are_refused_naming_the_field(
    integration: RunningService, head: dict[str, str], overrides: dict, pointer: str
) -> None:
    body = {**subscription_body(HOOK), **overrides}
    response = await integration.client.post(SUBSCRIPTIONS, json=body, headers=head)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["pointer"] == pointer


@pytest.mark.parametrize(
    ("overrides", "code", "params"),
    [
        (
            {"event_types": ["report.nonsense", "case.closed"]},
            "unknown_event_type",
            {"event_types": "report.nonsense"},
        ),
        ({"url": "ftp://example.org/hook"}, "target_refused", {}),
    ],
)
async def test_a_refused_subscription_names_a_code_the_web_app_words(
    integration: RunningService, head: dict[str, str], overrides: dict, code: str, params: dict
) -> None:
    body = {**subscription_body(HOOK), **overrides}
    response = await integration.client.post(SUBSCRIPTIONS, json=body, headers=head)
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert (error["code"], error["params"]) == (code, params)


async def test_disable_enable_and_rotate_follow_if_match(
    integration: RunningService, head: dict[str, str]
) -> None:
    created = await subscribe(integration, head, HOOK)
    path = f"{SUBSCRIPTIONS}/{created['id']}"
    stale = await integration.client.post(f"{path}/disable", headers={**head, "If-Match": '"7"'})
    assert stale.status_code == 412
    disabled = await integration.client.post(
        f"{path}/disable", headers={**head, "If-Match": created["etag"]}
    )
    assert disabled.status_code == 200
    assert disabled.json()["status"] == "disabled"
    assert disabled.json()["disabled_reason"] == "disabled by kepala"
    twice = await integration.client.post(f"{path}/disable", headers=head)
    assert twice.status_code == 409
    assert twice.json()["code"] == "subscription_already_disabled"
    enabled = await integration.client.post(
        f"{path}/enable", headers={**head, "If-Match": disabled.headers["etag"]}
    )
    assert enabled.json()["status"] == "active" and enabled.json()["version"] == 3
    rotated = await integration.client.post(f"{path}/rotate-secret", headers=head)
    assert rotated.status_code == 200
    assert rotated.json()["secret"].startswith("whsec_")
    assert rotated.json()["secret"] != created["secret"]
    assert rotated.json()["previous_secret_until"] is not None


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.7/hook",
        "http://[::1]/hook",
        "http://nowhere.invalid/hook",
    ],
)
async def test_targets_a_webhook_must_not_reach_are_refused(
    integration: RunningService,
    head: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    url: str,
) -> None:
    # This module's service allows private targets (its receivers listen on 127.0.0.1);
    # production does not.
    monkeypatch.setattr(integration.app.state.settings, "webhook_allow_private_targets", False)
    before = await integration.scalar("SELECT count(*) FROM webhook_subscription")
    response = await integration.client.post(
        SUBSCRIPTIONS, json=subscription_body(url), headers=head
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["pointer"] == "#/body/url"
    assert await integration.scalar("SELECT count(*) FROM webhook_subscription") == before


async def test_the_actions_listed_are_the_ones_the_routes_accept(
    integration: RunningService, head: dict[str, str]
) -> None:
    """The screen's buttons come from `allowed_actions` (issue 21): from each status,
    every action listed is accepted, the switch not listed is refused."""
    created = await subscribe(integration, head, HOOK)
    path = f"{SUBSCRIPTIONS}/{created['id']}"
    route = {"disable": "disable", "enable": "enable", "rotate_secret": "rotate-secret"}
    expected = {"active": ["disable", "rotate_secret"], "disabled": ["enable", "rotate_secret"]}
    for status in ("active", "disabled", "active"):
        one = await integration.client.get(path, headers=head)
        listed = await integration.client.get(SUBSCRIPTIONS, headers=head)
        [row] = [s for s in listed.json() if s["id"] == created["id"]]
        assert one.json()["status"] == status
        assert one.json()["allowed_actions"] == row["allowed_actions"] == expected[status]
        [switch] = {"enable", "disable"} - set(expected[status])
        refused = await integration.client.post(f"{path}/{switch}", headers=head)
        assert refused.status_code == 409, (status, switch)
        assert refused.json()["code"] == f"subscription_already_{status}"
        for action in reversed(expected[status]):  # the rotation first, the switch last
            current = await integration.client.get(path, headers=head)
            taken = await integration.client.post(
                f"{path}/{route[action]}", headers={**head, "If-Match": current.headers["etag"]}
            )
            assert taken.status_code == 200, (status, action, taken.text)
