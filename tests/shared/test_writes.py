"""Safe writes: `Idempotency-Key` on creating POSTs (against real PostgreSQL) and
`If-Match` on updates."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from starlette.requests import Request
from starlette.responses import Response

from apik_shared.platform.db import Database
from apik_shared.platform.etag import check_if_match, etag_for
from apik_shared.platform.idempotency import Idempotency, IdempotencyKeyInUse, IdempotencyKeyReused
from apik_shared.platform.problems import InvalidInput, PreconditionFailed, PreconditionRequired
from apik_testing.databases import platform_database
from apik_testing.infra import TestInfra

PATH = "/api/v1/intake/reports"


def post(body: bytes, headers: dict[str, str], path: str = PATH) -> Request:
    scope = {
        "type": "http",
        "method": "POST",
        "scheme": "http",
        "server": ("svc", 80),
        "root_path": "",
        "path": path,
        "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(scope, receive)


@pytest.fixture(scope="module")
async def database(infra: TestInfra) -> AsyncIterator[Database]:
    async with platform_database(infra, "writes") as db:
        yield db


async def create(db: Database, body: bytes, key: str, caller: str = "user:siti") -> Response | None:
    """One creating request: the stored answer on a replay, else it 'creates' and commits."""
    async with db.sessions() as session, session.begin():
        idempotency = Idempotency(session, post(body, {"Idempotency-Key": key}), caller)
        if (replay := await idempotency.begin()) is not None:
            return replay
        await idempotency.remember(201, {"created_from": body.decode()})
        return None


class TestIdempotencyKey:
    async def test_a_retry_replays_the_first_answer(self, database: Database) -> None:
        assert await create(database, b'{"n": 1}', "k-replay") is None
        replay = await create(database, b'{"n": 1}', "k-replay")
        assert replay is not None
        assert replay.status_code == 201
        assert replay.body == b'{"created_from":"{\\"n\\": 1}"}'
        assert replay.headers["idempotent-replayed"] == "true"

    async def test_the_same_key_with_another_body_is_422(self, database: Database) -> None:
        assert await create(database, b'{"n": 1}', "k-reused") is None
        with pytest.raises(IdempotencyKeyReused) as refused:
            await create(database, b'{"n": 2}', "k-reused")
        assert refused.value.status == 422

    async def test_a_key_belongs_to_its_caller(self, database: Database) -> None:
        assert await create(database, b"{}", "k-mine", caller="user:siti") is None
        assert await create(database, b"{}", "k-mine", caller="user:budi") is None

    async def test_a_retry_while_the_first_still_runs_is_409_without_waiting(
        self, database: Database
    ) -> None:
        first_started, first_may_finish = asyncio.Event(), asyncio.Event()

        async def slow_first() -> None:
            async with database.sessions() as session, session.begin():
                idempotency = Idempotency(session, post(b"{}", {"Idempotency-Key": "k-busy"}), "u")
                assert await idempotency.begin() is None
                first_started.set()
                await first_may_finish.wait()
                await idempotency.remember(201, {"id": 1})

        first = asyncio.create_task(slow_first())
        await first_started.wait()
        started = time.monotonic()
        with pytest.raises(IdempotencyKeyInUse) as busy:
            await create(database, b"{}", "k-busy", caller="u")
        assert busy.value.status == 409
        assert time.monotonic() - started < 2, "the retry waited for the first request"
        first_may_finish.set()
        await first
        replay = await create(database, b"{}", "k-busy", caller="u")
        assert replay is not None and replay.status_code == 201

    async def test_an_oversized_key_is_422_naming_the_header(self, database: Database) -> None:
        with pytest.raises(InvalidInput) as refused:
            await create(database, b"{}", "k" * 201)
        assert refused.value.errors[0]["pointer"] == "#/headers/idempotency-key"


def put(if_match: str | None) -> Request:
    headers = {} if if_match is None else {"If-Match": if_match}
    return post(b"", headers, path="/api/v1/intake/reports/1")


class TestIfMatch:
    @pytest.mark.parametrize("header", ['"3"', 'W/"3"', '"2", "3"', "*"])
    def test_the_current_etag_passes(self, header: str) -> None:
        check_if_match(put(header), 3, required=True)

    def test_a_stale_etag_is_412_with_the_current_one(self) -> None:
        with pytest.raises(PreconditionFailed) as stale:
            check_if_match(put('"2"'), 3)
        assert stale.value.status == 412
        assert stale.value.body()["current_etag"] == etag_for(3)

    def test_a_missing_header_is_428_only_where_required(self) -> None:
        check_if_match(put(None), 3)
        with pytest.raises(PreconditionRequired) as missing:
            check_if_match(put(None), 3, required=True)
        assert missing.value.status == 428
