"""Roles cannot be self-granted: the attacks of an office admin, and the two-admin grant.

Each attack test is one an office admin could perform before roles had an order, a
second admin and an audit: every one of them succeeded then.
"""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from apik_shared.platform.auth import Role
from tests.gateway.builders import USER_PASSWORD, GatewayUnderTest

USERS = "/api/v1/auth/users"
AUDIT = "/api/v1/auth/audit/role-changes"


async def office_with_admins(gateway: GatewayUnderTest, count: int = 1) -> tuple[str, list[Any]]:
    """A fresh office and `count` admins of it, each as (user, headers)."""
    office = f"T{secrets.token_hex(3).upper()}"
    await gateway.create_office(office)
    admins = []
    for _ in range(count):
        user = await gateway.create_user(Role.admin, office=office)
        admins.append((user, await gateway.headers(user["username"], user["password"])))
    return office, admins


async def patch(
    gateway: GatewayUnderTest, user_id: str, body: dict[str, object], headers: dict[str, str]
) -> Any:
    path = f"{USERS}/{user_id}"
    etag = (await gateway.client.get(path, headers=headers)).headers["etag"]
    return await gateway.client.patch(path, json=body, headers={**headers, "If-Match": etag})


async def roles_of(gateway: GatewayUnderTest, user_id: str) -> list[str]:
    read = await gateway.client.get(f"{USERS}/{user_id}", headers=await gateway.headers())
    return list(read.json()["roles"])


def new_user(office: str, *roles: str) -> dict[str, object]:
    return {
        "username": f"budi.{secrets.token_hex(4)}",
        "password": USER_PASSWORD,
        "full_name": "Budi Santoso",
        "office": office,
        "roles": list(roles),
    }


class TestSelfGrant:
    async def test_an_office_admin_cannot_give_itself_head(self, gateway: GatewayUnderTest) -> None:
        _, [(me, headers)] = await office_with_admins(gateway)
        response = await patch(gateway, me["id"], {"roles": ["admin", "head"]}, headers)
        assert response.status_code == 403, response.text
        assert response.json()["type"].endswith("/cannot-grant-yourself")
        assert await roles_of(gateway, me["id"]) == ["admin"]

    async def test_a_national_admin_cannot_give_itself_a_role_either(
        self, gateway: GatewayUnderTest
    ) -> None:
        me = await gateway.create_user(Role.admin, Role.national)
        headers = await gateway.headers(me["username"], me["password"])
        response = await patch(gateway, me["id"], {"roles": ["admin", "national", "dpo"]}, headers)
        assert response.status_code == 403
        assert await roles_of(gateway, me["id"]) == ["admin", "national"]

    async def test_an_admin_may_drop_a_role_of_its_own(self, gateway: GatewayUnderTest) -> None:
        me = await gateway.create_user(Role.admin, Role.analyst, office="PUSAT")
        headers = await gateway.headers(me["username"], me["password"])
        response = await patch(gateway, me["id"], {"roles": ["admin"]}, headers)
        assert response.status_code == 200
        assert response.json()["roles"] == ["admin"]


