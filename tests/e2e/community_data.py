"""What the community journey (`frontend/e2e/community.mjs`) starts from: an office of
its own with a prevention officer and one Sahabat Ombudsman group. The member is
recorded and inducted in the browser; their account is then made by the national
administrator, as the office would after the induction."""

from __future__ import annotations

import uuid

import httpx

from tests.e2e.office import create_user, open_office

GROUPS = "/api/v1/prevention/community/groups"


async def community_office(gateway: httpx.AsyncClient, admin: dict[str, str]) -> dict[str, str]:
    code = await open_office(gateway, admin, "SO")
    officer = f"sahabatcegah{uuid.uuid4().hex[:6]}"
    headers = await create_user(gateway, admin, officer, code, "prevention_officer")
    group = await gateway.post(
        GROUPS,
        headers=headers,
        json={"name": "Sahabat Ombudsman Kota Bengkulu", "regency": "Kota Bengkulu"},
    )
    assert group.status_code == 201, group.text
    return {"APIK_COMMUNITY_OFFICER": officer, "APIK_COMMUNITY_OFFICE": code}
