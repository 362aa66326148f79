"""Focal points' data-subject requests: access gives everything kept (audited); an
erasure drops the identity, contact and consent, takes them out of their discussion
groups, deactivates them (history and event) and keeps the row for the KPI's counts."""

from __future__ import annotations

from typing import Any

from apik_testing.services import RunningService
from tests.prevention.builders import (
    FOCAL_POINTS,
    GROUPS,
    PROBLEM,
    V1,
    add_focal_point,
    set_status,
)

REQUESTS = f"{V1}/subject-requests"


async def _file(
    prevention: RunningService, headers: dict[str, str], point: str, kind: str
) -> dict[str, Any]:
    answer = await prevention.client.post(
        f"{FOCAL_POINTS}/{point}/requests", json={"kind": kind}, headers=headers
    )
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    assert result["subject"] == "focal_point" and result["subject_id"] == point
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


async def test_access_then_erasure_of_an_active_focal_point(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    point = (await add_focal_point(prevention, enumerator))["id"]
    await set_status(prevention, enumerator, point, "active")
    made = await prevention.client.post(
        GROUPS,
        json={"name": "Grup Narahubung Kaur", "channel": "whatsapp", "members": [point]},
        headers=enumerator,
    )
    assert made.status_code == 201, made.text
    group = made.json()["id"]

    access = await _file(prevention, enumerator, point, "access")
    given = await _answer(
        prevention, enumerator, access["id"], {"status": "answered", "answer": "Terlampir."}
    )
    assert given.status_code == 200, given.text
    export = given.json()["export"]
    assert export["name"] == "Rina Marlina" and export["phone"] == "+6281234567890"
    assert export["discussion_groups"] == ["Grup Narahubung Kaur"]
    assert (
        await prevention.scalar(
            "SELECT count(*) FROM focal_point_read WHERE focal_point_ids ? :p"
            " AND purpose = 'access-request'",
            p=point,
        )
        == 1
    )

    erasure = await _file(prevention, enumerator, point, "erasure")
    erased = await _answer(
        prevention, enumerator, erasure["id"], {"status": "answered", "answer": "Dihapus."}
    )
    assert erased.status_code == 200, erased.text
    row = await prevention.scalar(
        "SELECT row_to_json(t)::text FROM focal_point t WHERE id = CAST(:i AS uuid)", i=point
    )
    assert "Rina" not in row and '"identity":null' in row.replace(" ", "")
    shown = (await prevention.client.get(f"{FOCAL_POINTS}/{point}", headers=enumerator)).json()
    assert shown["name"] == "" and shown["phone"] is None and shown["consent"] is None
    assert shown["status"] == "inactive" and shown["history"][-1]["to_status"] == "inactive"
    members = (await prevention.client.get(f"{GROUPS}/{group}", headers=enumerator)).json()
    assert members["members"] == []
    [event] = await prevention.outbox_events("focal_point.deactivated", subject=point)
    assert "Rina" not in event.model_dump_json()
    # Still counted among the regency's focal points, never reactivated.
    counts = await prevention.scalar(
        "SELECT count(*) FROM focal_point WHERE id = CAST(:i AS uuid)", i=point
    )
    assert counts == 1
    current = await prevention.client.get(f"{FOCAL_POINTS}/{point}", headers=enumerator)
    again = await prevention.client.post(
        f"{FOCAL_POINTS}/{point}/status",
        json={"status": "active"},
        headers={**enumerator, "If-Match": current.headers["ETag"]},
    )
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM


async def test_correction_of_a_focal_point_reseals_their_name(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    point = (await add_focal_point(prevention, enumerator))["id"]
    filed = await _file(prevention, enumerator, point, "correction")
    done = await _answer(
        prevention,
        enumerator,
        filed["id"],
        {
            "status": "answered",
            "answer": "Diperbaiki.",
            "correction": {"name": "Rina Marlina Sari", "email": "rina.sari@kaurkab.go.id"},
        },
    )
    assert done.status_code == 200, done.text
    shown = (await prevention.client.get(f"{FOCAL_POINTS}/{point}", headers=enumerator)).json()
    assert shown["name"] == "Rina Marlina Sari" and shown["phone"] is None
    assert shown["email"] == "rina.sari@kaurkab.go.id"
