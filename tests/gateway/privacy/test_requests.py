"""Data subjects' requests (UU 27/2022): recorded with their 72-hour deadline, seen and
handled by the office's data protection officer alone, the identity sealed at rest and
every opening of it audited."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.gateway.builders import GatewayUnderTest

REQUESTS = "/api/v1/auth/privacy/requests"
NIK = "1771010101900001"
Headers = dict[str, str]


def request_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "access",
        "requester": {
            "name": "Rahmat Hidayat",
            "nik": NIK,
            "phone": "0812 3456 7890",
            "email": "rahmat.hidayat@example.org",
            "address": "Jl. Merdeka 17, Bengkulu",
        },
        "details": "Salinan semua data saya dalam pengaduan tahun 2025.",
    }
    body.update(overrides)
    return body


async def record(gateway: GatewayUnderTest, headers: Headers, **overrides: Any) -> Any:
    response = await gateway.client.post(REQUESTS, json=request_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response


async def step(
    gateway: GatewayUnderTest, request_id: str, body: dict[str, Any], headers: Headers
) -> Any:
    path = f"{REQUESTS}/{request_id}"
    etag = (await gateway.client.get(path, headers=headers)).headers["etag"]
    return await gateway.client.patch(path, json=body, headers={**headers, "If-Match": etag})


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


class TestDeadline:
    async def test_due_exactly_72_hours_after_receipt(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        received = datetime(2026, 3, 6, 16, 30, tzinfo=UTC)  # a Friday afternoon
        created = await record(gateway, dpo, received_at=received.isoformat())
        assert instant(created.json()["due_at"]) == received + timedelta(hours=72)

        opened = await gateway.client.get(created.headers["location"], headers=dpo)
        assert opened.status_code == 200, opened.text
        shown = opened.json()
        assert instant(shown["received_at"]) == received
        assert instant(shown["due_at"]) - instant(shown["received_at"]) == timedelta(hours=72)
        assert shown["status"] == "received"
        assert shown["overdue"] is True

    async def test_received_now_when_not_said(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        before = datetime.now(UTC)
        created = await record(gateway, dpo)
        due = instant(created.json()["due_at"])
        assert before + timedelta(hours=72) <= due <= datetime.now(UTC) + timedelta(hours=72)

    async def test_the_overdue_filter_lists_open_requests_past_their_deadline(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        now = datetime.now(UTC)
        late = await record(gateway, dpo, received_at=(now - timedelta(hours=73)).isoformat())
        fresh = await record(gateway, dpo, received_at=(now - timedelta(hours=71)).isoformat())
        answered = await record(gateway, dpo, received_at=(now - timedelta(days=5)).isoformat())
        answered_id = answered.json()["id"]
        done = await step(
            gateway, answered_id, {"status": "answered", "answer": "Salinan dikirim."}, dpo
        )
        assert done.status_code == 200, done.text

        overdue = await gateway.client.get(REQUESTS, params={"overdue": "true"}, headers=dpo)
        assert [r["id"] for r in overdue.json()["items"]] == [late.json()["id"]]
        on_time = await gateway.client.get(REQUESTS, params={"overdue": "false"}, headers=dpo)
        assert {r["id"] for r in on_time.json()["items"]} == {fresh.json()["id"], answered_id}


class TestWhoSeesThem:
    async def test_another_offices_dpo_cannot_see_or_change_it(
        self, gateway: GatewayUnderTest, office: str, other_office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        stranger = await signed_in("dpo", office=other_office)
        path = (await record(gateway, dpo)).headers["location"]

        assert (await gateway.client.get(path, headers=stranger)).status_code == 404
        assert (await gateway.client.get(f"{path}/reads", headers=stranger)).status_code == 404
        changed = await gateway.client.patch(
            path, json={"status": "in_progress"}, headers={**stranger, "If-Match": "*"}
        )
        assert changed.status_code == 404
        named = await gateway.client.get(REQUESTS, params={"office": office}, headers=stranger)
        assert named.status_code == 403
        own = await gateway.client.get(REQUESTS, headers=stranger)
        assert own.status_code == 200 and own.json()["items"] == []
        # Nor can it file one in the other office's register.
        filed = await gateway.client.post(
            REQUESTS, json=request_body(office=office), headers=stranger
        )
        assert filed.status_code == 403

    @pytest.mark.parametrize("roles", [("admin",), ("head",), ("admin", "head", "examiner")])
    async def test_an_office_admin_or_head_cannot_read_the_requesters_identity(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any, roles: tuple[str, ...]
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        insider = await signed_in(*roles, office=office)
        path = (await record(gateway, dpo)).headers["location"]

        for url in (path, REQUESTS, f"{path}/reads"):
            refused = await gateway.client.get(url, headers=insider)
            assert refused.status_code == 403, refused.text
            assert refused.headers["content-type"].startswith("application/problem+json")
            assert "Rahmat" not in refused.text and NIK not in refused.text
        taken = await gateway.client.patch(
            path,
            json={"status": "answered", "answer": "Ditolak."},
            headers={**insider, "If-Match": "*"},
        )
        assert taken.status_code == 403
        reads = (await gateway.client.get(f"{path}/reads", headers=dpo)).json()["items"]
        assert reads == [], "a refused caller opened nothing"

    async def test_the_national_admin_is_no_dpo_and_the_national_dpo_sees_every_office(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        path = (await record(gateway, dpo)).headers["location"]
        national_admin = await gateway.headers()  # the bootstrap admin: admin + national
        assert (await gateway.client.get(path, headers=national_admin)).status_code == 403

        national_dpo = await signed_in("dpo", "national", office="PUSAT")
        opened = await gateway.client.get(path, headers=national_dpo)
        assert opened.status_code == 200
        assert opened.json()["requester"]["nik"] == NIK
        listed = await gateway.client.get(REQUESTS, params={"office": office}, headers=national_dpo)
        assert [r["id"] for r in listed.json()["items"]] == [opened.json()["id"]]


class TestIdentity:
    async def test_sealed_at_rest_with_no_plaintext_in_the_row(
        self,
        gateway: GatewayUnderTest,
        office: str,
        signed_in: Any,
        stored_row: Callable[[str, str], Awaitable[str]],
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        created = await record(gateway, dpo)
        request_id = created.json()["id"]
        answered = await step(
            gateway, request_id, {"status": "answered", "answer": "Data Rahmat: 3 laporan."}, dpo
        )
        assert answered.status_code == 200

        row = await stored_row("data_subject_request", request_id)
        for plain in ("Rahmat", "Hidayat", NIK, "+6281234567890", "rahmat.hidayat", "Merdeka"):
            assert plain not in row
        assert "Salinan" not in row and "3 laporan" not in row

        opened = (await gateway.client.get(created.headers["location"], headers=dpo)).json()
        assert opened["requester"]["nik"] == NIK
        assert opened["requester"]["phone"] == "+6281234567890"
        assert opened["details"].startswith("Salinan")
        assert opened["answer"] == "Data Rahmat: 3 laporan."

    async def test_every_opening_is_audited_and_listings_carry_no_identity(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        second_dpo = await signed_in("dpo", office=office)
        path = (await record(gateway, dpo)).headers["location"]

        listed = await gateway.client.get(REQUESTS, headers=dpo)
        assert "Rahmat" not in listed.text and NIK not in listed.text
        await gateway.client.get(path, headers=dpo)
        await gateway.client.get(path, headers=second_dpo)
        reads = (await gateway.client.get(f"{path}/reads", headers=dpo)).json()["items"]
        assert len(reads) == 2
        assert all(r["actor_roles"] == ["dpo"] for r in reads)
        assert len({r["actor"] for r in reads}) == 2


class TestHandling:
    async def test_answered_with_who_answered_and_then_final(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        request_id = (await record(gateway, dpo, kind="erasure")).json()["id"]
        taken = await step(gateway, request_id, {"status": "in_progress"}, dpo)
        assert taken.status_code == 200 and taken.json()["status"] == "in_progress"
        refused = await step(
            gateway,
            request_id,
            {"status": "refused", "answer": "Data disimpan untuk proses hukum (pasal 15)."},
            dpo,
        )
        body = refused.json()
        assert refused.status_code == 200, refused.text
        assert body["status"] == "refused" and body["answered_by_name"].startswith("user.")
        assert body["answered_at"] is not None and body["overdue"] is False
        again = await step(gateway, request_id, {"status": "in_progress"}, dpo)
        assert again.status_code == 409

    async def test_answering_without_an_answer_and_stale_writes_are_refused(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        path = (await record(gateway, dpo)).headers["location"]
        bare = await step(gateway, path.rsplit("/", 1)[1], {"status": "answered"}, dpo)
        assert bare.status_code == 422
        assert bare.json()["errors"][0]["pointer"] == "#/body/answer"
        no_etag = await gateway.client.patch(path, json={"status": "in_progress"}, headers=dpo)
        assert no_etag.status_code == 428
        stale = await gateway.client.patch(
            path, json={"status": "in_progress"}, headers={**dpo, "If-Match": '"0"'}
        )
        assert stale.status_code == 412

    @pytest.mark.parametrize(
        ("overrides", "pointer"),
        [
            ({"received_at": "2999-01-01T00:00:00+07:00"}, "#/body/received_at"),
            ({"received_at": (datetime.now(UTC) + timedelta(hours=1)).isoformat()}, None),
            ({"requester": {"name": "Rahmat", "nik": "1234"}}, "#/body/requester/nik"),
            ({"requester": {"name": "Rah\u0000mat"}}, "#/body/requester/name"),
            ({"kind": "everything"}, "#/body/kind"),
            ({"office": "NOWHERE"}, None),
        ],
    )
    async def test_bad_input_names_its_field_and_records_nothing(
        self,
        gateway: GatewayUnderTest,
        office: str,
        signed_in: Any,
        overrides: dict[str, Any],
        pointer: str | None,
    ) -> None:
        national_dpo = await signed_in("dpo", "national", office=office)
        response = await gateway.client.post(
            REQUESTS, json=request_body(**{"office": office, **overrides}), headers=national_dpo
        )
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        expected = pointer or f"#/body/{next(iter(overrides))}"
        assert [e["pointer"] for e in response.json()["errors"]] == [expected]
        listed = await gateway.client.get(REQUESTS, params={"office": office}, headers=national_dpo)
        assert listed.json()["items"] == []

    async def test_a_retried_create_is_recorded_once(
        self, gateway: GatewayUnderTest, office: str, signed_in: Any
    ) -> None:
        dpo = await signed_in("dpo", office=office)
        headers = {**dpo, "Idempotency-Key": "dsr-retry-1"}
        first = await gateway.client.post(REQUESTS, json=request_body(), headers=headers)
        second = await gateway.client.post(REQUESTS, json=request_body(), headers=headers)
        assert first.status_code == second.status_code == 201
        assert first.headers["location"] == second.headers["location"]
        assert first.headers["etag"] == second.headers["etag"]
        listed = await gateway.client.get(REQUESTS, headers=dpo)
        assert len(listed.json()["items"]) == 1
