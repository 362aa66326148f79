"""The authorization server's metadata (RFC 8414), and the same as OpenID discovery.

What it says is read from what the token endpoint does: its grants, how clients
present secrets, the signing algorithm, the issuer every token carries, and the keys'
address. APIK has no authorization endpoint (no browser redirects: the web app signs in
with the password grant) and issues no ID tokens; the OpenID document is there for the
libraries that find a token issuer's keys through it, and says only what is true of
the access tokens.
"""

from __future__ import annotations

from typing import Any

from apik_gateway.tokens.service import CLIENT_AUTH_METHODS, GRANT_TYPES, SIGNING_ALGORITHM

TOKEN_PATH = "/api/v1/auth/token"
JWKS_PATH = "/.well-known/jwks.json"
DOCS_PATH = "/api/docs"
# The claims of every access token (`tokens.service.grants.issue_token`).
CLAIMS = (
    "aud",
    "exp",
    "iat",
    "iss",
    "jti",
    "kind",
    "name",
    "office",
    "preferred_username",
    "roles",
    "sid",
    "sub",
)


def authorization_server_metadata(*, issuer: str, public_url: str) -> dict[str, Any]:
    """RFC 8414 §2, with absolute URLs under the gateway's public address."""
    return {
        "issuer": issuer,
        "token_endpoint": public_url + TOKEN_PATH,
        "jwks_uri": public_url + JWKS_PATH,
        "grant_types_supported": list(GRANT_TYPES),
        "token_endpoint_auth_methods_supported": list(CLIENT_AUTH_METHODS),
        # No authorization endpoint, so no response type (RFC 8414 requires the member).
        "response_types_supported": [],
        # Access is by roles (the `roles` claim), not scopes: `scope` is accepted, unused.
        "scopes_supported": [],
        "service_documentation": public_url + DOCS_PATH,
        "ui_locales_supported": ["id", "en"],
    }


def openid_configuration(*, issuer: str, public_url: str) -> dict[str, Any]:
    """OpenID Connect Discovery 1.0 §3: the same metadata, and the members it requires
    that are true of APIK's tokens (signed with one algorithm, public subjects)."""
    return {
        **authorization_server_metadata(issuer=issuer, public_url=public_url),
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [SIGNING_ALGORITHM],
        "claims_supported": list(CLAIMS),
    }
