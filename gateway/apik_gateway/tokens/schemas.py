"""Bodies of the token endpoint, `/me`, key rotation and the JWKS.

The token endpoint takes an OAuth2 form (RFC 6749), not JSON: its fields are parsed by
the router.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class Me(BaseModel):
    subject: str
    username: str
    office: str
    roles: list[str]
    kind: str


class Jwks(BaseModel):
    keys: list[dict[str, Any]]


class RotatedKey(BaseModel):
    kid: str