class TestGuardedRoles:
    @pytest.mark.parametrize("role", ["head", "dpo", "admin"])
    async def test_an_office_admin_cannot_create_such_an_account_alone(
        self, gateway: GatewayUnderTest, role: str
    ) -> None:
        office, [(_, headers)] = await office_with_admins(gateway)
        body = new_user(office, role)
        response = await gateway.client.post(USERS, json=body, headers=headers)
        assert response.status_code == 403, response.text
        assert response.json()["type"].endswith("/second-admin-required")
        # Nothing was stored: the username is still free.
        body["roles"] = ["examiner"]
        assert (await gateway.client.post(USERS, json=body, headers=headers)).status_code == 201

    async def test_an_office_admin_cannot_make_a_user_head_alone(
        self, gateway: GatewayUnderTest
    ) -> None:
        office, [(_, headers)] = await office_with_admins(gateway)
        user = await gateway.create_user(Role.examiner, office=office)
        response = await patch(gateway, user["id"], {"roles": ["examiner", "head"]}, headers)
        assert response.status_code == 403
        assert await roles_of(gateway, user["id"]) == ["examiner"]

    async def test_an_office_admin_cannot_set_the_password_of_a_head(
        self, gateway: GatewayUnderTest
    ) -> None:
        # Taking over the head's account would read the same identities as being head.
        office, [(_, headers)] = await office_with_admins(gateway)
        head = await gateway.create_user(Role.head, office=office)
        new_password = "taken-over-passphrase-3"
        response = await patch(gateway, head["id"], {"password": new_password}, headers)
        assert response.status_code == 403
        login = await gateway.client.post(
            "/api/v1/auth/token", data={"username": head["username"], "password": new_password}
        )
        assert login.status_code == 401

    async def test_a_national_admin_grants_head_alone_and_it_is_audited(
        self, gateway: GatewayUnderTest
    ) -> None:
        office, _ = await office_with_admins(gateway, count=0)
        user = await gateway.create_user(Role.examiner, office=office)
        national = await gateway.headers()
        response = await patch(gateway, user["id"], {"roles": ["examiner", "head"]}, national)
        assert response.status_code == 200
        audit = await gateway.client.get(AUDIT, params={"account_id": user["id"]}, headers=national)
        latest = audit.json()["items"][0]
        assert latest["roles_before"] == ["examiner"]
        assert latest["roles_after"] == ["examiner", "head"]
        assert latest["authority"] == "national"
        assert latest["proposed_by_name"] == "admin"


