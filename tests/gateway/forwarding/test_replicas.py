"""A service with several replicas: taken in turn, and a replica that fails passes its
request to the next when that is safe (`forwarding/rules.py`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from pydantic import ValidationError

from apik_gateway.app import create_app
from apik_gateway.forwarding.rules import may_resend, replica_order, replica_urls
from tests.gateway.builders import gateway_settings
from tests.gateway.fake_service import Gates, create_fake_service
from tests.gateway.servers import raw_server, refused_url, serve

OK = b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok"


class TestReplicaOrder:
    def test_each_turn_starts_at_the_next_replica(self) -> None:
        assert replica_order(3, 0) == [0, 1, 2]
        assert replica_order(3, 1) == [1, 2, 0]
        assert replica_order(3, 2) == [2, 0, 1]
        assert replica_order(1, 7) == [0]

    def test_replicas_that_failed_lately_come_last(self) -> None:
        assert replica_order(3, 0, down={0}) == [1, 2, 0]
        assert replica_order(3, 1, down={2}) == [1, 0, 2]
        # Every one failed: all are tried anyway, in the turn's order.
        assert replica_order(2, 1, down={0, 1}) == [1, 0]


class TestMayResend:
    def test_a_request_never_sent_may_go_anywhere(self) -> None:
        assert may_resend("POST", has_idempotency_key=False, sent=False)

    def test_a_sent_request_only_when_a_second_copy_changes_nothing(self) -> None:
        assert may_resend("GET", has_idempotency_key=False, sent=True)
        assert may_resend("DELETE", has_idempotency_key=False, sent=True)
        assert may_resend("POST", has_idempotency_key=True, sent=True)
        assert not may_resend("POST", has_idempotency_key=False, sent=True)
        assert not may_resend("PATCH", has_idempotency_key=False, sent=True)


class TestServiceUrls:
    def test_one_url_or_a_list(self) -> None:
        assert replica_urls("http://a:1") == ("http://a:1",)
        assert replica_urls(["http://a:1", " http://b:2", "http://a:1"]) == (
            "http://a:1",
            "http://b:2",
        )
        with pytest.raises(ValueError):
            replica_urls([])

    def test_the_setting_takes_both_forms(self) -> None:
        settings = gateway_settings(
            "postgresql://x/y",
            service_urls={"intake": "http://a:1", "examination": ["http://b:1", "http://c:1"]},
        )
        assert settings.service_replicas == {
            "intake": ("http://a:1",),
            "examination": ("http://b:1", "http://c:1"),
        }
        with pytest.raises(ValidationError):
            gateway_settings("postgresql://x/y", service_urls={"intake": []})


class Recording:
    """Answers every request; keeps what each one was (head and body)."""

    def __init__(self) -> None:
        self.requests: list[bytes] = []

    async def __call__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    (
                        int(line.split(b":", 1)[1])
                        for line in head.split(b"\r\n")
                        if line.lower().startswith(b"content-length:")
                    ),
                    0,
                )
                self.requests.append(head + await reader.readexactly(length))
                writer.write(OK)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


async def _hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Reads the request and drops the connection unanswered: a replica killed while
    it handled the request."""
    try:
        await reader.readuntil(b"\r\n\r\n")
        await asyncio.sleep(0.05)
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.transport.abort()


@pytest.fixture
async def replicated(gateway_database: str) -> AsyncIterator[tuple[httpx.AsyncClient, Recording]]:
    """Service `svc`: a replica that hangs up first, then one that answers; `gone`: one
    where nothing listens, then the answering one. A new gateway for each test, so its
    first request goes to the first replica."""
    recording = Recording()
    async with raw_server(_hang_up) as hanging, raw_server(recording) as answering:
        services = {"svc": [hanging, answering], "gone": [refused_url(), answering]}
        app = create_app(gateway_settings(gateway_database, service_urls=services))
        async with serve(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
            yield client, recording


async def test_requests_take_the_replicas_in_turn(gateway_database: str) -> None:
    first, second = Recording(), Recording()
    async with raw_server(first) as one, raw_server(second) as two:
        app = create_app(gateway_settings(gateway_database, service_urls={"svc": [one, two]}))
        async with serve(app) as url, httpx.AsyncClient(base_url=url) as client:
            for _ in range(6):
                assert (await client.get("/api/v1/svc/x")).text == "ok"
    assert (len(first.requests), len(second.requests)) == (3, 3)


async def test_a_get_goes_to_the_next_replica_when_one_hangs_up(
    replicated: tuple[httpx.AsyncClient, Recording],
) -> None:
    client, recording = replicated
    for _ in range(4):
        response = await client.get("/api/v1/svc/x")
        assert response.status_code == 200, response.text
    assert len(recording.requests) == 4


async def test_a_keyed_creation_is_sent_again_to_the_next_replica(
    replicated: tuple[httpx.AsyncClient, Recording],
) -> None:
    client, recording = replicated
    body = b'{"summary": "' + b"x" * 100_000 + b'"}'
    response = await client.post(
        "/api/v1/svc/reports", content=body, headers={"Idempotency-Key": "k-1"}
    )
    assert response.status_code == 200, response.text
    [received] = recording.requests
    assert received.endswith(b"\r\n\r\n" + body)  # the whole body, once
    assert b"idempotency-key: k-1" in received.lower()


async def test_an_unkeyed_creation_is_not_sent_twice(
    replicated: tuple[httpx.AsyncClient, Recording],
) -> None:
    client, recording = replicated
    response = await client.post("/api/v1/svc/reports", content=b'{"a": 1}')
    assert response.status_code == 502
    assert response.headers["content-type"] == "application/problem+json"
    assert recording.requests == []


async def test_any_request_goes_on_when_a_replica_refuses_the_connection(
    replicated: tuple[httpx.AsyncClient, Recording],
) -> None:
    client, recording = replicated
    # Nothing reached the refusing replica, so even an unkeyed creation is safe to pass on.
    response = await client.post("/api/v1/gone/reports", content=b'{"a": 1}')
    assert response.status_code == 200, response.text
    assert len(recording.requests) == 1


async def test_readiness_holds_while_one_replica_is_down(gateway_database: str) -> None:
    async with serve(create_fake_service(Gates())) as ready:
        services = {"fake": [refused_url(), ready]}
        app = create_app(gateway_settings(gateway_database, service_urls=services))
        async with serve(app) as url, httpx.AsyncClient(base_url=url) as client:
            response = await client.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json()["checks"]["services"] == {"fake": "ok"}
