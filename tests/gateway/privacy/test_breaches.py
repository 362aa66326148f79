"""The personal-data breach register (UU 27/2022 art. 46): the 72-hour notification
deadline from discovery, the record of who was told when and how, kept by the office's
data protection officer alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.gateway.builders import GatewayUnderTest

BREACHES = "/api/v1/auth/privacy/breaches"
Headers = dict[str, str]


def breach_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Laptop staf PVL hilang",
        "description": "Laptop tanpa enkripsi disk berisi ekspor laporan 2025 hilang di bandara.",
        "discovered_at": (datetime.now(UTC) - timedelta(hours=2)).isoformat(),
        "data_classes": ["name", "identity_number", "contact", "complaint_content"],
        "subjects_affected": 340,
    }
    body.update(overrides)
    return body


async def record(gateway: GatewayUnderTest, headers: Headers, **overrides: Any) -> Any:
    response = await gateway.client.post(BREACHES, json=breach_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response


async def notify(
    gateway: GatewayUnderTest, path: str, headers: Headers, recipient: str, **extra: Any
) -> Any:
    body = {
        "recipient": recipient,
        "notified_at": datetime.now(UTC).isoformat(),
        "means": "Surat No. 12/ORI-BKL/2026" if recipient == "authority" else "Email dan SMS",
        "content": "Data yang terungkap, kapan dan bagaimana, serta upaya penanganan.",
        **extra,
    }
    return await gateway.client.post(f"{path}/notifications", json=body, headers=headers)


async def patch(
    gateway: GatewayUnderTest, path: str, body: dict[str, Any], headers: Headers
) -> Any:
    etag = (await gateway.client.get(path, headers=headers)).headers["etag"]
    return await gateway.client.patch(path, json=body, headers={**headers, "If-Match": etag})


class TestDeadline:
    async def test_notification_due_72_hours_after_discovery_and_overdue_until_both_told(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        discovered = datetime.now(UTC) - timedelta(hours=80)
        created = await record(gateway, dpo, discovered_at=discovered.isoformat())
        breach = created.json()
        assert datetime.fromisoformat(breach["notification_due_at"]) == discovered + timedelta(
            hours=72
        )
        assert breach["status"] == "open" and breach["overdue"] is True
        fresh = await record(gateway, dpo)
        assert fresh.json()["overdue"] is False

        overdue = await gateway.client.get(BREACHES, params={"overdue": "true"}, headers=dpo)
        assert [b["id"] for b in overdue.json()["items"]] == [breach["id"]]

        path = created.headers["location"]
        assert (await notify(gateway, path, dpo, "authority")).status_code == 201
        still = await gateway.client.get(BREACHES, params={"overdue": "true"}, headers=dpo)
        assert [b["id"] for b in still.json()["items"]] == [breach["id"]], "subjects untold"
        assert (await notify(gateway, path, dpo, "subjects")).status_code == 201
        done = await gateway.client.get(BREACHES, params={"overdue": "true"}, headers=dpo)
        assert done.json()["items"] == []


class TestNotificationRecord:
    async def test_each_notification_says_when_how_and_by_whom(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        created = await record(gateway, dpo)
        path = created.headers["location"]
        told_at = datetime.now(UTC) - timedelta(minutes=30)
        authority = await notify(gateway, path, dpo, "authority", notified_at=told_at.isoformat())
        assert authority.status_code == 201, authority.text
        assert authority.headers["location"] == path
        assert authority.json()["notified_by_name"].startswith("user.")
        await notify(gateway, path, dpo, "subjects")

        detail = (await gateway.client.get(path, headers=dpo)).json()
        assert datetime.fromisoformat(detail["authority_notified_at"]) == told_at
        assert detail["subjects_notified_at"] is not None
        assert [(n["recipient"], n["means"]) for n in detail["notifications"]] == [
            ("authority", "Surat No. 12/ORI-BKL/2026"),
            ("subjects", "Email dan SMS"),
        ]
        assert detail["specific_data"] is False

    async def test_closing_needs_the_authority_and_the_subjects_told(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        path = (await record(gateway, dpo)).headers["location"]
        contained = await patch(gateway, path, {"status": "contained"}, dpo)
        assert contained.status_code == 200, contained.text
        await notify(gateway, path, dpo, "authority")
        early = await patch(gateway, path, {"status": "closed"}, dpo)
        assert early.status_code == 409 and early.json()["code"] == "notify_first"
        await notify(gateway, path, dpo, "subjects")
        closed = await patch(
            gateway, path, {"status": "closed", "resolution": "Akun direset."}, dpo
        )
        assert closed.status_code == 200 and closed.json()["status"] == "closed"
        reopened = await patch(gateway, path, {"status": "open"}, dpo)
        assert reopened.status_code == 409 and reopened.json()["code"] == "cannot_become"
        assert reopened.json()["params"] == {"status": "closed", "target": "open"}

    async def test_a_notification_before_the_discovery_or_in_the_future_is_refused(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        path = (await record(gateway, dpo)).headers["location"]
        for when in (datetime.now(UTC) - timedelta(days=3), datetime.now(UTC) + timedelta(days=1)):
            refused = await notify(gateway, path, dpo, "authority", notified_at=when.isoformat())
            assert refused.status_code == 422
            assert refused.json()["errors"][0]["pointer"] == "#/body/notified_at"
        detail = (await gateway.client.get(path, headers=dpo)).json()
        assert detail["notifications"] == [] and detail["authority_notified_at"] is None


class TestTheRegister:
    async def test_the_discovery_never_moves_and_dismissal_says_why(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        path = (await record(gateway, dpo)).headers["location"]
        moved = await patch(gateway, path, {"discovered_at": datetime.now(UTC).isoformat()}, dpo)
        assert moved.status_code == 422
        assert moved.json()["errors"][0]["pointer"] == "#/body/discovered_at"
        bare = await patch(gateway, path, {"status": "dismissed"}, dpo)
        assert bare.status_code == 422
        assert bare.json()["errors"][0]["pointer"] == "#/body/resolution"
        dismissed = await patch(
            gateway,
            path,
            {"status": "dismissed", "resolution": "Laptop ditemukan, disk tidak dibuka."},
            dpo,
        )
        assert dismissed.status_code == 200 and dismissed.json()["overdue"] is False

    @pytest.mark.parametrize(
        ("overrides", "pointer"),
        [
            ({"occurred_at": datetime.now(UTC).isoformat()}, "#/body/occurred_at"),
            ({"discovered_at": "2026-01-01T00:00:00"}, "#/body/discovered_at"),
            ({"data_classes": []}, "#/body/data_classes"),
            ({"data_classes": ["shoe_size"]}, "#/body/data_classes/0"),
            ({"subjects_affected": -1}, "#/body/subjects_affected"),
            ({"title": "A\u0000B"}, "#/body/title"),
        ],
    )
    async def test_bad_input_names_its_field(
        self,
        gateway: GatewayUnderTest,
        office: str,
        signed_in: Any,
        overrides: dict[str, Any],
        pointer: str,
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        response = await gateway.client.post(BREACHES, json=breach_body(**overrides), headers=dpo)
        assert response.status_code == 422, response.text
        assert [e["pointer"] for e in response.json()["errors"]] == [pointer]
        assert (await gateway.client.get(BREACHES, headers=dpo)).json()["items"] == []

    async def test_only_the_offices_dpo_keeps_it(
        self, gateway: GatewayUnderTest, office: str, other_office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        path = (await record(gateway, dpo)).headers["location"]
        for outsider in (
            await signed_in("admin", "head", office=office),
            await gateway.headers(),  # the national admin
        ):
            assert (await gateway.client.get(path, headers=outsider)).status_code == 403
            assert (await gateway.client.get(BREACHES, headers=outsider)).status_code == 403
            assert (await notify(gateway, path, outsider, "authority")).status_code == 403
        stranger = await signed_in("dpo", office=other_office)
        assert (await gateway.client.get(path, headers=stranger)).status_code == 404
        assert (await notify(gateway, path, stranger, "authority")).status_code == 404
        changed = await gateway.client.patch(
            path, json={"subjects_affected": 1}, headers={**stranger, "If-Match": "*"}
        )
        assert changed.status_code == 404
        named = await gateway.client.get(BREACHES, params={"office": office}, headers=stranger)
        assert named.status_code == 403
