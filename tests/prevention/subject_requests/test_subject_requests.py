"""Community members' data-subject requests through the API: due 72 hours after
receipt, listed without text, access answered with everything kept (audited),
correction resealed, erasure that drops the identity and keeps the counts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.prevention.builders import (
    MEMBERS,
    PROBLEM,
    V1,
    add_community_group,
    add_member,
)

REQUESTS = f"{V1}/subject-requests"


async def _active_member(prevention: RunningService, headers: dict[str, str]) -> dict[str, Any]:
    group = (await add_community_group(prevention, headers))["id"]
    return await add_member(prevention, headers, group, inducted_on="2025-02-10")


async def _file(
    prevention: RunningService, headers: dict[str, str], member: str, kind: str, **more: Any
) -> dict[str, Any]:
    answer = await prevention.client.post(
        f"{MEMBERS}/{member}/requests", json={"kind": kind, **more}, headers=headers
    )
    assert answer.status_code == 201, answer.text
    assert answer.headers["Location"].endswith(f"/subject-requests/{answer.json()['id']}")
    result: dict[str, Any] = answer.json()
    return result


async def _answer(
    prevention: RunningService, headers: dict[str, str], request: str, body: dict[str, Any]
) -> Any:
    current = await prevention.client.get(f"{REQUESTS}/{request}", headers=headers)
    return await prevention.client.post(
        f"{REQUESTS}/{request}/answer",
        json=body,
        headers={**headers, "If-Match": current.headers["ETag"]},
    )


async def test_due_72_hours_after_receipt_and_listed_without_text(
    prevention: RunningService, enumerator: dict[str, str], head: dict[str, str]
) -> None:
    member = (await _active_member(prevention, enumerator))["id"]
    filed = await _file(prevention, enumerator, member, "access", detail="Saya Siti, minta data")
    received = datetime.fromisoformat(filed["received_at"])
    assert datetime.fromisoformat(filed["due_at"]) - received == timedelta(hours=72)
    assert filed["status"] == "received" and filed["detail"] == "Saya Siti, minta data"

    listed = await prevention.client.get(REQUESTS, headers=enumerator)
    mine = [r for r in listed.json() if r["id"] == filed["id"]]
    assert len(mine) == 1 and mine[0]["overdue"] is False
    assert "Siti" not in listed.text and "detail" not in mine[0]
    # What was asked is sealed in the row.
    row = await prevention.scalar(
        "SELECT row_to_json(t)::text FROM subject_request t WHERE id = CAST(:i AS uuid)",
        i=filed["id"],
    )
    assert "Siti" not in row

    early = await prevention.client.get(f"{REQUESTS}?overdue=true", headers=enumerator)
    assert filed["id"] not in {r["id"] for r in early.json()}
    async with prevention.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text(
                "UPDATE subject_request SET due_at = now() - interval '1 hour'"
                " WHERE id = CAST(:i AS uuid)"
            ),
            {"i": filed["id"]},
        )
    late = (await prevention.client.get(f"{REQUESTS}?overdue=true", headers=enumerator)).json()
    assert [r["overdue"] for r in late if r["id"] == filed["id"]] == [True]
    # The head keeps no requests.
    assert (await prevention.client.get(REQUESTS, headers=head)).status_code == 403


async def test_access_gives_everything_kept_and_is_audited(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    member = (await _active_member(prevention, enumerator))["id"]
    filed = await _file(prevention, enumerator, member, "access")
    audited = "SELECT count(*) FROM community_member_read WHERE purpose = 'access-request'"
    assert await prevention.scalar(audited) == 0
    answered = await _answer(
        prevention, enumerator, filed["id"], {"status": "answered", "answer": "Terlampir."}
    )
    assert answered.status_code == 200, answered.text
    export = answered.json()["export"]
    assert export["name"] == "Siti Aminah" and export["email"] == "siti.aminah@contoh.id"
    assert export["status"] == "active" and export["consent_scope"] == ["contact"]
    assert await prevention.scalar(audited) == 1
    # Answered once.
    again = await _answer(
        prevention, enumerator, filed["id"], {"status": "refused", "answer": "Tidak."}
    )
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM


async def test_correction_reseals_and_refuses_contact_without_consent(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    group = (await add_community_group(prevention, enumerator))["id"]
    member = (
        await add_member(
            prevention,
            enumerator,
            group,
            phone=None,
            email=None,
            consent={"given_on": "2025-02-01", "scope": []},
        )
    )["id"]
    filed = await _file(prevention, enumerator, member, "correction", detail="Nama salah")
    missing = await _answer(
        prevention, enumerator, filed["id"], {"status": "answered", "answer": "Diperbaiki."}
    )
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["pointer"] == "#/body/correction"
    no_consent = await _answer(
        prevention,
        enumerator,
        filed["id"],
        {
            "status": "answered",
            "answer": "Diperbaiki.",
            "correction": {"name": "Siti Aminah Putri", "phone": "0813-9999-0000"},
        },
    )
    assert no_consent.status_code == 422
    assert no_consent.json()["errors"][0]["pointer"] == "#/body/correction/phone"
    done = await _answer(
        prevention,
        enumerator,
        filed["id"],
        {"status": "answered", "answer": "Diperbaiki.", "correction": {"name": "Siti A. Putri"}},
    )
    assert done.status_code == 200, done.text
    shown = await prevention.client.get(f"{MEMBERS}/{member}", headers=enumerator)
    assert shown.json()["name"] == "Siti A. Putri"


async def test_erasure_drops_the_identity_and_keeps_the_row_for_counts(
    prevention: RunningService, enumerator: dict[str, str], tokens: TestTokens
) -> None:
    member = (await _active_member(prevention, enumerator))["id"]
    filed = await _file(prevention, enumerator, member, "erasure")
    # Refusing changes nothing of the member.
    other = await _file(prevention, enumerator, member, "erasure")
    refused = await _answer(
        prevention, enumerator, other["id"], {"status": "refused", "answer": "Alasan."}
    )
    assert refused.status_code == 200 and refused.json()["answer"] == "Alasan."
    assert (await prevention.client.get(f"{MEMBERS}/{member}", headers=enumerator)).json()[
        "name"
    ] == "Siti Aminah"

    erased = await _answer(
        prevention, enumerator, filed["id"], {"status": "answered", "answer": "Dihapus."}
    )
    assert erased.status_code == 200, erased.text
    row = await prevention.scalar(
        "SELECT row_to_json(t)::text FROM community_member t WHERE id = CAST(:i AS uuid)",
        i=member,
    )
    assert '"identity":null' in row.replace(" ", "") and '"erased_at":null' not in row
    assert (
        await prevention.scalar(
            "SELECT count(*) FROM community_member WHERE id = CAST(:i AS uuid)", i=member
        )
        == 1
    )
    shown = (await prevention.client.get(f"{MEMBERS}/{member}", headers=enumerator)).json()
    assert shown["name"] is None and shown["phone"] is None and shown["consent"] is None
    assert shown["status"] == "inactive"
    told = await prevention.outbox_events("community_member.status_changed", subject=member)
    assert told[-1].data["status"] == "inactive"
    # Nothing is left to correct, and another office never sees the request.
    late = await prevention.client.post(
        f"{MEMBERS}/{member}/requests", json={"kind": "correction"}, headers=enumerator
    )
    assert late.status_code == 409 and late.headers["content-type"] == PROBLEM
    elsewhere = tokens.headers("prevention_officer", office="KOTA", username="lain")
    assert (
        await prevention.client.get(f"{REQUESTS}/{filed['id']}", headers=elsewhere)
    ).status_code == 404


async def test_bad_input_names_the_field_and_files_nothing(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    member = (await _active_member(prevention, enumerator))["id"]
    bad = await prevention.client.post(
        f"{MEMBERS}/{member}/requests", json={"kind": "forget-me"}, headers=enumerator
    )
    assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM
    assert bad.json()["errors"][0]["pointer"] == "#/body/kind"
    assert (
        await prevention.scalar(
            "SELECT count(*) FROM subject_request WHERE subject_id = CAST(:m AS uuid)", m=member
        )
        == 0
    )
