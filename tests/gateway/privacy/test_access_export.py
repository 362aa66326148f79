"""The answer to an access request (UU 27/2022 Pasal 32): one export generated from every
service, by the request's office's DPO alone. Here the gateway alone, in process: the
services are missing or stopped, and the export names them instead of failing; the
staff account the gateway holds on the person is in it, its password hash withheld. The
full export with every service answering is `tests/e2e/test_access_export.py`."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from apik_gateway.app import create_app
from tests.gateway.builders import GatewayUnderTest, gateway_settings
from tests.gateway.servers import raw_server, refused_url, serve

REQUESTS = "/api/v1/auth/privacy/requests"
SERVICES = {"intake", "consultation", "examination"}


async def access_request(
    gateway: GatewayUnderTest, headers: dict[str, str], name: str = "Siti Rahma"
) -> str:
    body = {"kind": "access", "requester": {"name": name, "phone": "0812 3456 7890"}}
    response = await gateway.client.post(REQUESTS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_a_service_unknown_to_the_gateway_is_named_and_the_staff_account_given(
    gateway: GatewayUnderTest, office: str, signed_in: Any
) -> None:
    dpo = await signed_in("dpo", office=office)  # "Siti Rahma", as the builder names users
    request_id = await access_request(gateway, dpo)

    response = await gateway.client.post(f"{REQUESTS}/{request_id}/access-export", headers=dpo)

    assert response.status_code == 200, response.text
    export = response.json()
    assert export["complete"] is False
    assert {u["service"] for u in export["unanswered"]} == SERVICES
    staff = export["services"]["gateway"]["staff_accounts"]
    assert [s["office"] for s in staff] == [office] and staff[0]["roles"] == ["dpo"]
    assert "password_hash" not in staff[0]
    assert {"service": "gateway", "what": "password_hash"}.items() <= export["withheld"][0].items()
    assert "phone" in export["services"]["gateway"]["not_searched"]
    reads = await gateway.client.get(f"{REQUESTS}/{request_id}/reads", headers=dpo)
    assert [r["actor_username"] for r in reads.json()["items"]] != []
    opened = await gateway.client.get(f"{REQUESTS}/{request_id}", headers=dpo)
    assert opened.json()["status"] == "in_progress"


async def test_a_stopped_service_is_named_not_a_5xx(
    gateway: GatewayUnderTest, gateway_database: str, office: str, signed_in: Any
) -> None:
    dpo = await signed_in("dpo", office=office)
    request_id = await access_request(gateway, dpo, name="Nama Lain")
    settings = gateway_settings(gateway_database, service_urls={"intake": refused_url()})
    async with (
        serve(create_app(settings)) as url,
        httpx.AsyncClient(base_url=url, timeout=30) as client,
    ):
        response = await client.post(f"{REQUESTS}/{request_id}/access-export", headers=dpo)

    assert response.status_code == 200, response.text
    unanswered = {u["service"]: u["error"] for u in response.json()["unanswered"]}
    assert unanswered["intake"].startswith("unreachable")
    assert response.json()["services"]["gateway"]["staff_accounts"] == []


async def test_only_the_requests_offices_dpo_generates_it(
    gateway: GatewayUnderTest, office: str, other_office: str, signed_in: Any
) -> None:
    request_id = await access_request(gateway, await signed_in("dpo", office=office))
    path = f"{REQUESTS}/{request_id}/access-export"

    for roles in (("admin",), ("head",), ("admin", "national")):
        headers = await signed_in(*roles, office=office)
        assert (await gateway.client.post(path, headers=headers)).status_code == 403, roles
    elsewhere = await signed_in("dpo", office=other_office)
    assert (await gateway.client.post(path, headers=elsewhere)).status_code == 404


async def test_a_correction_request_has_no_export(
    gateway: GatewayUnderTest, office: str, signed_in: Any
) -> None:
    dpo = await signed_in("dpo", office=office)
    body = {"kind": "correction", "requester": {"name": "Siti Rahma"}}
    created = await gateway.client.post(REQUESTS, json=body, headers=dpo)
    path = f"{REQUESTS}/{created.json()['id']}/access-export"

    response = await gateway.client.post(path, headers=dpo, json={"phone": "not a phone"})
    assert response.status_code == 422 and "phone" in response.text
    assert (await gateway.client.post(path, headers=dpo)).status_code == 409


async def _teapot(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A replica that answers, if not helpfully: shows that it was asked."""
    try:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 418 I'm a teapot\r\ncontent-length: 6\r\n\r\nteapot")
        await writer.drain()
    finally:
        writer.close()


async def test_a_replica_down_passes_the_question_to_the_next(
    gateway: GatewayUnderTest, gateway_database: str, office: str, signed_in: Any
) -> None:
    dpo = await signed_in("dpo", office=office)
    request_id = await access_request(gateway, dpo, name="Nama Ketiga")
    async with raw_server(_teapot) as answering:
        services = {"intake": [refused_url(), answering], "examination": [refused_url()]}
        settings = gateway_settings(gateway_database, service_urls=services)
        async with (
            serve(create_app(settings)) as url,
            httpx.AsyncClient(base_url=url, timeout=30) as client,
        ):
            response = await client.post(f"{REQUESTS}/{request_id}/access-export", headers=dpo)

    assert response.status_code == 200, response.text
    unanswered = {u["service"]: u["error"] for u in response.json()["unanswered"]}
    assert unanswered["intake"].startswith("answered 418"), unanswered  # the second replica
    assert unanswered["examination"].startswith("unreachable")  # it has no other
