"""Focal points through the API: consent before contact details, masking and the audit
of full reads, activation with its history and event, discussion groups, and the KPI's
counts by regency."""

from __future__ import annotations

import pytest

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.prevention.builders import (
    FOCAL_POINTS,
    GROUPS,
    PROBLEM,
    add_focal_point,
    focal_point_body,
    set_status,
)

AUDITED = "SELECT count(*) FROM focal_point_read WHERE focal_point_ids ? :p AND purpose = :r"


@pytest.fixture
def analyst(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("analyst", office="KAB", username="analis")


async def test_contact_details_are_refused_without_consent(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    before = await prevention.scalar("SELECT count(*) FROM focal_point")
    cases = [
        (focal_point_body(consent=None), "#/body/consent"),
        (
            focal_point_body(consent={"given_on": "2024-01-05", "scope": ["discussion_group"]}),
            "#/body/consent/scope",
        ),
        (
            focal_point_body(consent={"given_on": "2099-01-05", "scope": ["contact"]}),
            "#/body/consent/given_on",
        ),
        (focal_point_body(valid_until="2023-12-31"), "#/body/valid_until"),
        (focal_point_body(phone="not a phone"), "#/body/phone"),
    ]
    for body, pointer in cases:
        answer = await prevention.client.post(FOCAL_POINTS, json=body, headers=enumerator)
        assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM, body
        assert answer.json()["errors"][0]["pointer"] == pointer, answer.text
    assert await prevention.scalar("SELECT count(*) FROM focal_point") == before

    # Without contact details no consent is needed: name, role and agency only.
    bare = focal_point_body(phone=None, email=None, consent=None, name="Tanpa Kontak")
    made = await prevention.client.post(FOCAL_POINTS, json=bare, headers=enumerator)
    assert made.status_code == 201, made.text
    assert made.json()["consent"] is None and made.json()["phone"] is None


async def test_a_focal_point_from_invitation_to_inactive(
    prevention: RunningService,
    enumerator: dict[str, str],
    analyst: dict[str, str],
    tokens_other: dict[str, str],
) -> None:
    created = await prevention.client.post(
        FOCAL_POINTS, json=focal_point_body(), headers=enumerator
    )
    assert created.status_code == 201, created.text
    point = created.json()
    ident = point["id"]
    assert created.headers["Location"].endswith(f"/focal-points/{ident}")
    assert point["status"] == "invited" and point["phone"] == "+6281234567890"
    assert point["consent"] == {"given_on": "2024-01-05", "scope": ["contact", "discussion_group"]}
    assert [h["to_status"] for h in point["history"]] == ["invited"]
    assert await prevention.scalar(AUDITED, p=ident, r="focal-point") == 1

    # The analyst sees it masked, and that read is not a full one.
    masked = (await prevention.client.get(f"{FOCAL_POINTS}/{ident}", headers=analyst)).json()
    assert masked["name"] != "Rina Marlina" and masked["name"].startswith("R")
    assert masked["phone"] == "+62812******90" and masked["email"] == "r***@kaurkab.go.id"
    assert await prevention.scalar(AUDITED, p=ident, r="focal-point") == 1
    full = await prevention.client.get(f"{FOCAL_POINTS}/{ident}", headers=enumerator)
    assert full.json()["name"] == "Rina Marlina"
    assert await prevention.scalar(AUDITED, p=ident, r="focal-point") == 2

    # Another office does not see it; the analyst cannot change it.
    other = await prevention.client.get(f"{FOCAL_POINTS}/{ident}", headers=tokens_other)
    assert other.status_code == 404
    refused = await prevention.client.post(
        f"{FOCAL_POINTS}/{ident}/status",
        json={"status": "active"},
        headers={**analyst, "If-Match": full.headers["ETag"]},
    )
    assert refused.status_code == 403

    # A stale If-Match is refused; a move that is not allowed too.
    stale = await prevention.client.post(
        f"{FOCAL_POINTS}/{ident}/status",
        json={"status": "active"},
        headers={**enumerator, "If-Match": '"99"'},
    )
    assert stale.status_code == 412
    invited_again = await prevention.client.post(
        f"{FOCAL_POINTS}/{ident}/status",
        json={"status": "invited"},
        headers={**enumerator, "If-Match": full.headers["ETag"]},
    )
    assert invited_again.status_code == 409, invited_again.text

    active = await set_status(prevention, enumerator, ident, "active")
    assert active["status"] == "active" and active["version"] == 2
    [event] = await prevention.outbox_events("focal_point.activated", subject=ident)
    assert event.data["regency"] == "Kabupaten Kaur" and event.data["reactivated"] is False
    assert "Rina" not in str(event.data) and "0812" not in str(event.data)
    assert "+62" not in str(event.data)

    inactive = await set_status(prevention, enumerator, ident, "inactive")
    back = await set_status(prevention, enumerator, ident, "active")
    assert inactive["status"] == "inactive" and back["status"] == "active"
    moves = [(h["from_status"], h["to_status"]) for h in back["history"]]
    assert moves == [
        (None, "invited"),
        ("invited", "active"),
        ("active", "inactive"),
        ("inactive", "active"),
    ]
    events = await prevention.outbox_events("focal_point.activated", subject=ident)
    assert [e.data["reactivated"] for e in events] == [False, True]
    [left] = await prevention.outbox_events("focal_point.deactivated", subject=ident)
    assert left.data["regency"] == "Kabupaten Kaur" and "Rina" not in str(left.data)


async def test_activation_needs_the_validity_to_cover_today(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    ended = await add_focal_point(
        prevention, enumerator, valid_from="2020-01-01", valid_until="2021-12-31"
    )
    current = await prevention.client.get(f"{FOCAL_POINTS}/{ended['id']}", headers=enumerator)
    answer = await prevention.client.post(
        f"{FOCAL_POINTS}/{ended['id']}/status",
        json={"status": "active"},
        headers={**enumerator, "If-Match": current.headers["ETag"]},
    )
    assert answer.status_code == 409 and answer.headers["content-type"] == PROBLEM
    assert "focal-point-not-in-validity" in answer.json()["type"]
    still = await prevention.client.get(f"{FOCAL_POINTS}/{ended['id']}", headers=enumerator)
    assert still.json()["status"] == "invited" and len(still.json()["history"]) == 1
    assert not await prevention.outbox_events("focal_point.activated", subject=ended["id"])


async def test_counts_by_regency(
    prevention: RunningService, tokens: TestTokens, analyst: dict[str, str]
) -> None:
    # An office of its own, so other tests' focal points do not count.
    officer = tokens.headers("prevention_officer", office="HITUNG", username="hitung")
    reader = tokens.headers("analyst", office="HITUNG", username="analis-hitung")
    plan = [
        ("Kabupaten Kaur", "active"),
        ("Kabupaten Kaur", "active"),
        ("Kabupaten Kaur", "invited"),
        ("Kabupaten Seluma", "active"),
        ("Kabupaten Seluma", "inactive"),
        ("Kabupaten Lebong", "invited"),
    ]
    for regency, status in plan:
        point = await add_focal_point(prevention, officer, regency=regency)
        if status != "invited":
            await set_status(prevention, officer, point["id"], "active")
        if status == "inactive":
            await set_status(prevention, officer, point["id"], "inactive")

    answer = await prevention.client.get(f"{FOCAL_POINTS}/counts", headers=reader)
    assert answer.status_code == 200, answer.text
    figures = answer.json()
    # Active: Kaur 2 + Seluma 1 = 3, in 2 regencies (Lebong has none active).
    assert (figures["office"], figures["active"], figures["regencies"]) == ("HITUNG", 3, 2)
    assert figures["by_regency"] == [
        {"regency": "Kabupaten Kaur", "active": 2, "invited": 1, "inactive": 0},
        {"regency": "Kabupaten Lebong", "active": 0, "invited": 1, "inactive": 0},
        {"regency": "Kabupaten Seluma", "active": 1, "invited": 0, "inactive": 1},
    ]
    one = await prevention.client.get(
        f"{FOCAL_POINTS}/counts", params={"regency": "Kabupaten Seluma"}, headers=reader
    )
    assert (one.json()["active"], one.json()["regencies"]) == (1, 1)
    # The listing: by regency and name, filtered, no contacts; masked for the analyst.
    listed = await prevention.client.get(
        FOCAL_POINTS, params={"regency": "Kabupaten Kaur", "status": "active"}, headers=officer
    )
    assert listed.status_code == 200, listed.text
    assert [(p["name"], p["status"]) for p in listed.json()] == [("Rina Marlina", "active")] * 2
    assert "phone" not in listed.json()[0] and "+62" not in listed.text
    audited = "SELECT count(*) FROM focal_point_read WHERE office = 'HITUNG' AND purpose = :r"
    assert await prevention.scalar(audited, r="focal-points") == 1
    masked = await prevention.client.get(FOCAL_POINTS, headers=reader)
    assert len(masked.json()) == 6 and "Rina Marlina" not in masked.text
    assert [p["regency"] for p in masked.json()][:3] == ["Kabupaten Kaur"] * 3
    assert await prevention.scalar(audited, r="focal-points") == 1
    # Another office counts its own only.
    theirs = await prevention.client.get(f"{FOCAL_POINTS}/counts", headers=analyst)
    assert theirs.status_code == 200 and theirs.json()["office"] == "KAB"
    assert {"Kabupaten Lebong", "Kabupaten Seluma"}.isdisjoint(
        r["regency"] for r in theirs.json()["by_regency"]
    )


async def test_discussion_groups(
    prevention: RunningService,
    enumerator: dict[str, str],
    analyst: dict[str, str],
    tokens_other: dict[str, str],
) -> None:
    rina = await add_focal_point(prevention, enumerator)
    budi = await add_focal_point(
        prevention, enumerator, name="Budi Hartono", agency="Dinas Pendidikan Kabupaten Kaur"
    )
    # Consent to contact, not to groups.
    cici = await add_focal_point(
        prevention,
        enumerator,
        name="Cici Paramida",
        consent={"given_on": "2024-02-01", "scope": ["contact"]},
    )
    body = {
        "name": "Grup WA Focal Point Kabupaten Kaur",
        "regency": "Kabupaten Kaur",
        "channel": "whatsapp",
        "members": [rina["id"], cici["id"]],
    }
    refused = await prevention.client.post(GROUPS, json=body, headers=enumerator)
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["pointer"] == "#/body/members/1"
    # Another office's focal point is not a member either.
    theirs = await add_focal_point(prevention, tokens_other)
    foreign = await prevention.client.post(
        GROUPS, json={**body, "members": [theirs["id"]]}, headers=enumerator
    )
    assert foreign.status_code == 422

    made = await prevention.client.post(
        GROUPS, json={**body, "members": [rina["id"], budi["id"]]}, headers=enumerator
    )
    assert made.status_code == 201, made.text
    group = made.json()
    assert [m["name"] for m in group["members"]] == ["Rina Marlina", "Budi Hartono"]
    seen = await prevention.client.get(f"{GROUPS}/{group['id']}", headers=analyst)
    assert seen.status_code == 200
    assert "Rina Marlina" not in seen.text and "Budi Hartono" not in seen.text
    assert await prevention.scalar(AUDITED, p=rina["id"], r="discussion-group") == 1

    current = await prevention.client.get(f"{GROUPS}/{group['id']}", headers=enumerator)
    changed = await prevention.client.put(
        f"{GROUPS}/{group['id']}/members",
        json={"members": [budi["id"]]},
        headers={**enumerator, "If-Match": current.headers["ETag"]},
    )
    assert changed.status_code == 200, changed.text
    assert [m["focal_point_id"] for m in changed.json()["members"]] == [budi["id"]]
    other = await prevention.client.get(f"{GROUPS}/{group['id']}", headers=tokens_other)
    assert other.status_code == 404
