"""What operations asks of the outside: the database and the services, for readiness
and for the OpenAPI documents the gateway merges (`rules.merge_documents`)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
from sqlalchemy import text

from apik_shared.platform.db import Database


async def _database_state(database: Database) -> str:
    try:
        async with database.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as exc:  # readiness reports any failure, it never raises
        return f"unreachable: {type(exc).__name__}"
    return "ok"


async def _replica_state(client: httpx.AsyncClient, url: str) -> str:
    try:
        response = await client.get(f"{url.rstrip('/')}/readyz")
    except httpx.HTTPError as exc:
        return f"unreachable: {type(exc).__name__}"
    return "ok" if response.status_code == 200 else f"not ready ({response.status_code})"


async def _service_state(client: httpx.AsyncClient, urls: Sequence[str]) -> str:
    """ "ok" while one replica is ready (the gateway sends requests to the ready ones);
    else the first replica's state."""
    states = await asyncio.gather(*(_replica_state(client, url) for url in urls))
    return "ok" if "ok" in states else states[0]


async def readiness(
    *,
    database: Database,
    client: httpx.AsyncClient,
    service_urls: Mapping[str, Sequence[str]],
) -> tuple[bool, dict[str, Any]]:
    """Whether the gateway is ready, and the body saying why (each check's state).
    `service_urls`: each service's replicas."""
    names = sorted(service_urls)
    database_check, *states = await asyncio.gather(
        _database_state(database), *(_service_state(client, service_urls[n]) for n in names)
    )
    services = dict(zip(names, states, strict=True))
    ready = database_check == "ok" and all(s == "ok" for s in services.values())
    body: dict[str, Any] = {
        "status": "ready" if ready else "not ready",
        "checks": {"database": database_check, "services": services},
    }
    return ready, body


async def fetch_service_documents(
    *, client: httpx.AsyncClient, service_urls: Mapping[str, Sequence[str]]
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Each reachable service's document (from the first replica that answers), and
    why each other one is missing."""

    async def fetch(name: str, urls: Sequence[str]) -> dict[str, Any] | str:
        why = ""
        for url in urls:
            answer = await fetch_one(name, url)
            if isinstance(answer, dict):
                return answer
            why = why or answer
        return why

    async def fetch_one(name: str, url: str) -> dict[str, Any] | str:
        try:
            response = await client.get(f"{url.rstrip('/')}/api/v1/{name}/openapi.json")
        except httpx.HTTPError as exc:
            return f"unreachable: {type(exc).__name__}"
        if response.status_code != 200:
            return f"answered {response.status_code}"
        try:
            document = response.json()
        except ValueError:
            return "answered something other than JSON"
        return document if isinstance(document, dict) else "answered a non-object"

    names = sorted(service_urls)
    results = await asyncio.gather(*(fetch(n, service_urls[n]) for n in names))
    documents = {n: r for n, r in zip(names, results, strict=True) if isinstance(r, dict)}
    missing = {n: r for n, r in zip(names, results, strict=True) if isinstance(r, str)}
    return documents, missing
