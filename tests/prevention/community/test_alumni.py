"""Alumni join from the internship service's event: one candidate per alumnus however
often the event arrives, completed by the alumnus with their one-time code (spent,
sealed), then inducted into a group by the prevention unit."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

import nats

from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent, source_of, subject_for
from apik_shared.platform.events.payloads.internship import AlumnusJoinedCommunity
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import RunningService
from tests.prevention.builders import JOIN, MEMBERS, PROBLEM, add_community_group

CANDIDATES = "SELECT count(*) FROM community_member WHERE alumnus_ref = :a"


def _event(payload: AlumnusJoinedCommunity) -> CloudEvent:
    return CloudEvent(
        source=source_of("internship"),
        type=payload.event_type,
        subject=payload.alumnus_id,
        data=payload.model_dump(mode="json"),
    )


async def _publish(nats_url: str, event: CloudEvent, times: int) -> None:
    connection = await nats.connect(nats_url)
    try:
        stream = connection.jetstream()
        await ensure_stream(stream)
        for _ in range(times):
            # A new message id each time: a redelivery JetStream does not deduplicate.
            await stream.publish(
                subject_for("internship", event.type),
                event.to_json(),
                headers={"Nats-Msg-Id": str(uuid.uuid4())},
            )
    finally:
        await connection.close()


def _payload(alumnus: str, code: str) -> AlumnusJoinedCommunity:
    return AlumnusJoinedCommunity(
        alumnus_id=alumnus,
        office="KAB",
        join_code_sha256=hashlib.sha256(code.encode()).hexdigest(),
        joined_at=datetime.now(UTC),
    )


async def _joined(prevention: RunningService, infra: TestInfra, times: int = 1) -> tuple[str, str]:
    alumnus, code = str(uuid.uuid4()), secrets.token_urlsafe(32)
    await _publish(infra.nats_url, _event(_payload(alumnus, code)), times)
    await eventually(lambda: prevention.scalar(CANDIDATES, a=alumnus), lambda n: n == 1)
    return alumnus, code


def _completion(code: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": code,
        "name": "Yusuf Pratama",
        "email": "yusuf.pratama@example.id",
        "consent": {"given_on": "2025-02-01", "scope": ["contact"]},
    }
    body.update(overrides)
    return body


async def test_a_redelivered_join_makes_one_candidate(
    prevention: RunningService, infra: TestInfra, enumerator: dict[str, str]
) -> None:
    # The same event three times (the inbox's), then another event for the same alumnus
    # with another code (the unique reference's): one candidate, the first code's.
    handled = "SELECT count(*) FROM inbox WHERE consumer LIKE '%prevention-community-alumni'"
    seen = await prevention.scalar(handled)
    alumnus, code = await _joined(prevention, infra, times=3)
    await _publish(infra.nats_url, _event(_payload(alumnus, secrets.token_urlsafe(32))), 1)
    await eventually(lambda: prevention.scalar(handled), lambda n: n >= seen + 2)
    assert await prevention.scalar(CANDIDATES, a=alumnus) == 1
    kept = await prevention.scalar(
        "SELECT join_code_hash FROM community_member WHERE alumnus_ref = :a", a=alumnus
    )
    assert kept == hashlib.sha256(code.encode()).hexdigest()
    listed = await prevention.client.get(
        MEMBERS, params={"status": "candidate"}, headers=enumerator
    )
    mine = [m for m in listed.json() if m["source"] == "alumni" and m["name"] is None]
    assert mine, listed.text


async def test_the_alumnus_completes_their_record_once_and_is_inducted(
    prevention: RunningService, infra: TestInfra, enumerator: dict[str, str]
) -> None:
    alumnus, code = await _joined(prevention, infra)
    member = await prevention.scalar(
        "SELECT CAST(id AS text) FROM community_member WHERE alumnus_ref = :a", a=alumnus
    )

    # A contact without the consent to keep it: refused, naming the field; code unspent.
    bad = await prevention.client.post(
        JOIN, json=_completion(code, consent={"given_on": "2025-02-01"})
    )
    assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM
    assert bad.json()["errors"][0]["pointer"] == "#/body/consent/scope"
    wrong = await prevention.client.post(JOIN, json=_completion(secrets.token_urlsafe(32)))
    assert wrong.status_code == 404

    done = await prevention.client.post(JOIN, json=_completion(code))
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "candidate" and done.headers["cache-control"] == "no-store"
    again = await prevention.client.post(JOIN, json=_completion(code, name="Orang Lain"))
    assert again.status_code == 404

    read = (await prevention.client.get(f"{MEMBERS}/{member}", headers=enumerator)).json()
    assert (read["name"], read["email"], read["alumnus_ref"]) == (
        "Yusuf Pratama",
        "yusuf.pratama@example.id",
        alumnus,
    )
    row = await prevention.scalar(
        "SELECT row_to_json(m)::text FROM community_member m WHERE id = CAST(:m AS uuid)",
        m=member,
    )
    assert "Yusuf" not in row and "yusuf.pratama" not in row

    # Inducted into a group by the unit (it had none: it came from the alumni).
    group = (await add_community_group(prevention, enumerator))["id"]
    current = await prevention.client.get(f"{MEMBERS}/{member}", headers=enumerator)
    inducted = await prevention.client.post(
        f"{MEMBERS}/{member}/status",
        json={"status": "active", "inducted_on": "2025-03-01", "group_id": group},
        headers={**enumerator, "If-Match": current.headers["ETag"]},
    )
    assert inducted.status_code == 200, inducted.text
    assert inducted.json()["group_id"] == group and inducted.json()["status"] == "active"


async def test_a_candidate_without_a_record_is_not_inducted(
    prevention: RunningService, infra: TestInfra, enumerator: dict[str, str]
) -> None:
    alumnus, _ = await _joined(prevention, infra)
    member = await prevention.scalar(
        "SELECT CAST(id AS text) FROM community_member WHERE alumnus_ref = :a", a=alumnus
    )
    group = (await add_community_group(prevention, enumerator))["id"]
    current = await prevention.client.get(f"{MEMBERS}/{member}", headers=enumerator)
    refused = await prevention.client.post(
        f"{MEMBERS}/{member}/status",
        json={"status": "active", "inducted_on": "2025-03-01", "group_id": group},
        headers={**enumerator, "If-Match": current.headers["ETag"]},
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["pointer"] == "#/body/status"
