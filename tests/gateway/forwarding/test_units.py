"""Pure pieces of the edge: token buckets and the forwarded head."""

from __future__ import annotations

from typing import Any

from apik_gateway.forwarding.service.ratelimit import TokenBuckets
from apik_gateway.forwarding.service.request_head import CHUNKED, NO_BODY, build_request_head


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
        )
        text = head.head.decode()
        assert text.startswith("GET /api/v1/x/a%20b?q=1 HTTP/1.1\r\nhost: upstream:81\r\n")
        assert "accept: */*\r\n" in text
        assert "x-drop" not in text
        assert "x-forwarded-for: 1.2.3.4, 10.0.0.9\r\n" in text
        assert "x-forwarded-proto: https\r\n" in text
        assert "x-forwarded-host: apik.example\r\n" in text
        assert text.endswith("\r\n\r\n")
        assert head.body_mode == NO_BODY

    def test_body_framing(self) -> None:
        sized = build_request_head(self._scope([(b"content-length", b"12")], "POST"), b"u")
        chunked = build_request_head(
            self._scope([(b"transfer-encoding", b"chunked")], "POST"), b"u"
        )
        assert sized.body_mode == 12 and b"content-length: 12\r\n" in sized.head
        assert chunked.body_mode == CHUNKED and b"transfer-encoding: chunked" in chunked.head

    def test_an_unsafe_request_id_is_replaced(self) -> None:
        head = build_request_head(self._scope([(b"x-request-id", b"bad id\x7f")]), b"u")
        assert head.request_id != b"bad id\x7f" and len(head.request_id) == 32
