"""The `community_member` role: held alone, by an account named `sahabat-<member id>`,
since intake takes the member from the token's username (a Sahabat Ombudsman member
files reports as themselves). A staff account cannot become one, nor a member staff."""

from __future__ import annotations

import uuid

from apik_shared.platform.auth import Principal, Role, member_id_of
from tests.gateway.builders import USER_PASSWORD, GatewayUnderTest

USERS = "/api/v1/auth/users"


def _body(username: str, *roles: str) -> dict[str, object]:
    return {
        "username": username,
        "password": USER_PASSWORD,
        "full_name": "Siti Rahma",
        "office": "PUSAT",
        "roles": list(roles),
    }


async def test_a_member_account_is_named_after_the_member_and_holds_the_role_alone(
    gateway: GatewayUnderTest,
) -> None:
    headers = await gateway.headers()
    member = uuid.uuid4()
    username = f"sahabat-{member}"
    made = await gateway.client.post(
        USERS, json=_body(username, "community_member"), headers=headers
    )
    assert made.status_code == 201, made.text
    token = await gateway.token(username, USER_PASSWORD)
    me = await gateway.client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["roles"] == ["community_member"]

    for bad in (
        _body(f"user.{uuid.uuid4().hex[:8]}", "community_member"),  # not named after one
        _body(f"sahabat-{uuid.uuid4()}", "community_member", "intake_officer"),  # mixed
    ):
        refused = await gateway.client.post(USERS, json=bad, headers=headers)
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["pointer"] == "#/body/roles"
    # A member's account cannot be given a staff role later either.
    path = f"{USERS}/{made.json()['id']}"
    etag = (await gateway.client.get(path, headers=headers)).headers["etag"]
    mixed = await gateway.client.patch(
        path,
        json={"roles": ["community_member", "intake_officer"]},
        headers={**headers, "If-Match": etag},
    )
    assert mixed.status_code == 422, mixed.text


def test_the_member_comes_from_the_username_of_a_member_account_only() -> None:
    member = uuid.uuid4()
    who = Principal(
        subject="user:1",
        username=f"sahabat-{member}",
        office="KAB",
        roles=frozenset({"community_member"}),
    )
    assert member_id_of(who) == member
    assert (
        member_id_of(Principal(**{**who.__dict__, "roles": frozenset({Role.intake_officer})}))
        is None
    )
    assert member_id_of(Principal(**{**who.__dict__, "kind": "client"})) is None
    assert member_id_of(Principal(**{**who.__dict__, "username": "sahabat-x"})) is None
