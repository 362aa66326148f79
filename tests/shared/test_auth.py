"""Token verification from the gateway's JWKS, and the role dependencies of the routes."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

import httpx
import jwt
import pytest
from fastapi import Depends, FastAPI

from apik_shared.platform.auth import JWKSVerifier, Principal, Role, require_roles
from apik_shared.platform.events.payloads.gateway import SessionRevoked
from apik_shared.platform.problems import Unauthorized, install_problem_handlers
from apik_shared.platform.sessions import SessionRevocations
from apik_testing.tokens import TestTokens

PROBLEM = "application/problem+json"


def claims(tokens: TestTokens, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    base: dict[str, Any] = {
        "sub": "user:siti",
        "preferred_username": "siti",
        "office": "BKL",
        "roles": ["examiner"],
        "kind": "user",
        "iss": tokens.issuer,
        "aud": tokens.audience,
        "iat": now,
        "exp": now + 600,
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def signed(tokens: TestTokens, **changes: Any) -> str:
    key = tokens._key  # the test signer's private key: forging the claims is the point
    return jwt.encode(
        claims(tokens, **changes), key, algorithm="RS256", headers={"kid": tokens.kid}
    )


class TestVerifier:
    async def test_a_token_of_a_published_key_gives_its_principal(self) -> None:
        tokens = TestTokens()
        principal = await tokens.verifier().verify(tokens.token("examiner", office="MKS"))
        assert principal.office == "MKS"
        assert principal.roles == frozenset({"examiner"})
        assert principal.username == "tester" and principal.kind == "user"
        assert principal.office_scope() == "MKS"

    @pytest.mark.parametrize(
        ("changes", "why"),
        [
            ({"exp": int(time.time()) - 5}, "expired"),
            ({"aud": "another-system"}, "invalid"),
            ({"iss": "someone-else"}, "invalid"),
            ({"exp": None}, "invalid"),
            ({"sub": None}, "invalid"),
        ],
        ids=["expired", "audience", "issuer", "no-expiry", "no-subject"],
    )
    async def test_bad_claims_are_401(self, changes: dict[str, Any], why: str) -> None:
        tokens = TestTokens()
        with pytest.raises(Unauthorized) as refused:
            await tokens.verifier().verify(signed(tokens, **changes))
        assert why in refused.value.detail

    async def test_a_token_verified_before_is_refused_once_it_has_expired(self) -> None:
        """Verified tokens are kept (a client sends one with every request), never past
        their expiry."""
        tokens = TestTokens()
        verifier = tokens.verifier()
        token = signed(tokens, exp=int(time.time()) + 2)
        assert (await verifier.verify(token)).username
        assert (await verifier.verify(token)).username  # kept: the same principal
        await asyncio.sleep(
            max(0.0, jwt.decode(token, options={"verify_signature": False})["exp"] - time.time())
            + 0.1
        )
        with pytest.raises(Unauthorized, match="expired"):
            await verifier.verify(token)

    async def test_a_token_of_another_key_or_algorithm_is_401(self) -> None:
        tokens, stranger = TestTokens(), TestTokens()
        verifier = tokens.verifier()
        with pytest.raises(Unauthorized, match="unknown key"):
            await verifier.verify(stranger.token("admin"))
        # Same kid, but signed with a shared secret instead of the published RSA key.
        hmac = jwt.encode(
            claims(tokens),
            "a-shared-secret-long-enough-for-hs256",
            algorithm="HS256",
            headers={"kid": tokens.kid},
        )
        with pytest.raises(Unauthorized, match="invalid"):
            await verifier.verify(hmac)
        with pytest.raises(Unauthorized, match="malformed"):
            await verifier.verify("not.a.token")


@asynccontextmanager
async def jwks_server(jwks: dict[str, Any], hits: list[str]) -> AsyncIterator[str]:
    """Serves `jwks` (read at each request, so a test may change it) and counts requests."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        hits.append("GET")
        body = json.dumps(jwks).encode()
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
            b"content-length: %d\r\nconnection: close\r\n\r\n%b" % (len(body), body)
        )
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/.well-known/jwks.json"
    finally:
        server.close()
        await server.wait_closed()


