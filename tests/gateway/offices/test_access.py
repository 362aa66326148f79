"""Who may open offices and read the registry, and what a zone may be."""

from __future__ import annotations

from apik_shared.platform.auth import Role
from tests.gateway.builders import GatewayUnderTest


class TestWhoMay:
    async def test_only_a_national_admin_opens_offices(self, gateway: GatewayUnderTest) -> None:
        await gateway.create_office("SULSEL")
        office_admin = await gateway.create_user(Role.admin, office="SULSEL")
        response = await gateway.client.post(
            "/api/v1/auth/offices",
            json={"code": "NTT", "name": "Perwakilan NTT", "timezone": "Asia/Makassar"},
            headers=await gateway.headers(office_admin["username"], office_admin["password"]),
        )
        assert response.status_code == 403

    async def test_office_time_zones_are_indonesian(self, gateway: GatewayUnderTest) -> None:
        response = await gateway.client.post(
            "/api/v1/auth/offices",
            json={"code": "XX", "name": "Nowhere", "timezone": "Europe/Paris"},
            headers=await gateway.headers(),
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["pointer"] == "#/body/timezone"

    async def test_any_signed_in_user_lists_offices(self, gateway: GatewayUnderTest) -> None:
        user = await gateway.create_user(Role.examiner)
        headers = await gateway.headers(user["username"], user["password"])
        response = await gateway.client.get("/api/v1/auth/offices", headers=headers)
        assert response.status_code == 200
        pusat = next(o for o in response.json()["items"] if o["code"] == "PUSAT")
        assert {k: pusat[k] for k in ("code", "name", "timezone")} == {
            "code": "PUSAT",
            "name": "Ombudsman RI Kantor Pusat",
            "timezone": "Asia/Jakarta",
        }
        assert {"letterhead", "head_name", "address", "closure_days", "version"} <= set(pusat)
