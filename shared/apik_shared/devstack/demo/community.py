"""The demo's Sahabat Ombudsman community: one group, one member inducted into it, and
that member's own account (`sahabat-<member id>`, role `community_member` alone), so the
member's screen can be shown like every staff screen.

Found and kept on a second run: the group by its name, the member by their name in the
group (the prevention unit reads names in full), the account by its username.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from apik_shared.devstack.demo.data import DEMO_PASSWORD

if TYPE_CHECKING:
    from apik_shared.devstack.demo.fill import Demo

GROUPS = "/api/v1/prevention/community/groups"
MEMBERS = "/api/v1/prevention/community/members"
GROUP = {"name": "Sahabat Ombudsman Kota Bengkulu", "regency": "Kota Bengkulu"}
MEMBER_NAME = "Intan Permatasari"


def member_username(member_id: str) -> str:
    return f"sahabat-{member_id}"


async def community(demo: Demo, admin: dict[str, str]) -> str:
    """The group, the member (active) and their account; the member's username."""
    officer = await demo.as_("cegah")
    groups = (await demo.call("GET", GROUPS, officer)).json()
    group = next((g for g in groups if g["name"] == GROUP["name"]), None)
    demo.summary.count("community", created=group is None)
    if group is None:
        idem = {**officer, "Idempotency-Key": f"demo:{demo.office}:community-group"}
        group = (await demo.call("POST", GROUPS, idem, json=GROUP)).json()

    members = (await demo.call("GET", MEMBERS, officer, params={"group_id": group["id"]})).json()
    member = next((m for m in members if m["name"] == MEMBER_NAME), None)
    demo.summary.count("community", created=member is None)
    if member is None:
        body = {
            "group_id": group["id"],
            "name": MEMBER_NAME,
            "phone": "0812-7300-1122",
            "consent": {"given_on": demo.at(60)[:10], "scope": ["contact"]},
            "inducted_on": demo.at(30)[:10],
        }
        idem = {**officer, "Idempotency-Key": f"demo:{demo.office}:community-member"}
        member = (await demo.call("POST", MEMBERS, idem, json=body)).json()

    name = member_username(member["id"])
    exists = name in await demo.users(admin)
    demo.summary.count("users", created=not exists)
    if not exists:
        body = {
            "username": name,
            "password": DEMO_PASSWORD,
            "full_name": MEMBER_NAME,
            "office": demo.office,
            "roles": ["community_member"],
        }
        idem = {**admin, "Idempotency-Key": f"demo:{demo.office}:user:{name}"}
        await demo.call("POST", "/api/v1/auth/users", idem, json=body)
    return name
