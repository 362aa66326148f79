"""Sahabat Ombudsman through the API: groups, members with consent before contacts,
masking and the audit of full reads, induction, status moves, and training records."""

from __future__ import annotations

from typing import Any

import pytest

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.prevention.builders import (
    COMMUNITY_GROUPS,
    MEMBERS,
    PROBLEM,
    add_community_group,
    add_member,
    member_body,
)

AUDITED = "SELECT count(*) FROM community_member_read WHERE member_ids ? :m AND purpose = :r"


@pytest.fixture
def analyst(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("analyst", office="KAB", username="analis")


async def _move(
    prevention: RunningService, headers: dict[str, str], member: str, **body: object
) -> tuple[int, dict[str, Any]]:
    current = await prevention.client.get(f"{MEMBERS}/{member}", headers=headers)
    answer = await prevention.client.post(
        f"{MEMBERS}/{member}/status",
        json=body,
        headers={**headers, "If-Match": current.headers["ETag"]},
    )
    return answer.status_code, answer.json()


async def test_bad_members_are_refused_naming_the_field_and_nothing_is_kept(
    prevention: RunningService, enumerator: dict[str, str], tokens_other: dict[str, str]
) -> None:
    group = (await add_community_group(prevention, enumerator))["id"]
    elsewhere = (await add_community_group(prevention, tokens_other))["id"]
    before = await prevention.scalar("SELECT count(*) FROM community_member")
    cases = [
        (member_body(group, consent={"given_on": "2025-02-01", "scope": []}), "consent/scope"),
        (member_body(group, consent={"given_on": "2099-01-01", "scope": ["contact"]}), "given_on"),
        (member_body(group, inducted_on="2099-01-01"), "inducted_on"),
        (member_body(elsewhere), "group_id"),
        (member_body(group, phone="not a phone"), "phone"),
        (member_body(group, name="Siti\u0000"), "name"),
        ({k: v for k, v in member_body(group).items() if k != "consent"}, "consent"),
    ]
    for body, pointer in cases:
        answer = await prevention.client.post(MEMBERS, json=body, headers=enumerator)
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"] == PROBLEM
        assert answer.json()["errors"][0]["pointer"].endswith(pointer), answer.text
    assert await prevention.scalar("SELECT count(*) FROM community_member") == before

    # Without a phone or an email, no `contact` scope is needed: the name is consented.
    bare = member_body(group, phone=None, email=None, consent={"given_on": "2025-02-01"})
    made = await prevention.client.post(MEMBERS, json=bare, headers=enumerator)
    assert made.status_code == 201, made.text
    assert made.json()["phone"] is None and made.json()["status"] == "candidate"


async def test_members_are_masked_outside_the_unit_and_full_reads_audited(
    prevention: RunningService, enumerator: dict[str, str], analyst: dict[str, str]
) -> None:
    group = (await add_community_group(prevention, enumerator))["id"]
    member = await add_member(prevention, enumerator, group)
    ident = member["id"]
    assert member["name"] == "Siti Aminah" and member["phone"] == "+6281311112222"
    assert await prevention.scalar(AUDITED, m=ident, r="community-member") == 1

    seen = (await prevention.client.get(f"{MEMBERS}/{ident}", headers=analyst)).json()
    assert seen["name"] == "S*** A*****"
    assert seen["phone"] != member["phone"] and seen["email"].startswith("s***@")
    # The analyst's masked read is not a full read: nothing more audited.
    assert await prevention.scalar(AUDITED, m=ident, r="community-member") == 1

    listed = await prevention.client.get(MEMBERS, params={"group_id": group}, headers=analyst)
    assert [m["name"] for m in listed.json()] == ["S*** A*****"]
    listed = await prevention.client.get(MEMBERS, params={"group_id": group}, headers=enumerator)
    assert [m["name"] for m in listed.json()] == ["Siti Aminah"]
    assert await prevention.scalar(AUDITED, m=ident, r="community-members") == 1


async def test_induction_training_and_leaving(
    prevention: RunningService, enumerator: dict[str, str], head: dict[str, str]
) -> None:
    group = (await add_community_group(prevention, enumerator, segment="students"))["id"]
    member = (await add_member(prevention, enumerator, group))["id"]
    training = {"title": "Pelatihan pengawasan pelayanan publik", "held_on": "2025-03-01"}

    # A candidate is not trained yet, and is not inducted without the day.
    early = await prevention.client.post(
        f"{MEMBERS}/{member}/trainings", json=training, headers=enumerator
    )
    assert early.status_code == 409, early.text
    status, body = await _move(prevention, enumerator, member, status="active")
    assert status == 422 and body["errors"][0]["pointer"] == "#/body/inducted_on"

    status, body = await _move(
        prevention, enumerator, member, status="active", inducted_on="2025-02-15"
    )
    assert status == 200, body
    assert body["status"] == "active" and body["inducted_on"] == "2025-02-15"
    [event] = await prevention.outbox_events("community_member.status_changed", subject=member)
    assert (event.data["member_id"], event.data["status"]) == (member, "active")
    assert "Siti" not in str(event.data) and "1111" not in str(event.data)
    groups = (await prevention.client.get(COMMUNITY_GROUPS, headers=head)).json()
    assert next(g for g in groups if g["id"] == group)["active_members"] == 1

    made = await prevention.client.post(
        f"{MEMBERS}/{member}/trainings", json={**training, "hours": 6}, headers=enumerator
    )
    assert made.status_code == 201, made.text
    future = await prevention.client.post(
        f"{MEMBERS}/{member}/trainings",
        json={**training, "held_on": "2099-01-01"},
        headers=enumerator,
    )
    assert future.status_code == 422
    assert future.json()["errors"][0]["pointer"] == "#/body/held_on"
    read = (await prevention.client.get(f"{MEMBERS}/{member}", headers=enumerator)).json()
    assert [(t["title"], t["hours"]) for t in read["trainings"]] == [(training["title"], 6.0)]

    # The head reads but does not write; an active member cannot become a candidate.
    refused = await prevention.client.post(MEMBERS, json=member_body(group), headers=head)
    assert refused.status_code == 403
    status, body = await _move(prevention, enumerator, member, status="candidate")
    assert status == 409, body
    status, body = await _move(prevention, enumerator, member, status="inactive", note="pindah")
    assert status == 200 and body["status"] == "inactive"
    told = await prevention.outbox_events("community_member.status_changed", subject=member)
    assert [e.data["status"] for e in told] == ["active", "inactive"]


async def test_status_needs_the_current_version(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    group = (await add_community_group(prevention, enumerator))["id"]
    member = (await add_member(prevention, enumerator, group, inducted_on="2025-02-15"))["id"]
    stale = await prevention.client.post(
        f"{MEMBERS}/{member}/status",
        json={"status": "inactive"},
        headers={**enumerator, "If-Match": '"99"'},
    )
    assert stale.status_code == 412
    read = (await prevention.client.get(f"{MEMBERS}/{member}", headers=enumerator)).json()
    assert read["status"] == "active"


async def test_another_office_sees_nothing(
    prevention: RunningService, enumerator: dict[str, str], tokens_other: dict[str, str]
) -> None:
    group = (await add_community_group(prevention, enumerator))["id"]
    member = (await add_member(prevention, enumerator, group))["id"]
    assert (
        await prevention.client.get(f"{MEMBERS}/{member}", headers=tokens_other)
    ).status_code == 404
    assert (
        await prevention.client.get(f"{COMMUNITY_GROUPS}/{group}", headers=tokens_other)
    ).status_code == 404
