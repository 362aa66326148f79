"""The role codes other systems rely on, and argon2id for every stored secret."""

from __future__ import annotations

import asyncpg

from apik_shared.platform.auth import Role
from apik_shared.platform.settings import to_plain_postgres_url
from tests.gateway.builders import USER_PASSWORD, GatewayUnderTest

# The platform issue's list, verbatim: tokens and other systems use these codes.
ROLE_CODES = {
    "admin",
    "head",
    "intake_officer",
    "examiner",
    "examination_supervisor",
    "prevention_officer",
    "desk_officer",
    "desk_supervisor",
    "intern_supervisor",
    "intern",
    "community_member",
    "protection_officer",
    "analyst",
    "dpo",
    "national",
}


def test_the_role_codes_are_exactly_the_platforms() -> None:
    assert {role.value for role in Role} == ROLE_CODES


async def test_every_role_code_can_be_granted_and_reaches_the_token(
    gateway: GatewayUnderTest,
) -> None:
    # community_member is held alone, by an account named after the member (users/rules).
    user = await gateway.create_user(*sorted(ROLE_CODES - {"community_member"}))
    token = await gateway.token(user["username"], user["password"])
    me = await gateway.client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert set(me.json()["roles"]) == ROLE_CODES - {"community_member"}


async def stored(gateway: GatewayUnderTest, sql: str, *args: str) -> str:
    conn = await asyncpg.connect(to_plain_postgres_url(gateway.settings.database_url))
    try:
        return str(await conn.fetchval(sql, *args))
    finally:
        await conn.close()


async def test_passwords_and_client_secrets_are_stored_as_argon2id(
    gateway: GatewayUnderTest,
) -> None:
    user = await gateway.create_user("analyst")
    password_hash = await stored(
        gateway, "SELECT password_hash FROM app_user WHERE username = $1", user["username"]
    )
    assert password_hash.startswith("$argon2id$")
    assert USER_PASSWORD not in password_hash
    created = await gateway.client.post(
        "/api/v1/auth/clients",
        json={"name": "SP4N-LAPOR! sync", "office": "PUSAT", "roles": ["analyst"]},
        headers=await gateway.headers(),
    )
    assert created.status_code == 201, created.text
    secret_hash = await stored(
        gateway, "SELECT secret_hash FROM api_client WHERE id = $1", created.json()["id"]
    )
    assert secret_hash.startswith("$argon2id$")
    assert created.json()["client_secret"] not in secret_hash
