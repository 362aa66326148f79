"""Every problem type the platform answers with: the gateway's own and the services'.

The gateway cannot import the services; each publishes its types in its OpenAPI
document (`x-problem-types`), which is fetched as for the merged document and kept for
a while. A type not known yet refetches at most every `REFRESH_SECONDS`, so a service's
new release is picked up without hammering the services for made-up slugs.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from apik_gateway.operations.service import fetch_service_documents
from apik_shared.platform.openapi import PROBLEM_TYPES
from apik_shared.platform.problem_types import catalogue, merge_catalogues

# How long the services' types are kept before they are fetched again.
KEEP_SECONDS = 300.0
# The least time between two fetches, whatever is asked for.
REFRESH_SECONDS = 10.0


@dataclass
class ProblemTypes:
    """The merged catalogue and when it was last fetched (one per gateway process)."""

    types: dict[str, dict[str, Any]] = field(default_factory=dict)
    fetched_at: float = float("-inf")
    complete: bool = False
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def _refresh(
        self, client: httpx.AsyncClient, service_urls: Mapping[str, Sequence[str]]
    ) -> None:
        documents, unavailable = await fetch_service_documents(
            client=client, service_urls=service_urls
        )
        self.types = merge_catalogues(
            [catalogue(), *(d.get(PROBLEM_TYPES, {}) for d in documents.values())]
        )
        self.fetched_at = time.monotonic()
        self.complete = not unavailable

    async def all(
        self,
        *,
        client: httpx.AsyncClient,
        service_urls: Mapping[str, Sequence[str]],
        slug: str | None = None,
    ) -> dict[str, dict[str, Any]]:
        """The catalogue, fetched again when old, incomplete, or missing `slug`."""
        async with self.lock:
            age = time.monotonic() - self.fetched_at
            stale = age > KEEP_SECONDS or (not self.complete and age > REFRESH_SECONDS)
            missing = slug is not None and slug not in self.types and age > REFRESH_SECONDS
            if stale or missing:
                await self._refresh(client, service_urls)
            return self.types
