"""Tokens signed with a throw-away key, for services under test without a gateway."""

from __future__ import annotations

import time
import uuid
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from apik_shared.platform.auth import JWKSVerifier
from apik_shared.platform.settings import DEFAULT_PUBLIC_URL


class TestTokens:
    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self, *, issuer: str = DEFAULT_PUBLIC_URL, audience: str = "apik") -> None:
        self.issuer, self.audience = issuer, audience
        self.kid = uuid.uuid4().hex
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk: dict[str, Any] = jwt.algorithms.RSAAlgorithm.to_jwk(
            self._key.public_key(), as_dict=True
        )
        jwk.update(kid=self.kid, use="sig", alg="RS256")
        self.jwks = {"keys": [jwk]}

    def verifier(self) -> JWKSVerifier:
        verifier = JWKSVerifier(issuer=self.issuer, audience=self.audience)
        verifier.add_jwks(self.jwks)
        return verifier

    def token(
        self,
        *roles: str,
        office: str = "BKL",
        username: str = "tester",
        ttl: int = 600,
        name: str | None = None,
    ) -> str:
        now = int(time.time())
        claims: dict[str, object] = {
            "sub": f"user:{username}",
            "preferred_username": username,
            "office": office,
            "roles": list(roles),
            "kind": "user",
            "iss": self.issuer,
            "aud": self.audience,
            "iat": now,
            "exp": now + ttl,
        }
        if name is not None:
            claims["name"] = name
        return jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": self.kid})

    def headers(
        self, *roles: str, office: str = "BKL", username: str = "tester", name: str | None = None
    ) -> dict[str, str]:
        token = self.token(*roles, office=office, username=username, name=name)
        return {"Authorization": f"Bearer {token}"}