class TestJwksFetching:
    async def test_keys_come_from_the_url_and_a_rotation_is_picked_up(self) -> None:
        old, new = TestTokens(), TestTokens()
        jwks = {"keys": list(old.jwks["keys"])}
        hits: list[str] = []
        async with jwks_server(jwks, hits) as url:
            verifier = JWKSVerifier(
                jwks_url=url, issuer=old.issuer, audience=old.audience, refetch_interval=0
            )
            assert (await verifier.verify(old.token("examiner"))).roles == {"examiner"}
            assert len(hits) == 1
            assert (await verifier.verify(old.token("examiner"))).subject == "user:tester"
            assert len(hits) == 1, "a known key is not fetched again"
            jwks["keys"].append(new.jwks["keys"][0])  # the gateway rotated its key
            assert (await verifier.verify(new.token("head"))).roles == {"head"}
            assert len(hits) == 2

    async def test_unknown_kids_do_not_hammer_the_gateway(self) -> None:
        known, forged = TestTokens(), TestTokens()
        hits: list[str] = []
        async with jwks_server(known.jwks, hits) as url:
            verifier = JWKSVerifier(
                jwks_url=url, issuer=known.issuer, audience=known.audience, refetch_interval=60
            )
            await verifier.verify(known.token())
            for _ in range(5):
                with pytest.raises(Unauthorized, match="unknown key"):
                    await verifier.verify(forged.token("admin"))
        assert len(hits) == 1

    async def test_an_unreachable_jwks_is_401_not_an_error(self) -> None:
        tokens = TestTokens()
        async with jwks_server({}, []) as url:
            pass  # the server is gone: its port refuses connections now
        verifier = JWKSVerifier(jwks_url=url, issuer=tokens.issuer, audience=tokens.audience)
        with pytest.raises(Unauthorized, match="unknown key"):
            await verifier.verify(tokens.token())


Examiner = Annotated[Principal, Depends(require_roles(Role.examiner, Role.head))]


def roles_app(tokens: TestTokens) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.state.verifier = tokens.verifier()

    @app.get("/cases")
    async def cases(principal: Examiner) -> dict[str, Any]:
        return {"office_scope": principal.office_scope()}

    return app


class TestRoleDependencies:
    @pytest.fixture
    async def client(self, tokens: TestTokens) -> AsyncIterator[httpx.AsyncClient]:
        transport = httpx.ASGITransport(app=roles_app(tokens))
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            yield client

    async def test_without_a_bearer_token_is_401(self, client: httpx.AsyncClient) -> None:
        for headers in ({}, {"Authorization": "Basic YWRtaW46YWRtaW4="}):
            response = await client.get("/cases", headers=headers)
            assert response.status_code == 401
            assert response.headers["content-type"] == PROBLEM
            assert response.headers["www-authenticate"] == "Bearer"

    @pytest.mark.parametrize("roles", [("intake_officer",), ("national",), ()])
    async def test_without_a_listed_role_is_403(
        self, client: httpx.AsyncClient, tokens: TestTokens, roles: tuple[str, ...]
    ) -> None:
        response = await client.get("/cases", headers=tokens.headers(*roles))
        assert response.status_code == 403
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["type"] == "/problems/forbidden"

    @pytest.mark.parametrize(
        ("roles", "scope"),
        [
            (("examiner",), "BKL"),
            (("head",), "BKL"),
            (("admin",), "BKL"),
            (("examiner", "national"), None),
        ],
    )
    async def test_a_listed_role_or_admin_passes_scoped_to_the_office_unless_national(
        self,
        client: httpx.AsyncClient,
        tokens: TestTokens,
        roles: tuple[str, ...],
        scope: str | None,
    ) -> None:
        response = await client.get("/cases", headers=tokens.headers(*roles, office="BKL"))
        assert response.status_code == 200, response.text
        assert response.json() == {"office_scope": scope}


def test_a_principal_sees_its_own_office_unless_national() -> None:
    local = Principal(subject="user:a", username="a", office="BKL", roles=frozenset({"head"}))
    national = Principal(
        subject="user:b", username="b", office="PUSAT", roles=frozenset({"head", "national"})
    )
    assert local.can_see_office("BKL") and not local.can_see_office("MKS")
    assert national.can_see_office("MKS") and national.office_scope() is None


class TestEndedSessions:
    """A token whose session the gateway ended is refused from the app's revocations."""

    async def test_a_revoked_sid_or_an_earlier_token_of_a_revoked_subject_is_401(
        self, tokens: TestTokens
    ) -> None:
        now = time.time()
        app = roles_app(tokens)
        app.state.revocations = revocations = SessionRevocations()
        revocations.apply(
            SessionRevoked(
                session_ids=["s-ended"],
                reason="logout",
                until=datetime.fromtimestamp(now + 600, UTC),
            )
        )
        revocations.apply(
            SessionRevoked(
                subject="user:demoted",
                not_before=datetime.fromtimestamp(int(now), UTC),
                reason="roles_changed",
                until=datetime.fromtimestamp(now + 600, UTC),
            )
        )
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:

            async def status(**changes: Any) -> int:
                headers = {"Authorization": f"Bearer {signed(tokens, **changes)}"}
                return (await client.get("/cases", headers=headers)).status_code

            assert await status(sid="s-ended") == 401
            assert await status(sid="s-other") == 200
            assert await status(sub="user:demoted", iat=int(now) - 5) == 401
            assert await status(sub="user:demoted", iat=None) == 401
            # Signed in again after the change: a new token of the same subject works.
            assert await status(sub="user:demoted", iat=int(now)) == 200
            ended = await client.get(
                "/cases", headers={"Authorization": f"Bearer {signed(tokens, sid='s-ended')}"}
            )
            assert ended.json()["detail"] == "The session has ended: sign in again."
