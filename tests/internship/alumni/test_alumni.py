"""The alumni register through the API: the full path from an accepted application to an
alumnus who updates their own record by a single-use magic link, consent and visibility
as they chose, masked and audited reads, and requests answered (erasure erases)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import PROBLEM, V1, accepted

ALUMNI = f"{V1}/alumni"
REQUESTS = f"{V1}/alumni-requests"
SELF = f"{V1}/public/alumni/self"
RECORD: dict[str, Any] = {
    "name": "Rina Kartika",
    "address": "Jl. Merpati 3, Bengkulu",
    "institution": "Kejaksaan Negeri Bengkulu",
    "network": "Sahabat Ombudsman Bengkulu",
    "email": "rina@example.id",
}


async def add(
    internship: RunningService, supervisor: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    answer = await internship.client.post(ALUMNI, json={**RECORD, **overrides}, headers=supervisor)
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def link(internship: RunningService, supervisor: dict[str, str], alumnus_id: str) -> str:
    answer = await internship.client.post(f"{ALUMNI}/{alumnus_id}/magic-link", headers=supervisor)
    assert answer.status_code == 201, answer.text
    assert answer.headers["cache-control"] == "no-store"
    assert answer.json()["link"].endswith(f"#token={answer.json()['token']}")
    token: str = answer.json()["token"]
    return token


async def reads(internship: RunningService, alumnus_id: str) -> int:
    return int(
        await internship.scalar(
            "SELECT count(*) FROM alumnus_read WHERE alumnus_id = :a", a=alumnus_id
        )
    )


async def test_from_accepted_intern_to_alumnus_who_updates_their_own_record_once(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor)
    alumnus = await add(internship, supervisor, application_id=filed["id"])
    assert alumnus["visibility"] == "hidden" and alumnus["disclosure"] == "full"
    assert alumnus["consent"] == dict.fromkeys(("name", "address", "institution", "network"), False)
    stored = await internship.scalar("SELECT record FROM alumnus WHERE id = :a", a=alumnus["id"])
    assert "Rina" not in stored and "Merpati" not in stored  # sealed at rest
    again = await internship.client.post(
        ALUMNI, json={**RECORD, "application_id": filed["id"]}, headers=supervisor
    )
    assert again.status_code == 409

    token = await link(internship, supervisor, alumnus["id"])
    own = await internship.client.post(SELF, json={"token": token})
    assert own.status_code == 200 and own.json()["fields"]["address"] == RECORD["address"]
    assert own.json()["email"] == "rina@example.id"
    update = {
        **RECORD,
        "institution": "Universitas Bengkulu (S2)",
        "consent": {"name": True, "institution": True},
        "visibility": "public",
        "token": token,
    }
    changed = await internship.client.put(SELF, json=update)
    assert changed.status_code == 200, changed.text
    assert changed.json()["visibility"] == "public" and changed.json()["version"] == 2
    # Single use: the link is spent, for reading too.
    spent = await internship.client.put(SELF, json=update)
    assert spent.status_code == 404 and spent.headers["content-type"] == PROBLEM
    assert (await internship.client.post(SELF, json={"token": token})).status_code == 404

    directory = await internship.client.get(f"{V1}/public/alumni", params={"office": "KAB"})
    assert {
        "name": "Rina Kartika",
        "address": None,
        "institution": "Universitas Bengkulu (S2)",
        "network": None,
    } in directory.json()


async def test_the_head_sees_only_what_the_alumnus_opened_and_every_read_is_audited(
    internship: RunningService, supervisor: dict[str, str], head: dict[str, str]
):
    alumnus = await add(
        internship,
        supervisor,
        consent={"name": True, "network": True},
        visibility="office",
    )
    before = await reads(internship, alumnus["id"])
    seen = (await internship.client.get(f"{ALUMNI}/{alumnus['id']}", headers=head)).json()
    assert seen["disclosure"] == "consented" and seen["email"] is None
    assert seen["fields"] == {
        "name": "Rina Kartika",
        "address": "J** M****** 3* B*******",
        "institution": "K******** N***** B*******",
        "network": "Sahabat Ombudsman Bengkulu",
    }
    assert await reads(internship, alumnus["id"]) == before + 1
    full = (await internship.client.get(f"{ALUMNI}/{alumnus['id']}", headers=supervisor)).json()
    assert full["fields"]["address"] == RECORD["address"] and full["email"] == RECORD["email"]
    assert await reads(internship, alumnus["id"]) == before + 2
    # Not public: not in the directory (no public record consented to its network).
    directory = await internship.client.get(f"{V1}/public/alumni", params={"office": "KAB"})
    assert "Sahabat Ombudsman Bengkulu" not in {e["network"] for e in directory.json()}
    refused = await internship.client.post(ALUMNI, json=RECORD, headers=head)
    assert refused.status_code == 403


async def test_an_expired_or_unknown_link_opens_nothing(
    internship: RunningService, supervisor: dict[str, str]
):
    alumnus = await add(internship, supervisor)
    token = await link(internship, supervisor, alumnus["id"])
    async with internship.app.state.database.sessions() as session:
        await session.execute(
            text(
                "UPDATE alumnus_link SET expires_at = now() - interval '1 second'"
                " WHERE alumnus_id = :a"
            ),
            {"a": alumnus["id"]},
        )
        await session.commit()
    assert (await internship.client.post(SELF, json={"token": token})).status_code == 404
    unknown = await internship.client.post(SELF, json={"token": "x" * 43})
    assert unknown.status_code == 404


async def test_an_erasure_request_is_due_in_72_hours_and_answering_it_erases(
    internship: RunningService, supervisor: dict[str, str]
):
    alumnus = await add(internship, supervisor, consent={"name": True}, visibility="public")
    token = await link(internship, supervisor, alumnus["id"])
    spare = await link(internship, supervisor, alumnus["id"])
    filed = await internship.client.post(
        f"{SELF}/requests", json={"token": token, "kind": "erasure", "detail": "Hapus data saya."}
    )
    assert filed.status_code == 201, filed.text
    request = filed.json()
    assert request["status"] == "received" and request["overdue"] is False
    received = datetime.fromisoformat(request["received_at"])
    assert datetime.fromisoformat(request["due_at"]) - received == timedelta(hours=72)

    listed = (await internship.client.get(REQUESTS, headers=supervisor)).json()
    [mine] = [r for r in listed if r["id"] == request["id"]]
    assert mine["detail"] == "Hapus data saya."
    answer = await internship.client.post(
        f"{REQUESTS}/{request['id']}/answer",
        json={"status": "answered", "answer": "Data Anda telah dihapus."},
        headers=supervisor,
    )
    assert answer.status_code == 200 and answer.json()["answered_by"] == "pembimbing"
    twice = await internship.client.post(
        f"{REQUESTS}/{request['id']}/answer",
        json={"status": "refused", "answer": "Tidak."},
        headers=supervisor,
    )
    assert twice.status_code == 409

    erased = (await internship.client.get(f"{ALUMNI}/{alumnus['id']}", headers=supervisor)).json()
    assert erased["disclosure"] == "erased" and erased["fields"] is None
    assert erased["erased_at"] is not None and erased["consent"] == {}
    assert (
        await internship.scalar("SELECT record FROM alumnus WHERE id = :a", a=alumnus["id"]) is None
    )
    # The other open link is spent with it.
    assert (await internship.client.post(SELF, json={"token": spare})).status_code == 404


async def test_a_correction_by_the_keepers_checks_if_match(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens
):
    alumnus = await add(internship, supervisor)
    url = f"{ALUMNI}/{alumnus['id']}"
    stale = await internship.client.put(
        url, json={**RECORD, "name": "Rina K. Putri"}, headers={**supervisor, "If-Match": '"9"'}
    )
    assert stale.status_code == 412
    fixed = await internship.client.put(
        url, json={**RECORD, "name": "Rina K. Putri"}, headers={**supervisor, "If-Match": '"1"'}
    )
    assert fixed.status_code == 200 and fixed.json()["fields"]["name"] == "Rina K. Putri"
    assert fixed.headers["etag"] == '"2"'
    elsewhere = tokens.headers("intern_supervisor", office="LAIN", username="lain")
    assert (await internship.client.get(url, headers=elsewhere)).status_code == 404
