"""Token signing keys: RSA pairs stored in the database, shared by every replica.

Private keys are stored encrypted with APIK_SECRET_KEY, so a copy of the database alone
cannot mint tokens. Rotation makes a new key active; the old ones stay in the JWKS
until every token they signed has expired, then they are retired.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from datetime import timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from apik_gateway.models import SigningKey, utcnow
from apik_shared.platform.auth import JWKSVerifier, Principal
from apik_shared.platform.problems import Forbidden

log = logging.getLogger("apik.gateway.keys")
KEY_SIZE = 2048
# What every access token is signed with (OAuth discovery publishes it).
SIGNING_ALGORITHM = "RS256"
# pg_advisory_xact_lock key serialising key changes and the bootstrap across replicas.
ADVISORY_LOCK = 0x61_70_69_6B  # "apik"


async def take_lock(session: AsyncSession) -> None:
    """Held until the transaction ends; re-entrant within a session."""
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})


def generate_key(secret_key: str, *, active: bool = True) -> SigningKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    kid = f"{utcnow():%Y%m%d}-{secrets.token_hex(6)}"
    jwk: dict[str, Any] = jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key(), as_dict=True)
    jwk.update(kid=kid, use="sig", alg=SIGNING_ALGORITHM)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(secret_key.encode()),
    )
    return SigningKey(kid=kid, private_pem=pem.decode(), public_jwk=json.dumps(jwk), active=active)


def load_private_key(row_pem: str, secret_key: str) -> rsa.RSAPrivateKey | None:
    """None when the key was encrypted with another APIK_SECRET_KEY."""
    try:
        key = serialization.load_pem_private_key(row_pem.encode(), secret_key.encode())
    except (ValueError, TypeError):
        return None
    return key if isinstance(key, rsa.RSAPrivateKey) else None


async def ensure_active_key(session: AsyncSession, *, secret_key: str) -> str:
    """The active kid, creating a key when there is none we can use.

    The caller holds the bootstrap lock, so replicas starting together create one key.
    """
    found = await session.execute(select(SigningKey).where(col(SigningKey.active)))
    active = found.scalar_one_or_none()
    if active is not None and load_private_key(active.private_pem, secret_key) is not None:
        return active.kid
    if active is not None:
        log.error(
            "the active signing key %s cannot be decrypted with APIK_SECRET_KEY; "
            "rotating to a new key",
            active.kid,
        )
    return await rotate(session, secret_key=secret_key, retire_after=None)


async def rotate(session: AsyncSession, *, secret_key: str, retire_after: timedelta | None) -> str:
    """Makes a new key active; retires keys inactive for longer than `retire_after`."""
    await take_lock(session)
    now = utcnow()
    await session.execute(
        update(SigningKey).where(col(SigningKey.active)).values(active=False, deactivated_at=now)
    )
    await session.flush()
    key = generate_key(secret_key)
    session.add(key)
    if retire_after is not None:
        await session.execute(
            update(SigningKey)
            .where(col(SigningKey.retired_at).is_(None))
            .where(col(SigningKey.deactivated_at) < now - retire_after)
            .values(retired_at=now)
        )
    await session.flush()
    log.info("signing key %s is now active", key.kid)
    return key.kid


async def rotate_signing_key(
    *, session: AsyncSession, actor: Principal, secret_key: str, token_ttl_seconds: int
) -> str:
    """A national admin's rotation: keys inactive for longer than a token lives retire."""
    if not actor.is_national:
        raise Forbidden(
            "Only a national admin rotates the platform's signing key.", code="national_role"
        )
    return await rotate(
        session,
        secret_key=secret_key,
        # A minute of margin for clocks that disagree a little.
        retire_after=timedelta(seconds=token_ttl_seconds + 60),
    )


async def published_jwks(*, session: AsyncSession) -> dict[str, Any]:
    rows = await session.execute(
        select(col(SigningKey.public_jwk))
        .where(col(SigningKey.retired_at).is_(None))
        .order_by(col(SigningKey.created_at).desc())
    )
    return {"keys": [json.loads(jwk) for jwk in rows.scalars()]}


class TokenSigner:
    """Signs with whichever key is active in the database right now.

    Reading the active kid per token costs one indexed query on a path that already
    spends ~50 ms on argon2, and means a rotation by any replica takes effect at once.
    """

    def __init__(self, secret_key: str) -> None:
        self._secret_key = secret_key
        self._private: dict[str, rsa.RSAPrivateKey] = {}

    async def sign(self, session: AsyncSession, claims: dict[str, Any]) -> str:
        query = select(col(SigningKey.kid), col(SigningKey.private_pem)).where(
            col(SigningKey.active)
        )
        row = (await session.execute(query)).one()
        key = self._private.get(row.kid)
        if key is None:
            key = load_private_key(row.private_pem, self._secret_key)
            if key is None:
                raise RuntimeError(f"signing key {row.kid} cannot be decrypted")
            self._private[row.kid] = key
        return jwt.encode(claims, key, algorithm=SIGNING_ALGORITHM, headers={"kid": row.kid})


class DatabaseKeyVerifier(JWKSVerifier):
    """Verifies the gateway's own tokens against the keys in its database.

    The key set is reloaded when a token names an unknown kid (another replica rotated)
    and at least every `max_age` seconds (so a retired key stops being accepted). A
    reload is one query on a table of a few rows, far cheaper than the argon2 work
    behind every token, so unknown kids need no rate limit beyond coalescing.
    """

    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        issuer: str,
        audience: str,
        max_age: float = 60.0,
    ) -> None:
        super().__init__(issuer=issuer, audience=audience)
        self._sessions = sessions
        self._max_age = max_age
        self._loaded_at = float("-inf")

    async def _refresh(self) -> None:
        asked_at = time.monotonic()
        async with self._lock:
            if self._loaded_at >= asked_at:  # someone reloaded while we waited
                return
            async with self._sessions() as session:
                jwks = await published_jwks(session=session)
            self._keys: dict[str, Any] = {}  # retired keys go with the old set
            self.add_jwks(jwks)
            self._loaded_at = time.monotonic()

    async def verify(self, token: str) -> Principal:
        if time.monotonic() - self._loaded_at > self._max_age:
            await self._refresh()
        return await super().verify(token)
