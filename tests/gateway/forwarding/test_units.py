"""Pure pieces of the edge: token buckets, the client's address and the forwarded head."""

from __future__ import annotations

from typing import Any

from apik_gateway.forwarding.service.client_address import ClientAddress
from apik_gateway.forwarding.service.ratelimit import TokenBuckets, client_key
from apik_gateway.forwarding.service.request_head import CHUNKED, NO_BODY, build_request_head

DIRECT = ClientAddress()  # no trusted proxy: the peer is the client


async def _no_receive() -> dict[str, Any]:
    """A receive that knows no transport: the scope's client is the peer."""
    raise AssertionError("the head is built without reading the body")


class TestTokenBuckets:
    def test_a_burst_then_the_refill_rate(self) -> None:
        buckets = TokenBuckets(rate=2.0, burst=3)
        assert [buckets.take("a", now=0.0) for _ in range(3)] == [0.0, 0.0, 0.0]
        assert buckets.take("a", now=0.0) == 0.5  # one token in half a second
        assert buckets.take("a", now=0.5) == 0.0
        assert buckets.take("b", now=0.5) == 0.0  # each address has its own bucket

    def test_forgets_refilled_buckets_when_too_many(self) -> None:
        buckets = TokenBuckets(rate=1.0, burst=1, max_keys=10)
        for i in range(10):
            buckets.take(f"old{i}", now=0.0)
        buckets.take("new", now=100.0)
        assert buckets.take("new", now=100.0) > 0  # the new address keeps its state
        assert buckets.take("old0", now=100.0) == 0.0


class TestRequestHead:
    def _scope(self, headers: list[tuple[bytes, bytes]], method: str = "GET") -> dict[str, Any]:
        return {
            "type": "http",
            "method": method,
            "path": "/api/v1/x/a b",
            "raw_path": b"/api/v1/x/a%20b",
            "query_string": b"q=1",
            "headers": headers,
            "client": ("10.0.0.9", 5555),
            "scheme": "https",
        }

    def test_replaces_what_the_gateway_owns(self) -> None:
        head = build_request_head(
            self._scope(
                [
                    (b"host", b"apik.example"),
                    (b"x-forwarded-for", b"1.2.3.4"),
                    (b"connection", b"x-drop"),
                    (b"x-drop", b"1"),
                    (b"accept", b"*/*"),
                ]
            ),
            b"upstream:81",
            _no_receive,
            DIRECT,
        )
        text = head.head.decode()
        assert text.startswith("GET /api/v1/x/a%20b?q=1 HTTP/1.1\r\nhost: upstream:81\r\n")
        assert "accept: */*\r\n" in text
        assert "x-drop" not in text
        # The caller's own chain is not passed on: the service reads the gateway's word.
        assert "x-forwarded-for: 10.0.0.9\r\n" in text
        assert "x-forwarded-proto: https\r\n" in text
        assert "x-forwarded-host: apik.example\r\n" in text
        assert text.endswith("\r\n\r\n")
        assert head.body_mode == NO_BODY

    def test_body_framing(self) -> None:
        sized = build_request_head(
            self._scope([(b"content-length", b"12")], "POST"), b"u", _no_receive, DIRECT
        )
        chunked = build_request_head(
            self._scope([(b"transfer-encoding", b"chunked")], "POST"), b"u", _no_receive, DIRECT
        )
        assert sized.body_mode == 12 and b"content-length: 12\r\n" in sized.head
        assert chunked.body_mode == CHUNKED and b"transfer-encoding: chunked" in chunked.head

    def test_an_unsafe_request_id_is_replaced(self) -> None:
        head = build_request_head(
            self._scope([(b"x-request-id", b"bad id\x7f")]), b"u", _no_receive, DIRECT
        )
        assert head.request_id != b"bad id\x7f" and len(head.request_id) == 32


class TestClientAddress:
    def _scope(self, peer: str) -> dict[str, Any]:
        return {"client": (peer, 4444), "headers": []}

    def test_without_trusted_proxies_the_header_is_ignored(self) -> None:
        assert DIRECT.resolve(self._scope("203.0.113.7"), _no_receive, b"1.2.3.4") == (
            "203.0.113.7"
        )

    def test_a_trusted_proxy_is_believed_as_far_as_the_chain_of_proxies_goes(self) -> None:
        behind = ClientAddress(["10.0.0.0/8", "192.0.2.1"])
        scope = self._scope("10.1.1.1")
        # A client-written entry on the left is not believed: the first untrusted hop
        # from the right is the one the proxy saw.
        chain = b"6.6.6.6, 203.0.113.9, 192.0.2.1"
        assert behind.resolve(scope, _no_receive, chain) == "203.0.113.9"
        assert behind.resolve(scope, _no_receive, b"[2001:db8::1]:443") == "2001:db8::1"
        assert behind.resolve(scope, _no_receive, b"203.0.113.9:1234") == "203.0.113.9"
        assert behind.resolve(scope, _no_receive, b"10.0.0.2") == "10.1.1.1"

    def test_a_peer_outside_the_list_is_the_client_even_with_a_header(self) -> None:
        behind = ClientAddress(["10.0.0.0/8"])
        assert behind.resolve(self._scope("203.0.113.7"), _no_receive, b"10.0.0.5") == (
            "203.0.113.7"
        )


class TestClientKey:
    def test_an_ipv6_client_is_counted_by_its_64(self) -> None:
        secret = b"k" * 32
        assert client_key("2001:db8:1:2::1", secret) == client_key("2001:db8:1:2:ffff::9", secret)
        assert client_key("2001:db8:1:3::1", secret) != client_key("2001:db8:1:2::1", secret)
        assert client_key("192.0.2.1", secret) != client_key("192.0.2.2", secret)

    def test_no_address_is_stored(self) -> None:
        assert "192.0.2.1" not in client_key("192.0.2.1", b"k" * 32)
