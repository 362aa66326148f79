"""API clients: registered by admins, the secret shown once and never listed."""

from __future__ import annotations

from tests.gateway.builders import GatewayUnderTest


class TestClients:
    async def test_list_never_shows_the_secret(self, gateway: GatewayUnderTest) -> None:
        await gateway.create_client()
        response = await gateway.client.get("/api/v1/auth/clients", headers=await gateway.headers())
        assert response.status_code == 200
        items = response.json()["items"]
        assert items
        assert all("secret" not in key for item in items for key in item)

    async def test_nul_in_the_name_is_422_naming_the_field_and_stores_nothing(
        self, gateway: GatewayUnderTest
    ) -> None:
        admin = await gateway.headers()
        response = await gateway.client.post(
            "/api/v1/auth/clients",
            json={"name": "Nul probe\x00 sync", "office": "PUSAT", "roles": ["analyst"]},
            headers=admin,
        )
        assert response.status_code == 422, response.text
        assert [e["pointer"] for e in response.json()["errors"]] == ["#/body/name"]
        listed = await gateway.client.get(
            "/api/v1/auth/clients", headers=admin, params={"limit": 200}
        )
        assert not [c for c in listed.json()["items"] if c["name"].startswith("Nul probe")]
