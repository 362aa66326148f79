"""`/api/v1/<service>/...` is forwarded to the service as it came, and back."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import AsyncIterator

import httpx

from apik_shared.platform.tracing import trace_id_of
from tests.gateway.builders import MAX_BODY, PUBLIC_BURST, READ_TIMEOUT, GatewayUnderTest
from tests.gateway.fake_service import CHUNK, Gates

ECHO = "/api/v1/fake/echo"


def headers_seen(echo: dict[str, object]) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for name, value in echo["headers"]:  # type: ignore[attr-defined]
        seen.setdefault(name, []).append(value)
    return seen


class TestRoundTrip:
    async def test_method_path_query_body_and_headers_arrive_unchanged(
        self, gateway: GatewayUnderTest
    ) -> None:
        response = await gateway.client.put(
            f"{ECHO}/a%20b/c?x=1&x=2&y=%C3%A9",
            content=b'{"nik": "3201"}',
            headers={
                "Content-Type": "application/json",
                "X-Custom": "kept",
                "Authorization": "Bearer abc",
            },
        )
        assert response.status_code == 200
        echo = response.json()
        assert echo["method"] == "PUT"
        assert echo["path"] == "/api/v1/fake/echo/a b/c"
        assert echo["raw_query"] == "x=1&x=2&y=%C3%A9"
        assert echo["body"] == '{"nik": "3201"}'
        seen = headers_seen(echo)
        assert seen["x-custom"] == ["kept"]
        assert seen["authorization"] == ["Bearer abc"]
        assert seen["content-type"] == ["application/json"]
        assert seen["content-length"] == ["15"]

    async def test_each_method_is_forwarded(self, gateway: GatewayUnderTest) -> None:
        for method in ("GET", "POST", "DELETE"):
            response = await gateway.client.request(method, f"{ECHO}/m")
            assert response.json()["method"] == method

    async def test_request_id_trace_and_forwarded_headers_are_set(
        self, gateway: GatewayUnderTest, fake_service: str
    ) -> None:
        parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        response = await gateway.client.get(f"{ECHO}/t", headers={"traceparent": parent})
        seen = headers_seen(response.json())
        assert len(seen["x-request-id"]) == 1
        assert response.headers["x-request-id"] == seen["x-request-id"][0]
        assert trace_id_of(seen["traceparent"][0]) == "0af7651916cd43dd8448eb211c80319c"
        assert seen["traceparent"][0] != parent  # a child span, not the caller's
        assert seen["x-forwarded-for"] == ["127.0.0.1"]
        assert seen["x-forwarded-proto"] == ["http"]
        assert seen["host"] == [fake_service.removeprefix("http://")]
        assert seen["x-forwarded-host"] == [gateway.url.removeprefix("http://")]

    async def test_a_callers_request_id_is_kept(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.get(f"{ECHO}/r", headers={"X-Request-ID": "abc-123"})
        assert response.headers["x-request-id"] == "abc-123"
        assert headers_seen(response.json())["x-request-id"] == ["abc-123"]

    async def test_hop_by_hop_headers_are_not_forwarded(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.get(
            f"{ECHO}/h",
            headers={
                "Connection": "keep-alive, X-Hop",
                "X-Hop": "secret",
                "TE": "trailers",
                "Proxy-Authorization": "Basic Zm9vOmJhcg==",
            },
        )
        seen = headers_seen(response.json())
        assert "x-hop" not in seen
        assert "te" not in seen
        assert "proxy-authorization" not in seen

    async def test_many_requests_reuse_connections(self, gateway: GatewayUnderTest) -> None:
        responses = await asyncio.gather(*(gateway.client.get(f"{ECHO}/n/{i}") for i in range(50)))
        assert [r.json()["path"] for r in responses] == [f"{ECHO}/n/{i}" for i in range(50)]


class TestStreaming:
    async def test_a_large_response_flows_before_the_service_has_finished(
        self, gateway: GatewayUnderTest, gates: Gates
    ) -> None:
        gates.first_chunk_seen.clear()
        chunks = 160  # 10 MiB
        digest, size = hashlib.sha256(), 0
        async with gateway.client.stream(
            "GET", "/api/v1/fake/stream", params={"chunks": chunks, "wait_for_client": "true"}
        ) as response:
            assert response.status_code == 200
            async for data in response.aiter_raw():
                # The service holds back the rest until this is set: a gateway that
                # buffered the whole response would never deliver this first chunk.
                gates.first_chunk_seen.set()
                digest.update(data)
                size += len(data)
        assert size == chunks * len(CHUNK)
        assert digest.hexdigest() == hashlib.sha256(CHUNK * chunks).hexdigest()

    async def test_a_request_body_flows_before_the_client_has_finished(
        self, gateway: GatewayUnderTest, gates: Gates
    ) -> None:
        gates.upload_started.clear()
        part = b"y" * 100_000

        async def body() -> AsyncIterator[bytes]:
            yield part
            # Only once the service has the first part: a gateway that buffered the
            # whole body would never let it arrive.
            await asyncio.wait_for(gates.upload_started.wait(), timeout=5)
            for _ in range(4):
                yield part

        response = await gateway.client.post("/api/v1/fake/upload", content=body())
        assert response.status_code == 200
        assert response.json() == {
            "size": 5 * len(part),
            "sha256": hashlib.sha256(part * 5).hexdigest(),
        }


class TestLimitsAndFailures:
    async def test_a_declared_body_over_the_limit_is_413(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.post("/api/v1/fake/upload", content=b"z" * (MAX_BODY + 1))
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "/problems/payload-too-large"

    async def test_a_streamed_body_over_the_limit_is_413(self, gateway: GatewayUnderTest) -> None:
        async def body() -> AsyncIterator[bytes]:  # chunked: no Content-Length to check
            for _ in range(MAX_BODY // 65536 + 2):
                yield b"z" * 65536

        response = await gateway.client.post("/api/v1/fake/upload", content=body())
        assert response.status_code == 413
        assert response.json()["type"] == "/problems/payload-too-large"

    async def test_a_body_at_the_limit_passes(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.post("/api/v1/fake/upload", content=b"z" * MAX_BODY)
        assert response.status_code == 200
        assert response.json()["size"] == MAX_BODY

    async def test_a_refused_connection_is_502_at_once(self, gateway: GatewayUnderTest) -> None:
        started = time.monotonic()
        response = await gateway.client.get("/api/v1/gone/anything")
        assert response.status_code == 502
        assert response.json()["type"] == "/problems/bad-gateway"
        assert time.monotonic() - started < 2

    async def test_a_service_slower_than_the_read_timeout_is_504(
        self, gateway: GatewayUnderTest
    ) -> None:
        started = time.monotonic()
        response = await gateway.client.get("/api/v1/silent/anything")
        assert response.status_code == 504
        assert response.json()["type"] == "/problems/gateway-timeout"
        assert READ_TIMEOUT <= time.monotonic() - started < READ_TIMEOUT + 2

    async def test_an_unknown_service_is_404(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.get("/api/v1/nosuch/things")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert "nosuch" in response.json()["detail"]


class TestPublicRateLimit:
    async def test_public_paths_are_limited_per_address(self, gateway: GatewayUnderTest) -> None:
        statuses = []
        for _ in range(PUBLIC_BURST + 1):
            response = await gateway.client.get("/api/v1/fake/public/ping")
            statuses.append(response.status_code)
        assert statuses == [200] * PUBLIC_BURST + [429]
        assert response.json()["type"] == "/problems/too-many-requests"
        assert int(response.headers["retry-after"]) >= 1

    async def test_other_paths_are_not_limited(self, gateway: GatewayUnderTest) -> None:
        responses = [await gateway.client.get(f"{ECHO}/p") for _ in range(PUBLIC_BURST * 3)]
        assert {r.status_code for r in responses} == {200}


async def test_the_gateways_own_routes_are_not_forwarded(gateway: GatewayUnderTest) -> None:
    async with httpx.AsyncClient(base_url=gateway.url) as client:
        response = await client.get("/api/v1/auth/me")
    assert response.status_code == 401


class TestOwnRoutesBodyLimit:
    """The gateway's own routes read whole bodies, before any token is checked."""

    async def test_a_declared_body_over_the_own_limit_is_413_before_reading_it(
        self, gateway: GatewayUnderTest
    ) -> None:
        limit = gateway.settings.own_max_body_bytes
        response = await gateway.client.post(
            "/api/v1/auth/token",
            content=b"username=admin&password=" + b"x" * limit,
            headers={"content-type": "application/x-www-form-urlencoded", "x-request-id": "big-1"},
        )
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "/problems/payload-too-large"
        assert response.headers["x-request-id"] == "big-1"

    async def test_a_streamed_body_over_the_own_limit_is_413(
        self, gateway: GatewayUnderTest
    ) -> None:
        async def body() -> AsyncIterator[bytes]:  # chunked: no Content-Length to check
            yield b'{"username": "budi.big", "full_name": "'
            for _ in range(gateway.settings.own_max_body_bytes // 4096 + 1):
                yield b"x" * 4096
            yield b'"}'

        response = await gateway.client.post(
            "/api/v1/auth/users", content=body(), headers={"content-type": "application/json"}
        )
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"

    async def test_forwarded_bodies_keep_the_larger_limit(self, gateway: GatewayUnderTest) -> None:
        size = gateway.settings.own_max_body_bytes * 2
        assert size < MAX_BODY
        response = await gateway.client.post("/api/v1/fake/upload", content=b"z" * size)
        assert response.status_code == 200
        assert response.json()["size"] == size
