"""Password and client-secret hashing (argon2id), kept off the event loop.

Hashing takes tens of milliseconds of CPU on purpose; the gateway's event loop also
forwards every API request, so the work runs in a thread (argon2 releases the GIL).
"""

from __future__ import annotations

import asyncio
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.field_errors import invalid

MIN_PASSWORD_LENGTH = 12
_hasher = PasswordHasher()
# Verified against when the user does not exist, so both failures take as long.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


async def hash_secret(secret: str) -> str:
    return await asyncio.to_thread(_hasher.hash, secret)


def _verify(stored_hash: str | None, secret: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, secret) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


async def verify_secret(stored_hash: str | None, secret: str) -> bool:
    """False for a wrong secret, and also (after the same work) when there is no hash."""
    return await asyncio.to_thread(_verify, stored_hash, secret)


def password_weakness(password: str, *, username: str) -> PydanticCustomError | None:
    """Why `password` is too weak (its English is the exception's text), or None when
    it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return invalid(
            "string_too_short",
            "Use at least {min_length} characters.",
            min_length=MIN_PASSWORD_LENGTH,
        )
    if username and username.lower() in password.lower():
        return invalid("password_has_username", "Do not include the username.")
    if len(set(password)) < 5:
        return invalid("password_too_plain", "Use more different characters.")
    return None


def new_client_secret() -> str:
    return secrets.token_urlsafe(32)