class TestTwoAdmins:
    async def test_a_head_is_made_by_one_admin_proposing_and_another_approving(
        self, gateway: GatewayUnderTest
    ) -> None:
        office, [(first, first_h), (second, second_h)] = await office_with_admins(gateway, 2)
        user = await gateway.create_user(Role.examiner, office=office)

        proposed = await gateway.client.post(
            f"{USERS}/{user['id']}/role-proposals",
            json={"roles": ["examiner", "head"]},
            headers=first_h,
        )
        assert proposed.status_code == 201, proposed.text
        assert proposed.json()["status"] == "pending"
        assert await roles_of(gateway, user["id"]) == ["examiner"]
        pending = await gateway.client.get("/api/v1/auth/role-proposals", headers=second_h)
        assert proposed.json()["id"] in [p["id"] for p in pending.json()["items"]]

        approval = proposed.headers["location"] + "/approval"
        own = await gateway.client.post(approval, headers=first_h)
        assert own.status_code == 403
        assert own.json()["type"].endswith("/approver-not-distinct")
        assert await roles_of(gateway, user["id"]) == ["examiner"]

        approved = await gateway.client.post(approval, headers=second_h)
        assert approved.status_code == 200, approved.text
        assert await roles_of(gateway, user["id"]) == ["examiner", "head"]
        change = approved.json()
        assert change["status"] == "applied"
        assert change["authority"] == "two_admins"
        assert change["proposed_by"] == f"user:{first['id']}"
        assert change["approved_by"] == f"user:{second['id']}"

        again = await gateway.client.post(approval, headers=second_h)
        assert again.status_code == 409

    async def test_a_proposal_for_yourself_is_refused(self, gateway: GatewayUnderTest) -> None:
        _, [(me, headers)] = await office_with_admins(gateway)
        response = await gateway.client.post(
            f"{USERS}/{me['id']}/role-proposals", json={"roles": ["admin", "head"]}, headers=headers
        )
        assert response.status_code == 403

    async def test_the_account_holder_cannot_approve_its_own_grant(
        self, gateway: GatewayUnderTest
    ) -> None:
        _, [(_, first_h), (second, second_h)] = await office_with_admins(gateway, 2)
        proposed = await gateway.client.post(
            f"{USERS}/{second['id']}/role-proposals",
            json={"roles": ["admin", "dpo"]},
            headers=first_h,
        )
        assert proposed.status_code == 201
        response = await gateway.client.post(
            proposed.headers["location"] + "/approval", headers=second_h
        )
        assert response.status_code == 403
        assert await roles_of(gateway, second["id"]) == ["admin"]

    async def test_two_office_admins_cannot_grant_national(self, gateway: GatewayUnderTest) -> None:
        office, [(_, first_h), _] = await office_with_admins(gateway, 2)
        user = await gateway.create_user(Role.examiner, office=office)
        response = await gateway.client.post(
            f"{USERS}/{user['id']}/role-proposals",
            json={"roles": ["examiner", "national"]},
            headers=first_h,
        )
        assert response.status_code == 403
        assert response.json()["type"].endswith("/role-above-yours")

    async def test_a_proposal_goes_stale_when_the_roles_change_meanwhile(
        self, gateway: GatewayUnderTest
    ) -> None:
        office, [(_, first_h), (_, second_h)] = await office_with_admins(gateway, 2)
        user = await gateway.create_user(Role.examiner, office=office)
        proposed = await gateway.client.post(
            f"{USERS}/{user['id']}/role-proposals",
            json={"roles": ["examiner", "head"]},
            headers=first_h,
        )
        assert (await patch(gateway, user["id"], {"roles": ["analyst"]}, first_h)).is_success
        approved = await gateway.client.post(
            proposed.headers["location"] + "/approval", headers=second_h
        )
        assert approved.status_code == 409
        assert approved.json()["code"] == "roles_changed"
        assert await roles_of(gateway, user["id"]) == ["analyst"]

    async def test_a_declined_proposal_changes_nothing(self, gateway: GatewayUnderTest) -> None:
        office, [(_, first_h), (_, second_h)] = await office_with_admins(gateway, 2)
        user = await gateway.create_user(Role.examiner, office=office)
        proposed = await gateway.client.post(
            f"{USERS}/{user['id']}/role-proposals",
            json={"roles": ["examiner", "head"]},
            headers=first_h,
        )
        declined = await gateway.client.post(
            proposed.headers["location"] + "/refusal", headers=second_h
        )
        assert declined.status_code == 200
        assert declined.json()["status"] == "declined"
        approved = await gateway.client.post(
            proposed.headers["location"] + "/approval", headers=second_h
        )
        assert approved.status_code == 409
        assert approved.json()["code"] == "proposal_decided"
        assert approved.json()["params"] == {"status": "declined"}
        assert await roles_of(gateway, user["id"]) == ["examiner"]

    async def test_another_offices_proposal_is_missing(self, gateway: GatewayUnderTest) -> None:
        office, [(_, first_h)] = await office_with_admins(gateway)
        _, [(_, stranger_h)] = await office_with_admins(gateway)
        user = await gateway.create_user(Role.examiner, office=office)
        proposed = await gateway.client.post(
            f"{USERS}/{user['id']}/role-proposals",
            json={"roles": ["examiner", "head"]},
            headers=first_h,
        )
        approval = await gateway.client.post(
            proposed.headers["location"] + "/approval", headers=stranger_h
        )
        assert approval.status_code == 404

    async def test_a_malformed_proposal_id_is_422(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.post(
            "/api/v1/auth/role-proposals/not-a-uuid/approval", headers=await gateway.headers()
        )
        assert response.status_code == 422


class TestRoleOrder:
    async def test_an_office_admin_cannot_change_an_account_above_its_own(
        self, gateway: GatewayUnderTest
    ) -> None:
        # A national admin seated in the office: its password would be every office's.
        office, [(_, headers)] = await office_with_admins(gateway)
        national = await gateway.create_user(Role.admin, Role.national, office=office)
        takeover = await patch(
            gateway, national["id"], {"password": "mine-now-passphrase-5"}, headers
        )
        demotion = await patch(gateway, national["id"], {"roles": ["admin"]}, headers)
        assert takeover.status_code == demotion.status_code == 403
        assert takeover.json()["type"].endswith("/role-above-yours")
        assert await roles_of(gateway, national["id"]) == ["admin", "national"]
        assert await gateway.token(national["username"], national["password"])

    async def test_an_office_admin_cannot_grant_national(self, gateway: GatewayUnderTest) -> None:
        office, [(_, headers)] = await office_with_admins(gateway)
        user = await gateway.create_user(Role.examiner, office=office)
        response = await patch(gateway, user["id"], {"roles": ["examiner", "national"]}, headers)
        assert response.status_code == 403
        assert response.json()["type"].endswith("/role-above-yours")

    async def test_an_office_admin_grants_staff_roles_alone(
        self, gateway: GatewayUnderTest
    ) -> None:
        office, [(_, headers)] = await office_with_admins(gateway)
        user = await gateway.create_user(Role.examiner, office=office)
        roles = ["examiner", "examination_supervisor"]
        response = await patch(gateway, user["id"], {"roles": roles}, headers)
        assert response.status_code == 200
        assert response.json()["roles"] == roles
