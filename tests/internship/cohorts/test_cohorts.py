"""The coordinator makes a cohort from accepted applications, sets places and
supervisors, runs the allocation helper and adjusts within the places, every change
kept; the intern reads their own rotation and ranks the units."""

from __future__ import annotations

from collections import Counter
from typing import Any

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import COHORTS, INTERN, PROBLEM, accepted, link_account

UNITS = ("intake", "prevention", "examination")


async def cohort_of_three(
    internship: RunningService, supervisor: dict[str, str], year: int
) -> tuple[dict[str, Any], list[str]]:
    """Three interns accepted for Feb-Apr of `year`, in a cohort of three phases."""
    ids = []
    for unit, units in (
        ("intake", ["intake", "prevention"]),
        ("intake", ["intake", "examination"]),
        ("prevention", ["prevention"]),
    ):
        filed = await accepted(
            internship,
            supervisor,
            unit,
            period_start=f"{year}-02-01",
            period_end=f"{year}-04-30",
            units=units,
        )
        ids.append(filed["id"])
    made = await internship.client.post(
        COHORTS,
        json={
            "name": f"Angkatan {year}",
            "period_start": f"{year}-02-01",
            "period_end": f"{year}-02-28",
        },
        headers=supervisor,
    )
    assert made.status_code == 201, made.text
    return made.json(), ids


