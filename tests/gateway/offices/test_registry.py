"""The office registry: opened and changed by a national admin, read by anyone signed
in, announced to the services as events on the real JetStream."""

from __future__ import annotations

import asyncio
import json
import secrets
import uuid
from typing import Any

import nats
import pytest
from sqlalchemy import select
from sqlmodel import col

from apik_gateway.models import Office
from apik_shared.platform.auth import Role
from apik_shared.platform.db import Database
from apik_testing.infra import TestInfra
from tests.gateway.builders import GatewayUnderTest

OFFICES = "/api/v1/auth/offices"


def new_code() -> str:
    return "T" + secrets.token_hex(4).upper()


def papua(code: str) -> dict[str, Any]:
    return {
        "code": code,
        "name": "Perwakilan Papua",
        "timezone": "Asia/Jayapura",
        "address": "Jl. Soa Siu Dok II, Jayapura",
        "letterhead": ["OMBUDSMAN REPUBLIK INDONESIA", "PERWAKILAN PROVINSI PAPUA"],
        "head_name": "Yohanes Wenda",
        "head_title": "Kepala Perwakilan",
        "observes_cuti_bersama": False,
        "closure_days": ["2026-12-01", "2026-12-01"],
    }


async def office_events(infra: TestInfra, code: str, count: int) -> list[dict[str, Any]]:
    """The office events about `code` on the stream (its CloudEvent subject)."""
    nc = await nats.connect(infra.nats_url)
    try:
        js = nc.jetstream()
        sub = await js.subscribe("apik.gateway.office.>", ordered_consumer=True)
        found: list[dict[str, Any]] = []
        deadline = asyncio.get_running_loop().time() + 15
        while len(found) < count and asyncio.get_running_loop().time() < deadline:
            try:
                msg = await sub.next_msg(timeout=1)
            except (TimeoutError, nats.errors.TimeoutError):
                continue
            event = json.loads(msg.data)
            if event.get("subject") == code:
                found.append(event)
        return found
    finally:
        await nc.close()


async def test_an_office_opened_and_changed_is_announced(
    gateway: GatewayUnderTest, infra: TestInfra
) -> None:
    code = new_code()
    admin = await gateway.headers()
    response = await gateway.client.post(OFFICES, json=papua(code), headers=admin)
    assert response.status_code == 201, response.text
    office = response.json()
    assert office["letterhead"][1] == "PERWAKILAN PROVINSI PAPUA"
    assert office["closure_days"] == ["2026-12-01"]
    assert response.headers["location"].endswith(f"{OFFICES}/{code}")
    assert response.headers["etag"] == '"1"'

    stale = await gateway.client.patch(
        f"{OFFICES}/{code}", json={"head_name": "X"}, headers={**admin, "If-Match": '"7"'}
    )
    assert stale.status_code == 412
    missing = await gateway.client.patch(
        f"{OFFICES}/{code}", json={"head_name": "X"}, headers=admin
    )
    assert missing.status_code == 428
    changed = await gateway.client.patch(
        f"{OFFICES}/{code}",
        json={"timezone": "Asia/Makassar", "head_name": "Maria Kogoya"},
        headers={**admin, "If-Match": response.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["timezone"], changed.json()["version"]) == ("Asia/Makassar", 2)
    assert changed.headers["etag"] == '"2"'

    events = await office_events(infra, code, 2)
    assert [(e["type"], e["data"]["version"], e["data"]["timezone"]) for e in events] == [
        ("office.registered", 1, "Asia/Jayapura"),
        ("office.updated", 2, "Asia/Makassar"),
    ]
    assert events[1]["data"]["head_name"] == "Maria Kogoya"
    assert events[1]["data"]["letterhead"] == papua(code)["letterhead"]
    assert events[0]["data"]["observes_cuti_bersama"] is False


async def test_a_replayed_opening_carries_location_and_etag(gateway: GatewayUnderTest) -> None:
    code = new_code()
    headers = {**await gateway.headers(), "Idempotency-Key": str(uuid.uuid4())}
    first = await gateway.client.post(OFFICES, json=papua(code), headers=headers)
    again = await gateway.client.post(OFFICES, json=papua(code), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    for header in ("location", "etag"):
        assert again.headers[header] == first.headers[header]


@pytest.mark.parametrize(
    "field, value",
    [("name", "Perwakilan\x00Papua"), ("head_name", "Yohanes\x00"), ("letterhead", ["A\x00"])],
)
async def test_nul_in_an_office_is_refused_and_changes_nothing(
    gateway: GatewayUnderTest, gateway_database: str, field: str, value: Any
) -> None:
    code = new_code()
    response = await gateway.client.post(
        OFFICES, json={**papua(code), field: value}, headers=await gateway.headers()
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"].startswith(f"#/body/{field}")
    database = Database(gateway_database)
    try:
        async with database.sessions() as session:
            assert (await session.scalar(select(Office).where(col(Office.code) == code))) is None
    finally:
        await database.dispose()


async def test_only_a_national_admin_changes_an_office(gateway: GatewayUnderTest) -> None:
    await gateway.create_office("SULSEL")
    office_admin = await gateway.create_user(Role.admin, office="SULSEL")
    headers = await gateway.headers(office_admin["username"], office_admin["password"])
    response = await gateway.client.patch(
        f"{OFFICES}/SULSEL", json={"name": "Mine"}, headers={**headers, "If-Match": '"1"'}
    )
    assert response.status_code == 403
    read = await gateway.client.get(f"{OFFICES}/SULSEL", headers=headers)
    assert read.status_code == 200 and read.json()["name"] == "Perwakilan SULSEL"


async def test_a_required_field_cannot_be_cleared(gateway: GatewayUnderTest) -> None:
    code = new_code()
    admin = await gateway.headers()
    await gateway.client.post(OFFICES, json=papua(code), headers=admin)
    response = await gateway.client.patch(
        f"{OFFICES}/{code}", json={"timezone": None}, headers={**admin, "If-Match": '"1"'}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "#/body/timezone"
