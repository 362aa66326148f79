"""`Idempotency-Key` on creating POSTs.

The first request with a key stores its response in the same transaction as the rows it
created; a retry with the same key and body replays that response; the same key with
another body is 422; a retry while the first is still running is 409 (the first holds
the row lock, and the retry does not wait for it).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy import select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform.problems import Conflict, InvalidInput
from apik_shared.platform.tables import idempotency_key

MAX_KEY_LENGTH = 200


class IdempotencyKeyInUse(Conflict):
    """The first request with this `Idempotency-Key` is still being processed; retry
    after a moment to receive its answer."""

    slug, title = "idempotency-key-in-use", "A request with this Idempotency-Key is in progress"
    indonesian_title = "Permintaan dengan Idempotency-Key ini sedang diproses"
    indonesian_description = "Tunggu sebentar lalu ulangi untuk menerima jawabannya."


class IdempotencyKeyReused(InvalidInput):
    """The `Idempotency-Key` was already used with a different body: a retry must send
    the same body, and a new request a new key."""

    slug, title = "idempotency-key-reused", "This Idempotency-Key was used with another request"
    indonesian_title = "Idempotency-Key ini sudah dipakai untuk permintaan lain"
    indonesian_description = (
        "Ulangi dengan isi yang sama, atau pakai kunci baru untuk permintaan baru."
    )


class Idempotency:
    """Per-request helper: `begin()` before the work, `remember()` with the response."""

    def __init__(self, session: AsyncSession, request: Request, caller: str) -> None:
        self.session = session
        self.key = request.headers.get("idempotency-key")
        self.scope = f"{caller}:{request.method}:{request.url.path}"[:200]
        self._hash = b""
        self._request = request

    async def begin(self) -> JSONResponse | None:
        """Returns the stored response for a replay, or None when the work should run."""
        if self.key is None:
            return None
        too_long = len(self.key) > MAX_KEY_LENGTH
        if not self.key or too_long:
            raise InvalidInput.field(
                "#/headers/idempotency-key",
                f"Must be 1 to {MAX_KEY_LENGTH} characters.",
                code="string_too_long" if too_long else "string_too_short",
                **({"max_length": MAX_KEY_LENGTH} if too_long else {"min_length": 1}),
            )
        self._hash = hashlib.sha256(await self._request.body()).digest()
        # The insert takes the row lock; a concurrent twin fails fast instead of waiting.
        await self.session.execute(text("SET LOCAL lock_timeout = '100ms'"))
        try:
            inserted = await self.session.execute(
                insert(idempotency_key)
                .values(
                    scope=self.scope,
                    key=self.key,
                    request_hash=self._hash,
                    created_at=datetime.now(UTC),
                )
                .on_conflict_do_nothing()
                .returning(idempotency_key.c.key)
            )
        except DBAPIError as exc:
            raise IdempotencyKeyInUse() from exc
        if inserted.first() is not None:
            await self.session.execute(text("SET LOCAL lock_timeout = 0"))
            return None
        existing = (
            await self.session.execute(
                select(idempotency_key).where(
                    idempotency_key.c.scope == self.scope, idempotency_key.c.key == self.key
                )
            )
        ).one()
        if existing.request_hash != self._hash:
            raise IdempotencyKeyReused(
                "This Idempotency-Key was already used with a different body."
            )
        if existing.status_code is None:
            raise IdempotencyKeyInUse()
        return JSONResponse(
            existing.body,
            status_code=existing.status_code,
            headers={**(existing.headers or {}), "Idempotent-Replayed": "true"},
        )

    async def remember(
        self, status_code: int, body: Any, *, headers: dict[str, str] | None = None
    ) -> None:
        """Keeps the answer for replays; `headers` are those a replay must repeat
        (`Location`, `ETag`), see `apik_shared.platform.routing.created`."""
        if self.key is None:
            return
        await self.session.execute(
            update(idempotency_key)
            .where(idempotency_key.c.scope == self.scope, idempotency_key.c.key == self.key)
            .values(status_code=status_code, body=jsonable_encoder(body), headers=headers)
        )
