"""`GET /api/v1/auth/me` answers the caller's capabilities, and the gateway's own guards
admit exactly their holders (issue 21: the web app shows screens by these)."""

from __future__ import annotations

import uuid

from fastapi import FastAPI

from apik_gateway.app import create_app
from apik_shared.platform.auth import Role
from apik_shared.platform.capabilities import GRANTS, Capability
from apik_testing.capabilities import check_guards
from tests.gateway.builders import USER_PASSWORD, GatewayUnderTest

ME = "/api/v1/auth/me"


async def _headers_of(gateway: GatewayUnderTest, roles: tuple[str, ...]) -> dict[str, str]:
    if roles == (Role.community_member,):
        # Held alone, by an account named after the member (users/rules).
        username = f"sahabat-{uuid.uuid4()}"
        response = await gateway.client.post(
            "/api/v1/auth/users",
            json={
                "username": username,
                "password": USER_PASSWORD,
                "full_name": "Siti Rahma",
                "office": "PUSAT",
                "roles": list(roles),
            },
            headers=await gateway.headers(),
        )
        assert response.status_code == 201, response.text
        return await gateway.headers(username, USER_PASSWORD)
    user = await gateway.create_user(*roles)
    return await gateway.headers(user["username"], user["password"])


async def _capabilities(gateway: GatewayUnderTest, *roles: str) -> list[str]:
    response = await gateway.client.get(ME, headers=await _headers_of(gateway, roles))
    assert response.status_code == 200, response.text
    return list(response.json()["capabilities"])


class TestMe:
    async def test_a_prevention_officer_may_create_agreements_not_edit_targets(
        self, gateway: GatewayUnderTest
    ) -> None:
        held = await _capabilities(gateway, Role.prevention_officer)
        assert Capability.prevention_agreement_create in held
        assert Capability.prevention_read in held
        assert Capability.kpi_targets_edit not in held
        assert Capability.admin_users not in held

    async def test_the_head_edits_targets_and_keeps_the_red_button_contacts(
        self, gateway: GatewayUnderTest
    ) -> None:
        held = await _capabilities(gateway, Role.head)
        assert {Capability.kpi_targets_edit, Capability.redbutton_contacts} <= set(held)
        assert Capability.prevention_agreement_create not in held

    async def test_an_admin_passes_where_the_routes_let_admins_through_only(
        self, gateway: GatewayUnderTest
    ) -> None:
        held = set(await _capabilities(gateway, Role.admin))
        # `require_roles` lets every admin through; the red button and the interns' own
        # records do not, and offices are a national admin's.
        assert held == {c for c, grant in GRANTS.items() if grant.admin and not grant.national}
        national = set(await _capabilities(gateway, Role.admin, Role.national))
        assert national == held | {Capability.admin_offices}


async def test_the_gateway_guards_admit_the_holders_only(gateway: GatewayUnderTest) -> None:
    signed_in: dict[tuple[str, ...], dict[str, str]] = {}

    async def headers(roles: tuple[str, ...]) -> dict[str, str]:
        # One account per set of roles: each sign-in hashes a password.
        if roles not in signed_in:
            signed_in[roles] = await _headers_of(gateway, roles)
        return signed_in[roles]

    # The routes the gateway serves itself, not the forwarding edge in front of them.
    api = create_app(gateway.settings).api
    assert isinstance(api, FastAPI)
    await check_guards(
        component="gateway",
        app=api,
        client=gateway.client,
        headers=headers,
        routes={
            Capability.admin_users: ("GET", "/api/v1/auth/users"),
            Capability.admin_clients: ("GET", "/api/v1/auth/clients"),
            Capability.admin_offices: ("POST", "/api/v1/auth/offices"),
        },
    )