async def test_a_cohort_is_allocated_fairly_within_the_places_and_every_change_is_kept(
    internship: RunningService, supervisor: dict[str, str]
):
    cohort, ids = await cohort_of_three(internship, supervisor, 2030)
    assert sorted(m["application_id"] for m in cohort["members"]) == sorted(ids)
    assert cohort["phases"] == 3 and cohort["version"] == 1
    url = f"{COHORTS}/{cohort['id']}"
    refused = await internship.client.post(f"{url}/allocation", headers=supervisor)
    assert refused.status_code == 422  # no places set yet
    version = 1
    for unit in UNITS:
        answer = await internship.client.put(
            f"{url}/units/{unit}",
            json={"capacity": 1, "supervisor": f"pembimbing.{unit}"},
            headers={**supervisor, "If-Match": f'"{version}"'},
        )
        assert answer.status_code == 200, answer.text
        version += 1
    stale = await internship.client.post(
        f"{url}/allocation", headers={**supervisor, "If-Match": '"1"'}
    )
    assert stale.status_code == 412
    plan = await internship.client.post(f"{url}/allocation", headers=supervisor)
    assert plan.status_code == 200, plan.text
    placements = plan.json()["placements"]
    assert len(placements) == 9 and plan.json()["unplaced"] == 0
    for phase in range(3):
        assert Counter(p["unit"] for p in placements if p["phase"] == phase) == Counter(UNITS)
    for application in ids:
        assert sorted(
            p["unit"] for p in placements if p["application_id"] == application
        ) == sorted(UNITS)
    # Phase 0: everyone their first choice (intake, intake, prevention) cannot all be:
    # two want intake first. One gets it, the other their second (examination), the
    # third prevention: two firsts, one second.
    first = {p["application_id"]: p for p in placements if p["phase"] == 0}
    assert first[ids[2]]["unit"] == "prevention"
    assert sorted(p["rank"] for p in first.values()) == [0, 0, 1]
    assert first[ids[0]]["supervisor"] == f"pembimbing.{first[ids[0]]['unit']}"
    history = (await internship.client.get(f"{url}/history", headers=supervisor)).json()
    assert len(history) == 9 and {h["source"] for h in history} == {"allocation"}
    events = await internship.outbox_events("intern.placed", subject=ids[0])
    assert sorted(e.data["phase"] for e in events) == [0, 1, 2]
    assert set(events[0].data) == {
        "application_id",
        "office",
        "cohort_id",
        "phase",
        "unit",
        "starts_on",
        "ends_on",
        "source",
        "placed_at",
        "placed_by",
    }  # references only: no name
    assert events[0].data["cohort_id"] == cohort["id"]
    assert all(h["from_unit"] is None and h["changed_by"] == "pembimbing" for h in history)

    # The coordinator moves the prevention intern to intake in phase 0: full.
    move = f"{url}/placements/{ids[2]}/0"
    full = await internship.client.put(
        move, json={"unit": "intake", "reason": "Permintaan kampus"}, headers=supervisor
    )
    assert full.status_code == 409 and full.headers["content-type"] == PROBLEM
    assert full.json()["type"].endswith("unit-full")
    await internship.client.put(f"{url}/units/intake", json={"capacity": 2}, headers=supervisor)
    moved = await internship.client.put(
        move, json={"unit": "intake", "reason": "Permintaan kampus"}, headers=supervisor
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["source"] == "coordinator" and moved.json()["rank"] is None
    [*_, last] = await internship.outbox_events("intern.placed", subject=ids[2])
    assert (last.data["unit"], last.data["source"]) == ("intake", "coordinator")
    history = (await internship.client.get(f"{url}/history", headers=supervisor)).json()
    assert history[-1] == {
        **history[-1],
        "application_id": ids[2],
        "phase": 0,
        "from_unit": "prevention",
        "to_unit": "intake",
        "source": "coordinator",
        "reason": "Permintaan kampus",
    }
    # A new run replaces the adjustment, and records that too.
    await internship.client.post(f"{url}/allocation", headers=supervisor)
    history = (await internship.client.get(f"{url}/history", headers=supervisor)).json()
    assert len(history) > 10 and history[-1]["source"] == "allocation"


async def test_the_intern_reads_only_their_own_rotation_and_ranks_the_units(
    internship: RunningService,
    supervisor: dict[str, str],
    head: dict[str, str],
    tokens: TestTokens,
):
    cohort, ids = await cohort_of_three(internship, supervisor, 2031)
    url = f"{COHORTS}/{cohort['id']}"
    for unit in UNITS:
        await internship.client.put(f"{url}/units/{unit}", json={"capacity": 3}, headers=supervisor)
    await link_account(internship, supervisor, ids[2], "dewi.magang")
    dewi = tokens.headers("intern", office="KAB", username="dewi.magang")
    ranked = await internship.client.put(
        f"{INTERN}/preferences", json={"units": ["examination", "intake"]}, headers=dewi
    )
    assert ranked.status_code == 200, ranked.text
    assert ranked.json() == {"cohort_id": cohort["id"], "units": ["examination", "intake"]}
    unknown = await internship.client.put(
        f"{INTERN}/preferences", json={"units": ["kantin"]}, headers=dewi
    )
    assert unknown.status_code == 422
    await internship.client.post(f"{url}/allocation", headers=supervisor)
    mine = await internship.client.get(f"{INTERN}/rotation", headers=dewi)
    assert mine.status_code == 200
    assert [p["unit"] for p in mine.json()] == ["examination", "intake", "prevention"]
    assert {p["application_id"] for p in mine.json()} == {ids[2]}
    assert [p["rank"] for p in mine.json()] == [0, 1, None]
    as_supervisor = (await internship.client.get(url, headers=supervisor)).json()
    as_head = (await internship.client.get(url, headers=head)).json()
    [full] = [m for m in as_supervisor["members"] if m["application_id"] == ids[2]]
    [masked] = [m for m in as_head["members"] if m["application_id"] == ids[2]]
    assert (full["intern_username"], masked["intern_username"]) == ("dewi.magang", "d**********")
    stranger = tokens.headers("intern", office="KAB", username="bukan.magang")
    assert (await internship.client.get(f"{INTERN}/rotation", headers=stranger)).status_code == 403
    staff = await internship.client.get(f"{INTERN}/rotation", headers=supervisor)
    assert staff.status_code == 403
    # Nor does the intern read the cohort's plan.
    assert (await internship.client.get(f"{url}/plan", headers=dewi)).status_code == 403


async def test_another_office_sees_no_cohort_and_a_cohort_takes_each_intern_once(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens
):
    cohort, _ = await cohort_of_three(internship, supervisor, 2032)
    again = await internship.client.post(
        COHORTS,
        json={"name": "Lagi", "period_start": "2032-01-01", "period_end": "2032-12-31"},
        headers=supervisor,
    )
    assert again.status_code == 201 and again.json()["members"] == []
    elsewhere = tokens.headers("intern_supervisor", office="BKL", username="pembimbing.bkl")
    answer = await internship.client.get(f"{COHORTS}/{cohort['id']}", headers=elsewhere)
    assert answer.status_code == 404
    listed = await internship.client.get(COHORTS, headers=elsewhere)
    assert cohort["id"] not in {c["id"] for c in listed.json()}
    mine = await internship.client.get(COHORTS, headers=supervisor)
    assert {"id": cohort["id"], "members": 3} in [
        {"id": c["id"], "members": c["members"]} for c in mine.json()
    ]
