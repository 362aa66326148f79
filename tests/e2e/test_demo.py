"""`make demo` against the real system: the demo office's year is there afterwards, as
the README promises, and a second run adds nothing.

The filler runs as `make demo` runs it (`python -m apik_shared.devstack demo`), pointed
at the package's stack; everything is then checked through the gateway's API, signed in
with the documented demo password. Its office code is new for this test (the stack is
shared), so every count below is the demo's alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any, TypedDict

import httpx
import pytest

from apik_shared.devstack.demo import DEMO_PASSWORD, STAFF, username
from apik_shared.devstack.demo.community import GROUP, MEMBER_NAME, member_username
from apik_shared.devstack.demo.data import (
    CASE_FATES,
    CASE_STATES,
    CONSULTATIONS,
    REPORTS,
    ROSTER,
    TARGETS,
    VISITS,
)
from apik_shared.devstack.stack import Stack
from apik_shared.platform.auth import Role
from apik_testing.stack import ADMIN_PASSWORD
from tests.e2e.office import count_all, login

pytestmark = pytest.mark.e2e

# The statuses and clocks the README promises, as the APIs name them.
REPORT_STATUSES = {
    "registered": "registered",
    "formally_verified": "verified",
    "awaiting_completion": "incomplete",
    "materially_verified": "in plenary",
    "rejected": "rejected",
    "accepted": "handed off",
}
# Every SLA state a case shows (`sla.rules.SlaState`): the demo has a case in each.
SLA_STATES = {"on_track", "warning", "breached", "paused", "met"}


def make_demo(stack: Stack, office: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("APIK_")}
    env |= {
        "APIK_DEMO_URL": stack.url,
        "APIK_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "APIK_DEMO_OFFICE": office,
    }
    done = subprocess.run(
        [sys.executable, "-m", "apik_shared.devstack", "demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


class Seen(TypedDict):
    """What `everything` reads: counts and names to compare with the demo's data."""

    users: dict[str, list[str]]
    reports: Counter[str]
    consultations: int
    cases: Counter[str]
    case_states: dict[str, str]
    classified: int
    assigned: int
    roster: list[str]
    surveys: int
    visits: Counter[tuple[str, int | None]]
    objections: Counter[str]
    targets: dict[str, float]
    substances: Counter[str | None]


async def everything(client: httpx.AsyncClient, office: str) -> Seen:
    """What a newcomer sees of the office, through the API."""
    people = {
        key: await login(client, username(office, key), DEMO_PASSWORD)
        for key in ("kepala", "pvl1", "spvriksa", "spvamer")
    }
    admin = await login(client, "admin", ADMIN_PASSWORD)
    users = await client.get("/api/v1/auth/users", params={"office": office}, headers=admin)
    assert users.status_code == 200, users.text
    head, officer = people["kepala"], people["pvl1"]
    params = {"limit": "100"}
    page = (await client.get("/api/v1/intake/reports", params=params, headers=officer)).json()
    reports = page["items"]
    summaries = {r["id"]: r["summary"] for r in reports}
    assert page["next_cursor"] is None
    cases = (await client.get("/api/v1/examination/cases", params=params, headers=head)).json()[
        "items"
    ]
    roster = await client.get(
        f"/api/v1/examination/offices/{office}/examiners", headers=people["spvriksa"]
    )
    assert roster.status_code == 200, roster.text
    ikm = await client.get("/api/v1/examination/ikm", headers=head)
    visits = await client.get(
        "/api/v1/consultation/visits", params=params, headers=people["spvamer"]
    )
    assert visits.status_code == 200, visits.text
    targets = await client.get(
        f"/api/v1/reporting/targets/{_year()}", params={"office": office}, headers=head
    )
    assert targets.status_code == 200, targets.text
    return {
        "users": {u["username"]: sorted(u["roles"]) for u in users.json()["items"]},
        "reports": Counter(r["status"] for r in reports if r["kind"] == "LM"),
        "consultations": sum(1 for r in reports if r["kind"] == "KNL"),
        "cases": Counter(c["sla_state"] for c in cases),
        # Which report's case is in which state (the summaries are the demo's, unique).
        "case_states": {
            summaries[c["report_id"]]: c["sla_state"] for c in cases if c["report_id"] in summaries
        },
        "classified": sum(1 for c in cases if c["classification"]),
        "assigned": sum(1 for c in cases if c["examiner_id"]),
        "roster": sorted(e["display_name"] for e in _items(roster.json())),
        "surveys": ikm.json()["responses"],
        "visits": Counter((v["status"], v.get("rating")) for v in visits.json()["items"]),
        "objections": Counter(
            v["answer_state"] for v in visits.json()["items"] if v["category"] == "objection"
        ),
        "targets": targets.json()["targets"],
        "substances": Counter(r.get("substance") for r in reports if r["kind"] == "LM"),
    }


