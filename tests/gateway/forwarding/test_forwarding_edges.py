"""Services that misbehave, clients that leave, and the less common requests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from apik_gateway.app import create_app
from tests.gateway.builders import GatewayUnderTest, gateway_settings
from tests.gateway.servers import raw_server, serve

OK = b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok"


async def _read_head(reader: asyncio.StreamReader) -> bytes:
    return await reader.readuntil(b"\r\n\r\n")


async def _one_answer_per_connection(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """Answers the first request with keep-alive, then drops the connection unanswered
    on the next one, as a service does when its keep-alive timer fires just then."""
    try:
        await _read_head(reader)
        writer.write(OK)
        await writer.drain()
        await _read_head(reader)
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def _truncated_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A long answer (streamed by the gateway) when the path says so, else a short one
    (read whole first); either breaks off after a part."""
    head = await _read_head(reader)
    length = 1_000_000 if b"/long " in head else 1000
    writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\nonly-a-part" % length)
    await writer.drain()
    writer.close()


class CountingService:
    """Answers every request, keeping connections alive; counts the connections."""

    def __init__(self) -> None:
        self.connections = 0

    async def __call__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                await _read_head(reader)
                writer.write(OK)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


class EndlessStream:
    """Streams chunks until the gateway hangs up on it."""

    def __init__(self) -> None:
        self.hung_up = asyncio.Event()

    async def __call__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_head(reader)
        writer.write(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
        try:
            while True:
                writer.write(b"10000\r\n" + b"e" * 0x10000 + b"\r\n")
                await writer.drain()
                await asyncio.sleep(0.01)
        except ConnectionError:
            self.hung_up.set()
        finally:
            writer.close()


@pytest.fixture
async def edge_gateway(
    gateway_database: str,
) -> AsyncIterator[tuple[httpx.AsyncClient, EndlessStream]]:
    endless = EndlessStream()
    async with (
        raw_server(_one_answer_per_connection) as flaky,
        raw_server(_truncated_answer) as truncating,
        raw_server(endless) as streaming,
    ):
        services = {"flaky": flaky, "truncating": truncating, "endless": streaming}
        app = create_app(gateway_settings(gateway_database, service_urls=services))
        async with serve(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
            yield client, endless


async def test_a_get_is_resent_when_a_kept_alive_connection_was_closed(
    edge_gateway: tuple[httpx.AsyncClient, EndlessStream],
) -> None:
    client, _ = edge_gateway
    for _ in range(3):
        response = await client.get("/api/v1/flaky/x")
        assert response.status_code == 200
        assert response.text == "ok"


async def test_a_post_is_not_resent_on_a_closed_connection(
    edge_gateway: tuple[httpx.AsyncClient, EndlessStream],
) -> None:
    client, _ = edge_gateway
    assert (await client.get("/api/v1/flaky/x")).status_code == 200  # leaves one kept alive
    response = await client.post("/api/v1/flaky/x", content=b"once only")
    assert response.status_code == 502


async def test_a_truncated_long_answer_ends_the_clients_connection(
    edge_gateway: tuple[httpx.AsyncClient, EndlessStream],
) -> None:
    client, _ = edge_gateway
    with pytest.raises(httpx.RemoteProtocolError):
        await client.get("/api/v1/truncating/long")
    assert (await client.get("/api/v1/flaky/after")).status_code == 200


async def test_a_truncated_short_answer_becomes_a_bad_gateway(
    edge_gateway: tuple[httpx.AsyncClient, EndlessStream],
) -> None:
    """A short body is read whole before anything is relayed: a service breaking off
    in it is a clean 502, never a cut response passed on as if whole."""
    client, _ = edge_gateway
    response = await client.get("/api/v1/truncating/short")
    assert response.status_code == 502
    assert response.headers["content-type"] == "application/problem+json"
    assert (await client.get("/api/v1/flaky/after")).status_code == 200


async def test_a_client_that_leaves_mid_stream_releases_the_service(
    edge_gateway: tuple[httpx.AsyncClient, EndlessStream],
) -> None:
    client, endless = edge_gateway
    async with client.stream("GET", "/api/v1/endless/x") as response:
        assert response.status_code == 200
        async for _ in response.aiter_raw():
            break  # leave after the first chunk; closing the stream drops the connection
    await asyncio.wait_for(endless.hung_up.wait(), timeout=5)


async def test_sequential_requests_share_one_connection(gateway_database: str) -> None:
    counting = CountingService()
    async with raw_server(counting) as service_url:
        app = create_app(gateway_settings(gateway_database, service_urls={"counted": service_url}))
        async with serve(app) as url, httpx.AsyncClient(base_url=url) as client:
            for _ in range(20):
                assert (await client.get("/api/v1/counted/x")).text == "ok"
    assert counting.connections == 1


async def test_errors_of_the_service_pass_through(gateway: GatewayUnderTest) -> None:
    response = await gateway.client.get("/api/v1/fake/no/such/route")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}  # the service's body, untouched


async def test_head_gets_headers_without_a_body(gateway: GatewayUnderTest) -> None:
    response = await gateway.client.head("/api/v1/fake/stream", params={"chunks": 2})
    assert response.status_code in (200, 405)
    assert response.content == b""
    after = await gateway.client.get("/api/v1/fake/echo/after-head")
    assert after.status_code == 200
