"""Tokens: the OAuth2 grants (`grants`), the signing keys and their rotation (`keys`),
and how secrets are hashed (`passwords`)."""

from apik_gateway.tokens.service.grants import (
    InvalidCredentials,
    Subject,
    UnsupportedGrantType,
    authenticate,
    issue_token,
)
from apik_gateway.tokens.service.keys import (
    DatabaseKeyVerifier,
    TokenSigner,
    published_jwks,
    rotate_signing_key,
)

__all__ = [
    "DatabaseKeyVerifier",
    "InvalidCredentials",
    "Subject",
    "TokenSigner",
    "UnsupportedGrantType",
    "authenticate",
    "issue_token",
    "published_jwks",
    "rotate_signing_key",
]
