"""Who is calling: JWTs signed by the gateway, verified by every service itself.

The gateway is not the only wall: each service checks the signature against the
gateway's JWKS, the audience and the expiry, and each route states the roles it needs
in its signature (`Annotated[Principal, Depends(require_roles(...))]`). A token whose
session has ended (logout, an account disabled, …) is refused from the revocations the
service keeps in memory (`apik_shared.platform.sessions`), not by asking the gateway.
"""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any

import httpx
import jwt
from fastapi import Depends, Request

from apik_shared.platform.problems import Forbidden, Unauthorized


class Role(StrEnum):
    admin = "admin"
    head = "head"
    intake_officer = "intake_officer"
    examiner = "examiner"
    examination_supervisor = "examination_supervisor"
    prevention_officer = "prevention_officer"
    desk_officer = "desk_officer"
    desk_supervisor = "desk_supervisor"
    intern_supervisor = "intern_supervisor"
    intern = "intern"  # an intern (MORI): their own attendance, logbook, learning
    # A Sahabat Ombudsman member (prevention's community): files reports for citizens on
    # the `community` channel as themselves and reads those; nothing else. Its account's
    # username names the member (`member_id_of`).
    community_member = "community_member"
    protection_officer = "protection_officer"
    analyst = "analyst"
    dpo = "dpo"
    # Not a job: widens the holder's other roles to every office.
    national = "national"


@dataclass(frozen=True)
class Principal:
    subject: str
    username: str
    office: str
    roles: frozenset[str] = field(default_factory=frozenset)
    kind: str = "user"  # "user" or "client" (an API client of another system)
    # The token's `sid` (its login session, which logout and revocations end) and `iat`.
    session: str | None = None
    issued_at: float | None = None
    # The person's full name (OpenID's `name`), for what documents print; none for clients.
    name: str | None = None

    @property
    def is_national(self) -> bool:
        return Role.national in self.roles

    def has_any(self, *roles: str) -> bool:
        return Role.admin in self.roles or any(r in self.roles for r in roles)

    def office_scope(self) -> str | None:
        """The office this caller's queries are limited to; None means every office."""
        return None if self.is_national else self.office

    def can_see_office(self, office: str) -> bool:
        return self.is_national or office == self.office


# A community member's account is named after the member it is: `sahabat-<member id>`.
# The gateway grants `community_member` only to such an account and with no other role,
# so the id comes from the signed token, never from what the caller sends.
MEMBER_USERNAME = re.compile(
    r"^sahabat-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"
)


def member_id_of(principal: Principal) -> uuid.UUID | None:
    """The community member a `community_member` caller is (None for anyone else)."""
    if Role.community_member not in principal.roles or principal.kind != "user":
        return None
    match = MEMBER_USERNAME.match(principal.username)
    return uuid.UUID(match.group(1)) if match else None


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    return Principal(
        subject=str(claims["sub"]),
        username=str(claims.get("preferred_username", claims["sub"])),
        office=str(claims.get("office", "")),
        roles=frozenset(claims.get("roles", [])),
        kind=str(claims.get("kind", "user")),
        session=str(claims["sid"]) if claims.get("sid") else None,
        issued_at=float(claims["iat"]) if isinstance(claims.get("iat"), int | float) else None,
        name=str(claims["name"]) if claims.get("name") else None,
    )


VERIFIED_TOKENS_KEPT = 4096


class JWKSVerifier:
    """Verifies RS256 tokens against keys fetched (and cached) from a JWKS URL.

    An unknown `kid` triggers one refetch, so a key rotation at the gateway needs no
    restart; refetches are rate-limited so a flood of forged kids cannot hammer it.
    """

    def __init__(
        self,
        *,
        jwks_url: str = "",
        issuer: str,
        audience: str,
        keys: dict[str, Any] | None = None,
        refetch_interval: float = 10.0,
    ) -> None:
        self.jwks_url = jwks_url
        self.issuer = issuer
        self.audience = audience
        self._keys: dict[str, Any] = dict(keys or {})
        self._last_fetch = 0.0
        self._refetch_interval = refetch_interval
        self._lock = asyncio.Lock()
        # Tokens verified already, to their expiry and principal: a client sends the same
        # token with every request until it expires, and an RS256 verification (with
        # PyJWT's checks of the segments) cost more CPU than the rest of a small request.
        # Only a token whose signature and claims passed is kept; revocations are still
        # checked on every request (`current_principal`).
        self._verified: dict[str, tuple[float, Principal]] = {}

    def add_jwks(self, jwks: dict[str, Any]) -> None:
        # The keys change: nothing verified under the old set is taken on trust (the
        # gateway's verifier drops retired keys when it reloads).
        self._verified.clear()
        for jwk in jwks.get("keys", []):
            self._keys[jwk["kid"]] = jwt.PyJWK(jwk).key

    async def _refresh(self) -> None:
        if not self.jwks_url:
            return
        async with self._lock:
            if time.monotonic() - self._last_fetch < self._refetch_interval and self._keys:
                return
            self._last_fetch = time.monotonic()
            try:
                async with httpx.AsyncClient(timeout=3) as client:
                    resp = await client.get(self.jwks_url)
                    resp.raise_for_status()
                    self.add_jwks(resp.json())
            except (httpx.HTTPError, ValueError):
                return

    async def verify(self, token: str) -> Principal:
        kept = self._verified.get(token)
        if kept is not None:
            if time.time() < kept[0]:
                return kept[1]
            del self._verified[token]
        principal, expires = await self._verify(token)
        if len(self._verified) >= VERIFIED_TOKENS_KEPT:
            self._verified.clear()  # bounded: a flood of tokens forgets them all at once
        self._verified[token] = (expires, principal)
        return principal

    async def _verify(self, token: str) -> tuple[Principal, float]:
        try:
            kid = jwt.get_unverified_header(token).get("kid", "")
        except jwt.PyJWTError as exc:
            raise Unauthorized("The token is malformed.") from exc
        if kid not in self._keys:
            await self._refresh()
        key = self._keys.get(kid)
        if key is None:
            raise Unauthorized("The token was signed by an unknown key.")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthorized("The token has expired.") from exc
        except jwt.PyJWTError as exc:
            raise Unauthorized("The token is invalid.") from exc
        return principal_from_claims(claims), float(claims["exp"])


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    return token.strip()


async def current_principal(request: Request) -> Principal:
    token = bearer_token(request)
    if token is None:
        raise Unauthorized("A bearer token is required.")
    verifier: JWKSVerifier = request.app.state.verifier
    principal = await verifier.verify(token)
    # In memory, fed by the gateway's `session.revoked` events: no call per request.
    revocations = getattr(request.app.state, "revocations", None)
    if revocations is not None and revocations.refuses(principal):
        raise Unauthorized("The session has ended: sign in again.")
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency admitting callers holding any of `roles` (admin always passes)."""

    async def check(principal: CurrentPrincipal) -> Principal:
        if not principal.has_any(*roles):
            raise Forbidden.roles_needed(roles)
        return principal

    check.__name__ = "require_" + "_or_".join(roles)
    return check


async def data_protection_officer(principal: CurrentPrincipal) -> Principal:
    """A person holding `dpo`, and no one else: not `require_roles`, which lets every
    admin through (an admin runs the system, it does not answer for the subjects' data,
    and its role changes are what the DPO audits), nor an API client."""
    if Role.dpo not in principal.roles or principal.kind != "user":
        raise Forbidden("This is the data protection officer's.", code="dpo_only")
    return principal


# The privacy registers and the subject-access routes answer with identities in full.
DataProtectionOfficer = Annotated[Principal, Depends(data_protection_officer)]
