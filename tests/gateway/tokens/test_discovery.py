"""OAuth 2.0 authorization server metadata (RFC 8414) and OpenID discovery: every URL
they name resolves, and what they say is what the token endpoint really does."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlsplit

import jwt
import pytest

from apik_gateway.settings import Settings
from apik_gateway.tokens.views import authorization_server_metadata
from tests.gateway.builders import ADMIN_PASSWORD, GatewayUnderTest

OAUTH = "/.well-known/oauth-authorization-server"
OPENID = "/.well-known/openid-configuration"


async def _documents(gateway: GatewayUnderTest) -> tuple[dict[str, Any], dict[str, Any]]:
    oauth = await gateway.client.get(OAUTH)
    openid = await gateway.client.get(OPENID)
    assert oauth.status_code == openid.status_code == 200
    assert oauth.headers["content-type"] == openid.headers["content-type"] == "application/json"
    return oauth.json(), openid.json()


def _path(gateway: GatewayUnderTest, url: str) -> str:
    """The URL's path, after checking it is under the gateway's public address."""
    assert url.startswith(gateway.settings.public_url + "/"), url
    return urlsplit(url).path


async def test_both_documents_name_the_same_issuer_endpoint_and_keys(
    gateway: GatewayUnderTest,
) -> None:
    oauth, openid = await _documents(gateway)
    assert oauth["issuer"] == gateway.settings.jwt_issuer == gateway.settings.public_url
    # The OpenID document is the same metadata and OpenID's own required members.
    assert {k: openid[k] for k in oauth} == oauth
    for member in ("subject_types_supported", "id_token_signing_alg_values_supported"):
        assert openid[member]
    for member in ("issuer", "token_endpoint", "jwks_uri", "response_types_supported"):
        assert member in oauth


async def test_every_url_named_resolves(gateway: GatewayUnderTest) -> None:
    oauth, openid = await _documents(gateway)
    urls = {v for d in (oauth, openid) for k, v in d.items() if k != "issuer" and "://" in str(v)}
    assert {oauth["token_endpoint"], oauth["jwks_uri"], oauth["service_documentation"]} == urls
    keys = await gateway.client.get(_path(gateway, oauth["jwks_uri"]))
    assert keys.status_code == 200 and keys.json()["keys"]
    docs = await gateway.client.get(_path(gateway, oauth["service_documentation"]))
    assert docs.status_code == 200
    token = await gateway.client.post(
        _path(gateway, oauth["token_endpoint"]),
        data={"grant_type": "password", "username": "admin", "password": ADMIN_PASSWORD},
    )
    assert token.status_code == 200
    # The issuer is where the metadata lives (RFC 8414 §3).
    issuer = urlsplit(oauth["issuer"])
    assert issuer.scheme in {"http", "https"} and issuer.path == "" and not issuer.query


async def test_a_real_token_matches_what_is_published(gateway: GatewayUnderTest) -> None:
    oauth, openid = await _documents(gateway)
    token = await gateway.token("admin", ADMIN_PASSWORD)
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["iss"] == oauth["issuer"]
    assert header["alg"] in openid["id_token_signing_alg_values_supported"]
    assert set(claims) <= set(openid["claims_supported"])
    keys = (await gateway.client.get(_path(gateway, oauth["jwks_uri"]))).json()["keys"]
    key = next(k for k in keys if k["kid"] == header["kid"])
    assert key["alg"] == header["alg"] and key["use"] == "sig"
    # Verified with nothing but what discovery pointed at.
    public_key = jwt.PyJWK(key).key
    verified = jwt.decode(
        token,
        public_key,
        algorithms=openid["id_token_signing_alg_values_supported"],
        audience=claims["aud"],
        issuer=oauth["issuer"],
    )
    assert verified["sub"] == claims["sub"]


async def test_every_grant_and_client_authentication_published_works(
    gateway: GatewayUnderTest,
) -> None:
    oauth, _ = await _documents(gateway)
    endpoint = _path(gateway, oauth["token_endpoint"])
    assert set(oauth["grant_types_supported"]) == {
        "password",
        "client_credentials",
        "refresh_token",
    }
    signed_in = await gateway.client.post(
        endpoint, data={"grant_type": "password", "username": "admin", "password": ADMIN_PASSWORD}
    )
    assert signed_in.status_code == 200
    refreshed = await gateway.client.post(
        endpoint,
        data={"grant_type": "refresh_token", "refresh_token": signed_in.json()["refresh_token"]},
    )
    assert refreshed.status_code == 200
    client = await gateway.create_client()
    secret = client["client_secret"]
    methods: dict[str, dict[str, Any]] = {
        "client_secret_post": {
            "data": {
                "grant_type": "client_credentials",
                "client_id": client["id"],
                "client_secret": secret,
            }
        },
        "client_secret_basic": {
            "data": {"grant_type": "client_credentials"},
            "headers": {
                "Authorization": "Basic "
                + base64.b64encode(f"{client['id']}:{secret}".encode()).decode()
            },
        },
    }
    assert set(oauth["token_endpoint_auth_methods_supported"]) == set(methods)
    for method in oauth["token_endpoint_auth_methods_supported"]:
        response = await gateway.client.post(endpoint, **methods[method])
        assert response.status_code == 200, method
    unlisted = await gateway.client.post(endpoint, data={"grant_type": "authorization_code"})
    assert unlisted.status_code == 400
    assert unlisted.json()["type"] == "/problems/unsupported-grant-type"


@pytest.mark.parametrize("public_url", ["https://apik.ombudsman.go.id", "https://a.example/"])
def test_urls_follow_the_public_address_and_the_issuer_follows_it(public_url: str) -> None:
    settings = Settings.model_validate(
        {"database_url": "postgresql://unused/gateway", "public_url": public_url}
    )
    base = public_url.rstrip("/")
    assert settings.jwt_issuer == base
    metadata = authorization_server_metadata(
        issuer=settings.jwt_issuer, public_url=settings.public_url
    )
    assert metadata["token_endpoint"] == base + "/api/v1/auth/token"
    assert metadata["jwks_uri"] == base + "/.well-known/jwks.json"
