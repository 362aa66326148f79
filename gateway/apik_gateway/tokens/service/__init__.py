"""Tokens: the OAuth2 grants (`grants`), login sessions and their refresh tokens
(`login_sessions`), the throttle on failed sign-ins (`throttle`), the signing keys and
their rotation (`keys`), and how secrets are hashed (`passwords`)."""

from apik_gateway.tokens.service.grants import (
    CLIENT_AUTH_METHODS,
    GRANT_TYPES,
    InvalidCredentials,
    SignedIn,
    Subject,
    UnsupportedGrantType,
    authenticate,
    issue_token,
    refresh,
    sign_in,
)
from apik_gateway.tokens.service.keys import (
    SIGNING_ALGORITHM,
    DatabaseKeyVerifier,
    TokenSigner,
    published_jwks,
    rotate_signing_key,
)
from apik_gateway.tokens.service.login_sessions import (
    Lifetimes,
    account_change,
    logout,
    revoke_sessions_of,
)
from apik_gateway.tokens.service.throttle import Throttle, TooManyAttempts

__all__ = [
    "CLIENT_AUTH_METHODS",
    "GRANT_TYPES",
    "SIGNING_ALGORITHM",
    "DatabaseKeyVerifier",
    "InvalidCredentials",
    "Lifetimes",
    "SignedIn",
    "Subject",
    "Throttle",
    "TokenSigner",
    "TooManyAttempts",
    "UnsupportedGrantType",
    "account_change",
    "authenticate",
    "issue_token",
    "logout",
    "published_jwks",
    "refresh",
    "revoke_sessions_of",
    "rotate_signing_key",
    "sign_in",
]
