"""POST /api/v1/auth/token, GET /api/v1/auth/me, the JWKS and key rotation."""

from __future__ import annotations

import jwt

from apik_shared.platform.auth import JWKSVerifier, Role
from apik_shared.platform.settings import DEFAULT_PUBLIC_URL
from apik_testing.tokens import TestTokens
from tests.gateway.builders import ADMIN_PASSWORD, GatewayUnderTest

TOKEN = "/api/v1/auth/token"


async def verifier_for(gateway: GatewayUnderTest) -> JWKSVerifier:
    jwks = (await gateway.client.get("/.well-known/jwks.json")).json()
    verifier = JWKSVerifier(issuer=DEFAULT_PUBLIC_URL, audience="apik")
    verifier.add_jwks(jwks)
    return verifier


class TestPasswordGrant:
    async def test_issues_a_bearer_token_with_the_platform_claims(
        self, gateway: GatewayUnderTest
    ) -> None:
        user = await gateway.create_user(Role.examiner)
        response = await gateway.client.post(
            TOKEN,
            data={
                "grant_type": "password",
                "username": user["username"],
                "password": user["password"],
            },
        )
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        body = response.json()
        assert body["token_type"] == "bearer"
        assert body["expires_in"] == gateway.settings.token_ttl_seconds
        claims = jwt.decode(body["access_token"], options={"verify_signature": False})
        assert claims["sub"] == f"user:{user['id']}"
        assert claims["preferred_username"] == user["username"]
        assert claims["name"] == "Siti Rahma"  # the full name, for what documents print
        assert claims["office"] == "PUSAT"
        assert claims["roles"] == ["examiner"]
        assert claims["kind"] == "user"
        assert claims["iss"] == DEFAULT_PUBLIC_URL and claims["aud"] == "apik"
        assert claims["exp"] - claims["iat"] == gateway.settings.token_ttl_seconds
        assert claims["jti"]
        assert jwt.get_unverified_header(body["access_token"])["kid"]

    async def test_jwks_verifies_the_token(self, gateway: GatewayUnderTest) -> None:
        token = await gateway.token("admin", ADMIN_PASSWORD)
        principal = await (await verifier_for(gateway)).verify(token)
        assert principal.username == "admin"
        assert principal.roles == {"admin", "national"}

    async def test_wrong_password_and_unknown_user_get_the_same_401(
        self, gateway: GatewayUnderTest
    ) -> None:
        wrong = await gateway.client.post(TOKEN, data={"username": "admin", "password": "nope"})
        unknown = await gateway.client.post(TOKEN, data={"username": "nobody", "password": "x"})
        for response in (wrong, unknown):
            assert response.status_code == 401
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["type"] == "/problems/invalid-credentials"
        assert wrong.json()["detail"] == unknown.json()["detail"]

    async def test_a_disabled_user_cannot_log_in(self, gateway: GatewayUnderTest) -> None:
        user = await gateway.create_user(Role.analyst)
        admin = await gateway.headers()
        path = f"/api/v1/auth/users/{user['id']}"
        etag = (await gateway.client.get(path, headers=admin)).headers["etag"]
        response = await gateway.client.patch(
            path, json={"disabled": True}, headers={**admin, "If-Match": etag}
        )
        assert response.status_code == 200
        login = await gateway.client.post(
            TOKEN, data={"username": user["username"], "password": user["password"]}
        )
        assert login.status_code == 401

    async def test_missing_fields_are_named(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.post(TOKEN, data={"username": "admin"})
        assert response.status_code == 422
        assert [e["pointer"] for e in response.json()["errors"]] == ["#/body/password"]
        # As pydantic names a missing field: the web app words it by that code.
        assert response.json()["errors"][0]["code"] == "missing"

    async def test_unknown_grant_type_is_400(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.post(TOKEN, data={"grant_type": "implicit"})
        assert response.status_code == 400
        assert response.json()["error"] == "unsupported_grant_type"


class TestClientCredentials:
    async def test_secret_in_the_form(self, gateway: GatewayUnderTest) -> None:
        client = await gateway.create_client()
        response = await gateway.client.post(
            TOKEN,
            data={
                "grant_type": "client_credentials",
                "client_id": client["id"],
                "client_secret": client["client_secret"],
            },
        )
        assert response.status_code == 200
        principal = await (await verifier_for(gateway)).verify(response.json()["access_token"])
        assert principal.kind == "client"
        assert principal.subject == f"client:{client['id']}"
        assert principal.roles == {"intake_officer"}

    async def test_secret_by_http_basic(self, gateway: GatewayUnderTest) -> None:
        client = await gateway.create_client()
        response = await gateway.client.post(
            TOKEN,
            data={"grant_type": "client_credentials"},
            auth=(client["id"], client["client_secret"]),
        )
        assert response.status_code == 200

    async def test_wrong_secret_is_401(self, gateway: GatewayUnderTest) -> None:
        client = await gateway.create_client()
        response = await gateway.client.post(
            TOKEN,
            data={
                "grant_type": "client_credentials",
                "client_id": client["id"],
                "client_secret": "guess",
            },
        )
        assert response.status_code == 401
        assert response.json()["error"] == "invalid_client"


class TestMe:
    async def test_describes_the_caller(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.get("/api/v1/auth/me", headers=await gateway.headers())
        assert response.status_code == 200
        assert response.json()["username"] == "admin"
        assert response.json()["roles"] == ["admin", "national"]

    async def test_without_a_token_is_401(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.get("/api/v1/auth/me")
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"

    async def test_a_token_from_another_signer_is_401(
        self, gateway: GatewayUnderTest, tokens: TestTokens
    ) -> None:
        response = await gateway.client.get("/api/v1/auth/me", headers=tokens.headers("admin"))
        assert response.status_code == 401


class TestKeyRotation:
    async def test_old_tokens_stay_valid_and_new_ones_use_the_new_key(
        self, gateway: GatewayUnderTest
    ) -> None:
        admin = await gateway.headers()
        old_token = admin["Authorization"].removeprefix("Bearer ")
        old_kid = jwt.get_unverified_header(old_token)["kid"]

        rotated = await gateway.client.post("/api/v1/auth/keys/rotate", headers=admin)
        assert rotated.status_code == 200
        new_kid = rotated.json()["kid"]
        assert new_kid != old_kid

        new_token = await gateway.token("admin", ADMIN_PASSWORD)
        assert jwt.get_unverified_header(new_token)["kid"] == new_kid
        jwks = (await gateway.client.get("/.well-known/jwks.json")).json()
        kids = {key["kid"] for key in jwks["keys"]}
        assert {old_kid, new_kid} <= kids
        verifier = await verifier_for(gateway)
        assert (await verifier.verify(old_token)).username == "admin"
        assert (await verifier.verify(new_token)).username == "admin"
        # The gateway itself still accepts the old token too.
        me = await gateway.client.get("/api/v1/auth/me", headers=admin)
        assert me.status_code == 200

    async def test_only_a_national_admin_rotates(self, gateway: GatewayUnderTest) -> None:
        user = await gateway.create_user(Role.admin)
        headers = await gateway.headers(user["username"], user["password"])
        response = await gateway.client.post("/api/v1/auth/keys/rotate", headers=headers)
        assert response.status_code == 403
