"""A session that ends is refused by the services within seconds, though its access
token has not expired: the attacks of issue 16 item 2, against a real service (reporting)
that verifies the gateway's tokens and hears of revocations over the suite's NATS.

Before sessions could end, each of these tokens kept working for its whole hour."""

from __future__ import annotations

import httpx

from apik_shared.platform.auth import Role
from tests.gateway.builders import GatewayUnderTest

from .steps import LOGOUT, WITHIN_SECONDS, bearer, change_user, refresh, refused_within, sign_in

KPIS = "/api/v1/reporting/kpis?year=2026"


async def _an_analyst_at_the_service(
    gateway: GatewayUnderTest, reporting: httpx.AsyncClient
) -> tuple[dict[str, str], dict[str, str]]:
    user = await gateway.create_user(Role.analyst)
    tokens = await sign_in(gateway, user)
    accepted = await reporting.get(KPIS, headers=bearer(tokens))
    assert accepted.status_code == 200, accepted.text
    return user, tokens


async def test_a_disabled_users_token_is_refused_by_a_service(
    gateway: GatewayUnderTest, reporting: httpx.AsyncClient
) -> None:
    user, tokens = await _an_analyst_at_the_service(gateway, reporting)
    await change_user(gateway, user["id"], disabled=True)
    assert await refused_within(reporting, KPIS, bearer(tokens)) < WITHIN_SECONDS
    assert (await refresh(gateway, tokens["refresh_token"])).status_code == 401


async def test_a_demoted_users_token_is_refused_by_a_service(
    gateway: GatewayUnderTest, reporting: httpx.AsyncClient
) -> None:
    user, tokens = await _an_analyst_at_the_service(gateway, reporting)
    await change_user(gateway, user["id"], roles=[Role.examiner])
    # The old token still says "analyst"; its session has ended.
    assert await refused_within(reporting, KPIS, bearer(tokens)) < WITHIN_SECONDS
    assert (await refresh(gateway, tokens["refresh_token"])).status_code == 401
    # Signing in again gives what the account holds now: not an analyst any more.
    again = await sign_in(gateway, user)
    assert (await reporting.get(KPIS, headers=bearer(again))).status_code == 403


async def test_a_token_from_before_a_password_change_is_refused_by_a_service(
    gateway: GatewayUnderTest, reporting: httpx.AsyncClient
) -> None:
    user, tokens = await _an_analyst_at_the_service(gateway, reporting)
    new_password = "another-long-passphrase-42"
    await change_user(gateway, user["id"], password=new_password)
    assert await refused_within(reporting, KPIS, bearer(tokens)) < WITHIN_SECONDS
    again = await sign_in(gateway, {**user, "password": new_password})
    assert (await reporting.get(KPIS, headers=bearer(again))).status_code == 200


async def test_logout_makes_the_token_fail_at_a_service(
    gateway: GatewayUnderTest, reporting: httpx.AsyncClient
) -> None:
    _, tokens = await _an_analyst_at_the_service(gateway, reporting)
    _, other = await _an_analyst_at_the_service(gateway, reporting)
    logout = await gateway.client.post(LOGOUT, headers=bearer(tokens))
    assert logout.status_code == 204
    assert await refused_within(reporting, KPIS, bearer(tokens)) < WITHIN_SECONDS
    assert (await refresh(gateway, tokens["refresh_token"])).status_code == 401
    # Only that session: another one goes on.
    assert (await reporting.get(KPIS, headers=bearer(other))).status_code == 200


async def test_a_reused_refresh_token_ends_its_whole_family_at_a_service(
    gateway: GatewayUnderTest, reporting: httpx.AsyncClient
) -> None:
    _, stolen = await _an_analyst_at_the_service(gateway, reporting)
    # The owner refreshes; the thief then spends the copy it took of the first token.
    rotated = await refresh(gateway, stolen["refresh_token"])
    assert rotated.status_code == 200, rotated.text
    owner = rotated.json()
    assert (await reporting.get(KPIS, headers=bearer(owner))).status_code == 200
    reused = await refresh(gateway, stolen["refresh_token"])
    assert reused.status_code == 401
    assert reused.json()["type"] == "/problems/invalid-credentials"
    # Every token of the family is dead: the newest refresh token, both access tokens.
    assert (await refresh(gateway, owner["refresh_token"])).status_code == 401
    assert await refused_within(reporting, KPIS, bearer(owner)) < WITHIN_SECONDS
    assert await refused_within(reporting, KPIS, bearer(stolen)) < WITHIN_SECONDS
