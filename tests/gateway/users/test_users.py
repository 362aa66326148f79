"""Administration of users: who may do what, and what comes back."""

from __future__ import annotations

import pytest

from apik_shared.platform.auth import Role
from tests.gateway.builders import USER_PASSWORD, GatewayUnderTest

USERS = "/api/v1/auth/users"


def new_user(username: str, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "username": username,
        "password": USER_PASSWORD,
        "full_name": "Budi Santoso",
        "office": "PUSAT",
        "roles": ["examiner"],
    }
    body.update(overrides)
    return body


class TestCreateUser:
    async def test_201_with_an_id_and_the_user_can_log_in(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.post(
            USERS, json=new_user("budi.create"), headers=await gateway.headers()
        )
        assert response.status_code == 201
        assert response.json()["id"]
        assert response.headers["location"] == f"{USERS}/{response.json()['id']}"
        assert await gateway.token("budi.create", USER_PASSWORD)

    async def test_a_taken_username_is_409(self, gateway: GatewayUnderTest) -> None:
        admin = await gateway.headers()
        first = await gateway.client.post(USERS, json=new_user("budi.twice"), headers=admin)
        second = await gateway.client.post(USERS, json=new_user("budi.twice"), headers=admin)
        assert first.status_code == 201
        assert second.status_code == 409
        assert second.json()["type"] == "/problems/username-taken"

    async def test_a_retry_with_the_same_idempotency_key_creates_one_user(
        self, gateway: GatewayUnderTest
    ) -> None:
        admin = {**await gateway.headers(), "Idempotency-Key": "create-budi-retry"}
        first = await gateway.client.post(USERS, json=new_user("budi.retry"), headers=admin)
        retry = await gateway.client.post(USERS, json=new_user("budi.retry"), headers=admin)
        assert first.status_code == retry.status_code == 201
        assert retry.json() == first.json()
        assert retry.headers["idempotent-replayed"] == "true"
        other = await gateway.client.post(USERS, json=new_user("budi.other"), headers=admin)
        assert other.status_code == 422

    async def test_a_replay_carries_the_location_and_etag_of_the_first_answer(
        self, gateway: GatewayUnderTest
    ) -> None:
        admin = {**await gateway.headers(), "Idempotency-Key": "create-budi-headers"}
        first = await gateway.client.post(USERS, json=new_user("budi.headers"), headers=admin)
        retry = await gateway.client.post(USERS, json=new_user("budi.headers"), headers=admin)
        assert first.status_code == retry.status_code == 201
        assert first.headers["location"] == f"{USERS}/{first.json()['id']}"
        assert retry.headers["location"] == first.headers["location"]
        assert retry.headers["etag"] == first.headers["etag"]
        read = await gateway.client.get(first.headers["location"], headers=admin)
        assert read.headers["etag"] == retry.headers["etag"]

    @pytest.mark.parametrize("field", ["full_name", "username", "password"])
    async def test_nul_in_a_text_is_422_naming_the_field_and_stores_nothing(
        self, gateway: GatewayUnderTest, field: str
    ) -> None:
        username = f"nul.{field.replace('_', '.')}"
        body = new_user(username)
        body[field] = f"{str(body[field])[:4]}\x00{str(body[field])[4:]}"
        admin = await gateway.headers()
        response = await gateway.client.post(USERS, json=body, headers=admin)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert [e["pointer"] for e in response.json()["errors"]] == [f"#/body/{field}"]
        # Nothing was stored: the same user without the NUL is new.
        clean = await gateway.client.post(USERS, json=new_user(username), headers=admin)
        assert clean.status_code == 201, clean.text

    async def test_nul_in_a_changed_name_is_422_and_changes_nothing(
        self, gateway: GatewayUnderTest
    ) -> None:
        user = await gateway.create_user(Role.examiner)
        admin = await gateway.headers()
        path = f"{USERS}/{user['id']}"
        read = await gateway.client.get(path, headers=admin)
        response = await gateway.client.patch(
            path,
            json={"full_name": "Dewi\x00"},
            headers={**admin, "If-Match": read.headers["etag"]},
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["pointer"] == "#/body/full_name"
        after = await gateway.client.get(path, headers=admin)
        assert after.json() == read.json()

    async def test_an_unknown_field_is_422(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.post(
            USERS, json=new_user("budi.extra", is_root=True), headers=await gateway.headers()
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["pointer"] == "#/body/is_root"

    async def test_an_unknown_role_is_422_naming_the_field(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.post(
            USERS,
            json=new_user("budi.role", roles=["examiner", "overlord"]),
            headers=await gateway.headers(),
        )
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert [e["pointer"] for e in response.json()["errors"]] == ["#/body/roles/1"]

    async def test_an_unknown_office_is_422(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.post(
            USERS, json=new_user("budi.office", office="NOPE"), headers=await gateway.headers()
        )
        assert response.status_code == 422
        error = response.json()["errors"][0]
        assert error["pointer"] == "#/body/office"
        assert (error["code"], error["params"]) == ("unknown_office", {"office": "NOPE"})

    async def test_a_weak_password_is_422(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.post(
            USERS, json=new_user("budi.weak", password="short"), headers=await gateway.headers()
        )
        assert response.status_code == 422
        error = response.json()["errors"][0]
        assert error["pointer"] == "#/body/password"
        assert (error["code"], error["params"]) == ("string_too_short", {"min_length": 12})
        assert error["detail"] == "Use at least 12 characters."

    async def test_a_non_admin_gets_403(self, gateway: GatewayUnderTest) -> None:
        user = await gateway.create_user(Role.examiner)
        response = await gateway.client.post(
            USERS,
            json=new_user("budi.403"),
            headers=await gateway.headers(user["username"], user["password"]),
        )
        assert response.status_code == 403

    async def test_without_a_token_is_401(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.post(USERS, json=new_user("budi.401"))
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"


class TestOfficeScope:
    async def test_an_office_admin_manages_their_own_office_only(
        self, gateway: GatewayUnderTest
    ) -> None:
        await gateway.create_office("SULSEL")
        await gateway.create_office("PAPUA", timezone="Asia/Jayapura")
        office_admin = await gateway.create_user(Role.admin, office="SULSEL")
        headers = await gateway.headers(office_admin["username"], office_admin["password"])

        own = await gateway.client.post(
            USERS, json=new_user("andi.sulsel", office="SULSEL"), headers=headers
        )
        other = await gateway.client.post(
            USERS, json=new_user("yan.papua", office="PAPUA"), headers=headers
        )
        national = await gateway.client.post(
            USERS,
            json=new_user("andi.national", office="SULSEL", roles=["national"]),
            headers=headers,
        )
        assert own.status_code == 201
        assert other.status_code == 403
        assert national.status_code == 403

        listed = await gateway.client.get(USERS, headers=headers, params={"limit": 200})
        assert {u["office"] for u in listed.json()["items"]} == {"SULSEL"}
        pusat_user = await gateway.create_user(Role.analyst)
        hidden = await gateway.client.get(f"{USERS}/{pusat_user['id']}", headers=headers)
        assert hidden.status_code == 404


class TestListUsers:
    async def test_pages_with_a_cursor_and_never_shows_hashes(
        self, gateway: GatewayUnderTest
    ) -> None:
        for _ in range(3):
            await gateway.create_user(Role.analyst)
        admin = await gateway.headers()
        seen: list[str] = []
        cursor = None
        while True:
            params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
            page = (await gateway.client.get(USERS, headers=admin, params=params)).json()
            assert len(page["items"]) <= 2
            for item in page["items"]:
                assert not any("hash" in key or "password" in key for key in item)
            seen += [u["username"] for u in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == sorted(seen)
        assert len(seen) == len(set(seen)) >= 4

    async def test_a_bad_cursor_is_422(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.get(
            USERS, headers=await gateway.headers(), params={"cursor": "%%%"}
        )
        assert response.status_code == 422


class TestUpdateUser:
    async def test_changes_with_the_current_etag(self, gateway: GatewayUnderTest) -> None:
        user = await gateway.create_user(Role.examiner)
        admin = await gateway.headers()
        path = f"{USERS}/{user['id']}"
        read = await gateway.client.get(path, headers=admin)
        response = await gateway.client.patch(
            path,
            json={"roles": ["examiner", "examination_supervisor"], "full_name": "Dewi"},
            headers={**admin, "If-Match": read.headers["etag"]},
        )
        assert response.status_code == 200
        assert response.json()["roles"] == ["examiner", "examination_supervisor"]
        assert response.json()["full_name"] == "Dewi"
        assert response.headers["etag"] != read.headers["etag"]
        assert "password_hash" not in response.json()

    async def test_a_stale_etag_is_412(self, gateway: GatewayUnderTest) -> None:
        user = await gateway.create_user(Role.examiner)
        admin = await gateway.headers()
        path = f"{USERS}/{user['id']}"
        stale = (await gateway.client.get(path, headers=admin)).headers["etag"]
        first = await gateway.client.patch(
            path, json={"full_name": "One"}, headers={**admin, "If-Match": stale}
        )
        second = await gateway.client.patch(
            path, json={"full_name": "Two"}, headers={**admin, "If-Match": stale}
        )
        assert first.status_code == 200
        assert second.status_code == 412
        assert (await gateway.client.get(path, headers=admin)).json()["full_name"] == "One"

    async def test_without_if_match_is_428(self, gateway: GatewayUnderTest) -> None:
        user = await gateway.create_user(Role.examiner)
        response = await gateway.client.patch(
            f"{USERS}/{user['id']}", json={"full_name": "X"}, headers=await gateway.headers()
        )
        assert response.status_code == 428

    async def test_a_new_password_replaces_the_old(self, gateway: GatewayUnderTest) -> None:
        user = await gateway.create_user(Role.examiner)
        admin = await gateway.headers()
        path = f"{USERS}/{user['id']}"
        etag = (await gateway.client.get(path, headers=admin)).headers["etag"]
        new_password = "another-long-passphrase-8"
        response = await gateway.client.patch(
            path, json={"password": new_password}, headers={**admin, "If-Match": etag}
        )
        assert response.status_code == 200
        assert await gateway.token(user["username"], new_password)
        old = await gateway.client.post(
            "/api/v1/auth/token", data={"username": user["username"], "password": user["password"]}
        )
        assert old.status_code == 401

    async def test_an_admin_cannot_lock_themselves_out(self, gateway: GatewayUnderTest) -> None:
        me = await gateway.create_user(Role.admin)
        headers = await gateway.headers(me["username"], me["password"])
        path = f"{USERS}/{me['id']}"
        etag = (await gateway.client.get(path, headers=headers)).headers["etag"]
        response = await gateway.client.patch(
            path, json={"disabled": True}, headers={**headers, "If-Match": etag}
        )
        assert response.status_code == 409
