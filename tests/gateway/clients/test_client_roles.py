"""API clients hold roles too: an office admin cannot register one above the staff."""

from __future__ import annotations

import secrets

import pytest

from apik_shared.platform.auth import Role
from tests.gateway.builders import GatewayUnderTest

CLIENTS = "/api/v1/auth/clients"


async def office_admin(gateway: GatewayUnderTest) -> tuple[str, dict[str, str]]:
    office = f"C{secrets.token_hex(3).upper()}"
    await gateway.create_office(office)
    admin = await gateway.create_user(Role.admin, office=office)
    return office, await gateway.headers(admin["username"], admin["password"])


@pytest.mark.parametrize("role", ["head", "dpo", "admin", "national"])
async def test_an_office_admin_cannot_register_a_client_with_a_guarded_role(
    gateway: GatewayUnderTest, role: str
) -> None:
    office, headers = await office_admin(gateway)
    name = f"Probe {secrets.token_hex(3)}"
    response = await gateway.client.post(
        CLIENTS, json={"name": name, "office": office, "roles": [role]}, headers=headers
    )
    assert response.status_code == 403
    listed = await gateway.client.get(CLIENTS, params={"limit": 200}, headers=headers)
    assert name not in [c["name"] for c in listed.json()["items"]]


async def test_a_client_registration_is_audited(gateway: GatewayUnderTest) -> None:
    office, headers = await office_admin(gateway)
    response = await gateway.client.post(
        CLIENTS,
        json={"name": "LAPOR! sync", "office": office, "roles": ["analyst"]},
        headers=headers,
    )
    assert response.status_code == 201
    audit = await gateway.client.get(
        "/api/v1/auth/audit/role-changes",
        params={"account_id": response.json()["id"]},
        headers=await gateway.headers(),
    )
    [row] = audit.json()["items"]
    assert (row["account_kind"], row["roles_before"], row["roles_after"]) == (
        "client",
        [],
        ["analyst"],
    )


async def test_a_national_admin_registers_a_client_with_a_guarded_role(
    gateway: GatewayUnderTest,
) -> None:
    client = await gateway.create_client(Role.head)
    assert client["roles"] == ["head"]
