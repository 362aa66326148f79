"""Login sessions at the gateway: short access tokens with a `sid`, refresh tokens
that rotate on use (a reused one ends the family), logout."""

from __future__ import annotations

import jwt
import pytest

from apik_gateway.models import RefreshToken
from apik_gateway.settings import Settings
from apik_gateway.tokens.service.login_sessions import hash_token
from apik_shared.platform.auth import Role
from apik_shared.platform.db import Database
from tests.gateway.builders import GatewayUnderTest

from .steps import LOGOUT, ME, TOKEN, bearer, refresh, refused_within, sign_in


def test_access_tokens_live_minutes_by_default() -> None:
    assert Settings().token_ttl_seconds <= 15 * 60
    with pytest.raises(ValueError):
        Settings(token_ttl_seconds=3 * 24 * 3600)  # longer than services replay


async def test_a_sign_in_gives_a_session_and_a_refresh_token(gateway: GatewayUnderTest) -> None:
    user = await gateway.create_user(Role.examiner)
    tokens = await sign_in(gateway, user)
    assert tokens["refresh_token"] and tokens["expires_in"] == gateway.settings.token_ttl_seconds
    assert tokens["failed_attempts_since_last_login"] == 0
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    assert claims["sid"]
    me = await gateway.client.get(ME, headers=bearer(tokens))
    assert me.status_code == 200


async def test_the_refresh_token_is_stored_only_hashed(gateway: GatewayUnderTest) -> None:
    tokens = await sign_in(gateway, await gateway.create_user(Role.examiner))
    database = Database(gateway.settings.database_url)
    try:
        async with database.sessions() as session:
            assert await session.get(RefreshToken, tokens["refresh_token"]) is None
            assert await session.get(RefreshToken, hash_token(tokens["refresh_token"]))
    finally:
        await database.dispose()


async def test_a_refresh_rotates_the_token_and_keeps_the_session(
    gateway: GatewayUnderTest,
) -> None:
    first = await sign_in(gateway, await gateway.create_user(Role.examiner))
    response = await refresh(gateway, first["refresh_token"])
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert "failed_attempts_since_last_login" not in second
    sid = jwt.decode(first["access_token"], options={"verify_signature": False})["sid"]
    claims = jwt.decode(second["access_token"], options={"verify_signature": False})
    assert claims["sid"] == sid and claims["roles"] == ["examiner"]
    third = await refresh(gateway, second["refresh_token"])
    assert third.status_code == 200


async def test_a_reused_refresh_token_ends_the_family(gateway: GatewayUnderTest) -> None:
    first = await sign_in(gateway, await gateway.create_user(Role.examiner))
    second = (await refresh(gateway, first["refresh_token"])).json()
    reused = await refresh(gateway, first["refresh_token"])
    assert reused.status_code == 401
    assert reused.json()["error"] == "invalid_grant"
    # The ending outlived the refused request's rolled-back transaction.
    assert (await refresh(gateway, second["refresh_token"])).status_code == 401
    await refused_within(gateway.client, ME, bearer(second))


async def test_logout_ends_the_session(gateway: GatewayUnderTest) -> None:
    tokens = await sign_in(gateway, await gateway.create_user(Role.examiner))
    assert (await gateway.client.post(LOGOUT, headers=bearer(tokens))).status_code == 204
    await refused_within(gateway.client, ME, bearer(tokens))
    assert (await refresh(gateway, tokens["refresh_token"])).status_code == 401
    assert (await gateway.client.post(LOGOUT, headers=bearer(tokens))).status_code == 401


async def test_logout_needs_a_token(gateway: GatewayUnderTest) -> None:
    response = await gateway.client.post(LOGOUT)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 5000, "\u00e9\u00e9"])
async def test_a_bad_refresh_token_is_a_clean_refusal(
    gateway: GatewayUnderTest, token: str
) -> None:
    response = await refresh(gateway, token)
    if token:
        assert response.status_code == 401
        assert response.json()["type"] == "/problems/invalid-credentials"
    else:
        assert response.status_code == 422
        assert response.json()["errors"][0]["pointer"] == "#/body/refresh_token"


async def test_a_client_gets_no_refresh_token(gateway: GatewayUnderTest) -> None:
    client = await gateway.create_client(Role.intake_officer)
    response = await gateway.client.post(
        TOKEN,
        data={
            "grant_type": "client_credentials",
            "client_id": client["id"],
            "client_secret": client["client_secret"],
        },
    )
    assert response.status_code == 200, response.text
    assert "refresh_token" not in response.json()
