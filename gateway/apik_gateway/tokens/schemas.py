"""Bodies of the token endpoint, `/me`, key rotation and the JWKS.

The token endpoint takes an OAuth2 form (RFC 6749), not JSON: its fields are parsed by
the router.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from apik_shared.platform.capabilities import Capability


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    # A user's sign-in and each refresh: spend it (`grant_type=refresh_token`) for the
    # next access token before this one expires. It works once; a second use ends the
    # session. Clients sign in again with their secret instead.
    refresh_token: str | None = None
    # Password sign-in: attempts on this account that failed or were refused since its
    # last successful sign-in, to show the user (someone may be guessing).
    failed_attempts_since_last_login: int | None = None


class Me(BaseModel):
    subject: str
    username: str
    office: str
    roles: list[str]
    kind: str
    # What the caller may do, by the guards of the services' routes (issue 21): the web
    # app shows screens and create forms by these, never by a role table of its own.
    capabilities: list[Capability]


class Jwks(BaseModel):
    keys: list[dict[str, Any]]


class RotatedKey(BaseModel):
    kid: str
