"""/readyz, /healthz, /metrics and the merged OpenAPI document."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from apik_gateway.app import create_app
from tests.gateway.builders import GatewayUnderTest, gateway_settings
from tests.gateway.servers import refused_url, serve


@asynccontextmanager
async def another_gateway(
    database_url: str, services: dict[str, str]
) -> AsyncIterator[httpx.AsyncClient]:
    """A second replica on the same database, with its own view of the services."""
    app = create_app(gateway_settings(database_url, service_urls=services))
    async with serve(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        yield client


class TestReadiness:
    async def test_ready_when_the_database_and_every_service_are(
        self, gateway_database: str, fake_service: str
    ) -> None:
        async with another_gateway(gateway_database, {"fake": fake_service}) as client:
            response = await client.get("/readyz")
        assert response.status_code == 200
        assert response.json() == {
            "status": "ready",
            "checks": {"database": "ok", "services": {"fake": "ok"}},
        }

    async def test_not_ready_while_a_service_is_down(
        self, gateway_database: str, fake_service: str
    ) -> None:
        services = {"fake": fake_service, "gone": refused_url()}
        async with another_gateway(gateway_database, services) as client:
            response = await client.get("/readyz")
        assert response.status_code == 503
        checks = response.json()["checks"]
        assert checks["database"] == "ok"
        assert checks["services"]["fake"] == "ok"
        assert checks["services"]["gone"].startswith("unreachable")

    async def test_healthz(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.get("/healthz")
        assert response.status_code == 200

    async def test_metrics_count_forwarded_requests(self, gateway: GatewayUnderTest) -> None:
        await gateway.client.get("/api/v1/fake/echo/metrics")
        response = await gateway.client.get("/metrics", headers=await gateway.headers())
        assert response.status_code == 200
        assert 'apik_gateway_forwarded_total{service="fake",status="200"}' in response.text


class TestOpenApi:
    async def test_merges_the_services_documents(
        self, gateway_database: str, fake_service: str
    ) -> None:
        services = {"fake": fake_service, "gone": refused_url()}
        async with another_gateway(gateway_database, services) as client:
            response = await client.get("/api/openapi.json")
        assert response.status_code == 200
        document = response.json()
        paths = document["paths"]
        assert "/api/v1/auth/token" in paths
        assert "/api/v1/auth/users" in paths
        assert "/api/v1/fake/widgets" in paths
        assert "/api/v1/fake/people/{nickname}" in paths
        schemas = document["components"]["schemas"]
        assert "Widget" in schemas
        # The fake service's UserPublic differs from the gateway's: prefixed, refs follow.
        assert "username" in schemas["UserPublic"]["properties"]
        assert "nickname" in schemas["fake_UserPublic"]["properties"]
        person = paths["/api/v1/fake/people/{nickname}"]["get"]
        ref = person["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert ref == "#/components/schemas/fake_UserPublic"
        assert [u["service"] for u in document["x-apik-unavailable"]] == ["gone"]
        assert "oauth2" in document["components"]["securitySchemes"]
        ids = [op["operationId"] for item in paths.values() for op in item.values()]
        assert len(ids) == len(set(ids))
        assert paths["/api/v1/auth/users"]["post"]["operationId"] == "gateway_users_create_user"

    async def test_the_merged_document_declares_headers_and_problems(
        self, gateway: GatewayUnderTest
    ) -> None:
        document = (await gateway.client.get("/api/openapi.json")).json()
        problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        create = document["paths"]["/api/v1/auth/users"]["post"]
        change = document["paths"]["/api/v1/auth/users/{user_id}"]["patch"]
        headers = {p["name"]: p for p in create["parameters"] if p["in"] == "header"}
        assert headers["Idempotency-Key"]["required"] is False
        headers = {p["name"]: p for p in change["parameters"] if p["in"] == "header"}
        assert headers["If-Match"]["required"] is True
        for operation, statuses in ((create, ("409", "415", "422")), (change, ("412", "428"))):
            for status in statuses:
                assert operation["responses"][status]["content"] == problem, status
        schemas = document["components"]["schemas"]
        assert "Problem" in schemas and "HTTPValidationError" not in schemas

    async def test_docs_ui_points_at_the_merged_document(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.get("/api/docs")
        assert response.status_code == 200
        assert "/api/openapi.json" in response.text


def test_operation_ids_are_unique_and_name_feature_and_function() -> None:
    """The web app's typed client is generated from these: renaming one is an API change."""
    api = create_app(gateway_settings("postgresql+asyncpg://unused/gateway")).api
    assert isinstance(api, FastAPI)
    own = api.openapi()
    ids = sorted(op["operationId"] for item in own["paths"].values() for op in item.values())
    assert ids == [
        "gateway_audit_list_role_changes",
        "gateway_clients_create_client",
        "gateway_clients_list_clients",
        "gateway_clients_rotate_client_secret",
        "gateway_clients_update_client",
        "gateway_offices_create_office",
        "gateway_offices_get_office",
        "gateway_offices_list_offices",
        "gateway_offices_update_office",
        "gateway_privacy_access_export",
        "gateway_privacy_get_breach",
        "gateway_privacy_list_breaches",
        "gateway_privacy_list_request_reads",
        "gateway_privacy_list_requests",
        "gateway_privacy_open_request",
        "gateway_privacy_record_breach",
        "gateway_privacy_record_notification",
        "gateway_privacy_record_request",
        "gateway_privacy_update_breach",
        "gateway_privacy_update_request",
        "gateway_tokens_issue_token",
        "gateway_tokens_jwks",
        "gateway_tokens_logout",
        "gateway_tokens_rotate_signing_key",
        "gateway_tokens_whoami",
        "gateway_users_approve_roles",
        "gateway_users_create_user",
        "gateway_users_decline_roles",
        "gateway_users_get_user",
        "gateway_users_list_role_proposals",
        "gateway_users_list_users",
        "gateway_users_propose_roles",
        "gateway_users_update_user",
    ]


class TestMetricsAreNotPublic:
    """The attack: on the public port, anyone read which services are used how much."""

    async def test_without_a_token_metrics_are_refused(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.get("/metrics")
        assert response.status_code == 401
        assert "apik_gateway" not in response.text

    async def test_a_staff_member_is_no_metrics_scraper(self, gateway: GatewayUnderTest) -> None:
        user = await gateway.create_user("examiner")
        headers = {
            "Authorization": f"Bearer {await gateway.token(user['username'], user['password'])}"
        }
        assert (await gateway.client.get("/metrics", headers=headers)).status_code == 403
