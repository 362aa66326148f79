"""The role-change audit: every change, both approvers, read by the DPO only."""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from apik_shared.platform.auth import Role
from tests.gateway.builders import GatewayUnderTest

USERS = "/api/v1/auth/users"
AUDIT = "/api/v1/auth/audit/role-changes"


async def new_office(gateway: GatewayUnderTest) -> str:
    office = f"A{secrets.token_hex(3).upper()}"
    await gateway.create_office(office)
    return office


async def signed_in(gateway: GatewayUnderTest, *roles: str, office: str) -> Any:
    user = await gateway.create_user(*roles, office=office)
    return user, await gateway.headers(user["username"], user["password"])


async def patch(
    gateway: GatewayUnderTest, user_id: str, body: dict[str, object], headers: dict[str, str]
) -> Any:
    path = f"{USERS}/{user_id}"
    etag = (await gateway.client.get(path, headers=headers)).headers["etag"]
    return await gateway.client.patch(path, json=body, headers={**headers, "If-Match": etag})


class TestWhatIsRecorded:
    async def test_each_change_appears_with_who_whom_before_after_and_both_approvers(
        self, gateway: GatewayUnderTest
    ) -> None:
        office = await new_office(gateway)
        first, first_h = await signed_in(gateway, Role.admin, office=office)
        second, second_h = await signed_in(gateway, Role.admin, office=office)
        _, dpo_h = await signed_in(gateway, Role.dpo, office=office)

        username = f"dewi.{secrets.token_hex(4)}"
        created = await gateway.client.post(
            USERS,
            json={
                "username": username,
                "password": "a-long-enough-passphrase-7",
                "full_name": "Dewi Lestari",
                "office": office,
                "roles": ["examiner"],
            },
            headers=first_h,
        )
        user_id = created.json()["id"]
        assert (
            await patch(gateway, user_id, {"roles": ["examiner", "analyst"]}, first_h)
        ).is_success
        proposed = await gateway.client.post(
            f"{USERS}/{user_id}/role-proposals",
            json={"roles": ["examiner", "analyst", "head"]},
            headers=first_h,
        )
        approved = await gateway.client.post(
            proposed.headers["location"] + "/approval", headers=second_h
        )
        assert approved.status_code == 200

        listed = await gateway.client.get(AUDIT, params={"account_id": user_id}, headers=dpo_h)
        assert listed.status_code == 200, listed.text
        rows = [
            (
                r["roles_before"],
                r["roles_after"],
                r["authority"],
                r["proposed_by"],
                r["approved_by"],
            )
            for r in listed.json()["items"]
        ]
        by_first, by_second = f"user:{first['id']}", f"user:{second['id']}"
        # Newest first: the two-admin grant, the direct change, the account's creation.
        assert rows == [
            (
                ["examiner", "analyst"],
                ["examiner", "analyst", "head"],
                "two_admins",
                by_first,
                by_second,
            ),
            (["examiner"], ["examiner", "analyst"], "admin", by_first, None),
            ([], ["examiner"], "admin", by_first, None),
        ]
        newest = listed.json()["items"][0]
        assert newest["status"] == "applied"
        assert newest["proposed_at"] <= newest["decided_at"]
        assert newest["office"] == office
        assert {r["account_name"] for r in listed.json()["items"]} == {username}

    async def test_a_pending_proposal_is_listed_as_pending(self, gateway: GatewayUnderTest) -> None:
        office = await new_office(gateway)
        _, admin_h = await signed_in(gateway, Role.admin, office=office)
        _, dpo_h = await signed_in(gateway, Role.dpo, office=office)
        user = await gateway.create_user(Role.examiner, office=office)
        await gateway.client.post(
            f"{USERS}/{user['id']}/role-proposals", json={"roles": ["head"]}, headers=admin_h
        )
        listed = await gateway.client.get(
            AUDIT, params={"status": "pending", "account_id": user["id"]}, headers=dpo_h
        )
        [row] = listed.json()["items"]
        assert row["approved_by"] is None and row["authority"] is None


class TestWhoReads:
    @pytest.mark.parametrize(
        "roles", [("admin",), ("head",), ("examiner",), ("analyst", "national")]
    )
    async def test_a_non_dpo_cannot_read_the_audit(
        self, gateway: GatewayUnderTest, roles: tuple[str, ...]
    ) -> None:
        office = await new_office(gateway)
        _, headers = await signed_in(gateway, *roles, office=office)
        response = await gateway.client.get(AUDIT, headers=headers)
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/problem+json"

    async def test_without_a_token_is_401(self, gateway: GatewayUnderTest) -> None:
        assert (await gateway.client.get(AUDIT)).status_code == 401

    async def test_an_office_dpo_reads_its_own_office_only(self, gateway: GatewayUnderTest) -> None:
        office, other = await new_office(gateway), await new_office(gateway)
        _, dpo_h = await signed_in(gateway, Role.dpo, office=office)
        ours = await gateway.create_user(Role.examiner, office=office)
        theirs = await gateway.create_user(Role.examiner, office=other)
        listed = await gateway.client.get(AUDIT, params={"limit": 200}, headers=dpo_h)
        ids = {r["account_id"] for r in listed.json()["items"]}
        assert ours["id"] in ids
        assert theirs["id"] not in ids
        assert {r["office"] for r in listed.json()["items"]} == {office}

    async def test_a_national_admin_reads_every_office(self, gateway: GatewayUnderTest) -> None:
        office = await new_office(gateway)
        user = await gateway.create_user(Role.examiner, office=office)
        listed = await gateway.client.get(
            AUDIT, params={"account_id": user["id"]}, headers=await gateway.headers()
        )
        assert [r["account_id"] for r in listed.json()["items"]] == [user["id"]]


class TestPaging:
    async def test_pages_newest_first_with_a_cursor(self, gateway: GatewayUnderTest) -> None:
        office = await new_office(gateway)
        _, dpo_h = await signed_in(gateway, Role.dpo, office=office)
        for _ in range(3):
            await gateway.create_user(Role.analyst, office=office)
        seen: list[str] = []
        cursor = None
        while True:
            params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
            page = (await gateway.client.get(AUDIT, params=params, headers=dpo_h)).json()
            seen += [r["proposed_at"] for r in page["items"]]
            if (cursor := page["next_cursor"]) is None:
                break
        assert len(seen) == 4  # the DPO's own account, then three analysts
        assert seen == sorted(seen, reverse=True)

    @pytest.mark.parametrize(
        ("param", "value"),
        [("cursor", "%%%"), ("status", "granted"), ("account_id", "x\x00"), ("since", "yesterday")],
    )
    async def test_a_bad_filter_is_422_naming_it(
        self, gateway: GatewayUnderTest, param: str, value: str
    ) -> None:
        response = await gateway.client.get(
            AUDIT, params={param: value}, headers=await gateway.headers()
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["pointer"] == f"#/query/{param}"