async def _community_member(client: httpx.AsyncClient, office: str) -> str:
    """The demo member's username, from the prevention unit's record of the group."""
    officer = await login(client, username(office, "cegah"), DEMO_PASSWORD)
    groups = await client.get("/api/v1/prevention/community/groups", headers=officer)
    [group] = [g for g in groups.json() if g["name"] == GROUP["name"]]
    assert group["active_members"] == 1, group
    members = await client.get(
        "/api/v1/prevention/community/members",
        params={"group_id": group["id"]},
        headers=officer,
    )
    [member] = members.json()
    assert member["name"] == MEMBER_NAME and member["status"] == "active"
    return member_username(member["id"])


def _items(body: object) -> list[dict[str, Any]]:
    """A list answer's rows, paged (`{"items": [...]}`) or not."""
    items = body["items"] if isinstance(body, dict) else body
    assert isinstance(items, list), body
    return items


def _year() -> int:
    return datetime.now(UTC).year


async def test_make_demo_fills_a_living_office_once(stack: Stack, gateway: httpx.AsyncClient):
    office = f"D{uuid.uuid4().hex[:5].upper()}"
    make_demo(stack, office)
    first = await everything(gateway, office)
    for staff in STAFF:  # each account signs in with the documented password
        await login(gateway, username(office, staff.key), DEMO_PASSWORD)

    # Every role held by someone, `community_member` too: the demo's Sahabat Ombudsman
    # member, inducted into the demo's group, has the account named after them
    # (`sahabat-<member id>`), holding that role alone.
    held = {role for roles in first["users"].values() for role in roles}
    assert held == {r.value for r in Role}
    sahabat = await _community_member(gateway, office)
    assert first["users"][sahabat] == [Role.community_member.value]
    staff_accounts = {username(office, s.key) for s in STAFF}
    assert set(first["users"]) == staff_accounts | {sahabat}
    # The member signs in with the demo password and lists their own reports (none yet).
    member = await login(gateway, sahabat, DEMO_PASSWORD)
    own = await gateway.get("/api/v1/intake/reports", headers=member)
    assert own.status_code == 200 and own.json()["items"] == [], own.text
    names = {s.key: s.full_name for s in STAFF}
    assert first["roster"] == sorted(names[key] for key, _, _ in ROSTER)

    # Reports in every intake status, cases in every SLA state (their steps dated in the
    # past: the warning and the breach come from the dates, not from waiting).
    fates = Counter(r.fate for r in REPORTS)
    expected_reports = {
        "registered": fates["registered"],
        "formally_verified": fates["formally_verified"],
        "awaiting_completion": fates["awaiting_completion"],
        "materially_verified": fates["materially_verified"],
        "rejected": fates["rejected"],
        "accepted": sum(n for fate, n in fates.items() if fate in CASE_FATES),
    }
    assert first["reports"] == expected_reports
    assert set(expected_reports) == set(REPORT_STATUSES)
    assert first["consultations"] == len(CONSULTATIONS)
    assert first["cases"] == Counter(CASE_STATES[r.fate] for r in REPORTS if r.fate in CASE_FATES)
    assert set(first["cases"]) == SLA_STATES
    assert first["case_states"] == {
        r.summary: CASE_STATES[r.fate] for r in REPORTS if r.fate in CASE_FATES
    }
    accepted = expected_reports["accepted"]
    assert first["classified"] == first["assigned"] == accepted
    assert first["surveys"] == fates["closed"] - 1  # one reporter never answers

    # Desk visits served and rated (one visitor left without rating), an objection
    # (sanggahan) answered, the targets set.
    assert first["visits"] == Counter(
        ("completed", v.rating) if v.rating else ("ended", None) for v in VISITS
    )
    assert first["objections"] == {"answered": sum(1 for v in VISITS if v.answer)}
    assert first["targets"] == TARGETS
    # The national catalogue's new sectors are in use (issue 17, item 8).
    assert {"health", "police", "religion"} <= set(first["substances"])

    # Twice: nothing duplicated, nothing moved on; the filler says it found it all.
    again = make_demo(stack, office)
    made = next(line for line in again.splitlines() if " made: " in line)
    kinds = ("office", "users", "reports", "consultations", "cases", "surveys", "visits")
    for kind in (*kinds, "community"):
        assert f"'{kind}" not in made, again
    assert await everything(gateway, office) == first
    officer = await login(gateway, username(office, "pvl1"), DEMO_PASSWORD)
    total = await count_all(gateway, "/api/v1/intake/reports", officer)
    assert total == len(REPORTS) + len(CONSULTATIONS)
