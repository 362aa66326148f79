"""Assessments through the API: opened in the caller's office, entries reviewed by
another officer, the score explained and recomputed after a correction of an answer or
of the scheme."""

from __future__ import annotations

from apik_testing.services import RunningService
from tests.prevention.builders import (
    ASSESSMENTS,
    PROBLEM,
    SCHEMES,
    add_entry,
    answer_everything,
    assessment_body,
    entry_body,
    open_assessment,
    review,
    scheme_id,
    shipped,
)


async def test_an_assessment_opens_in_the_callers_office_once_a_year(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    body = assessment_body(scheme)
    opened = await prevention.client.post(
        ASSESSMENTS, json=body, headers={**enumerator, "Idempotency-Key": "buka-1"}
    )
    assert opened.status_code == 201, opened.text
    made = opened.json()
    assert (made["office"], made["status"], made["scheme_code"], made["scheme_version"]) == (
        "KAB",
        "draft",
        "ombudsman-2022",
        1,
    )
    assert opened.headers["location"].endswith(made["id"]) and opened.headers["etag"] == '"1"'
    replay = await prevention.client.post(
        ASSESSMENTS, json=body, headers={**enumerator, "Idempotency-Key": "buka-1"}
    )
    assert replay.status_code == 201 and replay.json()["id"] == made["id"]
    twice = await prevention.client.post(ASSESSMENTS, json=body, headers=enumerator)
    assert twice.status_code == 409 and twice.headers["content-type"] == PROBLEM
    # The 2022 scheme covers 2022-2024 only.
    wrong = await prevention.client.post(
        ASSESSMENTS, json=assessment_body(scheme, year=2025), headers=enumerator
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["pointer"] == "#/body/scheme_id"


async def test_answers_are_checked_against_the_scheme(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    assessment = (await open_assessment(prevention, enumerator, scheme))["id"]
    url = f"{ASSESSMENTS}/{assessment}/entries"
    for answers, pointer in (
        ([("X.9", 1)], "#/body/answers/0/indicator"),  # no such indicator
        ([("O.1", 4)], "#/body/answers/0/value"),  # off the 0-3 scale
        ([("O.1", 1), ("O.1", 2)], "#/body/answers/1/indicator"),  # twice
        ([("I.4", 1)], "#/body/answers/0/indicator"),  # observed, not asked of users
    ):
        answer = await prevention.client.post(
            url, json=entry_body("service_user", answers), headers=enumerator
        )
        assert answer.status_code == 422, answer.text
        assert answer.json()["errors"][0]["pointer"] == pointer
    nul = await prevention.client.post(
        url, json=entry_body("service_user", [("O.1", 1)], place="Loket\x00"), headers=enumerator
    )
    assert nul.status_code == 422
    assert await prevention.scalar("SELECT count(*) FROM assessment_entry") == 0


async def test_only_approved_answers_count_and_never_the_enumerators_own_review(
    prevention: RunningService, enumerator: dict[str, str], reviewer: dict[str, str]
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    assessment = (await open_assessment(prevention, enumerator, scheme))["id"]
    first = await add_entry(
        prevention, enumerator, assessment, entry_body("service_user", [("O.1", 3), ("O.2", 0)])
    )
    second = await add_entry(
        prevention, enumerator, assessment, entry_body("service_user", [("O.1", 0)])
    )
    own = await prevention.client.post(
        f"{ASSESSMENTS}/{assessment}/entries/{first['id']}/review",
        json={"decision": "approved"},
        headers=enumerator,
    )
    assert own.status_code == 403
    await review(prevention, reviewer, assessment, first["id"])
    held = await review(prevention, reviewer, assessment, second["id"], "on_hold")
    assert held["status"] == "on_hold" and held["reviewed_by"] == "reviewer"
    score = await prevention.client.get(f"{ASSESSMENTS}/{assessment}/score", headers=reviewer)
    assert score.status_code == 200, score.text
    explained = score.json()
    assert not explained["complete"] and explained["result"] is None
    output = next(d for d in explained["dimensions"] if d["code"] == "output")
    o1, o2 = output["variables"][0]["indicators"][:2]
    # The entry on hold does not count: O.1 is the approved 3 alone.
    assert (o1["answers"], o1["score"], o2["answers"], o2["score"]) == ([3], 100, [0], 0)
    # O.1's share: 24.24 / 8 = 3.03 points, all given.
    assert (o1["share_of_total"], o1["contribution"]) == (3.03, 3.03)


async def test_a_corrected_answer_goes_back_to_review_and_then_moves_the_score(
    prevention: RunningService, enumerator: dict[str, str], reviewer: dict[str, str]
) -> None:
    definition = shipped(2022)
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    assessment = (await open_assessment(prevention, enumerator, scheme))["id"]
    await answer_everything(prevention, enumerator, reviewer, assessment, definition)
    score_url = f"{ASSESSMENTS}/{assessment}/score"
    before = (await prevention.client.get(score_url, headers=reviewer)).json()
    assert before["complete"] and before["total"] == 100
    assert before["result"]["grade"] == "A"

    entries = (
        await prevention.client.get(f"{ASSESSMENTS}/{assessment}/entries", headers=reviewer)
    ).json()
    users = next(e for e in entries if e["respondent_type"] == "service_user")
    correction = {"answers": [{"indicator": "O.2", "value": 0}], "reason": "Salah ketik"}
    url = f"{ASSESSMENTS}/{assessment}/entries/{users['id']}"
    stale = await prevention.client.patch(
        url, json=correction, headers={**enumerator, "If-Match": '"1"'}
    )
    assert stale.status_code == 412
    corrected = await prevention.client.patch(
        url, json=correction, headers={**enumerator, "If-Match": f'"{users["version"]}"'}
    )
    assert corrected.status_code == 200, corrected.text
    entry = corrected.json()
    assert entry["status"] == "submitted"
    assert entry["corrections"][0]["before"] == [{"indicator": "O.2", "value": 3}]
    assert {a["indicator"]: a["value"] for a in entry["answers"]}["O.2"] == 0
    # Back to review: until approved again, the users' answers are out of the score.
    waiting = (await prevention.client.get(score_url, headers=reviewer)).json()
    assert not waiting["complete"]
    await review(prevention, reviewer, assessment, users["id"])
    after = (await prevention.client.get(score_url, headers=reviewer)).json()
    # O.2 lost its 3.03 points: 100 - 3.03 = 96.97, still A.
    assert after["total"] == 96.97 and after["result"]["grade"] == "A"


async def test_a_corrected_scheme_recomputes_the_same_answers(
    prevention: RunningService,
    enumerator: dict[str, str],
    reviewer: dict[str, str],
    keeper: dict[str, str],
) -> None:
    definition = shipped(2022)
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    assessment = await open_assessment(prevention, enumerator, scheme)
    # Complaint handling all 0, the rest full: 100 - 21.54 = 78.46, B.
    zeros = {f"H.{n}": 0 for n in range(1, 6)}
    await answer_everything(prevention, enumerator, reviewer, assessment["id"], definition, zeros)
    score_url = f"{ASSESSMENTS}/{assessment['id']}/score"
    before = (await prevention.client.get(score_url, headers=reviewer)).json()
    assert (before["total"], before["result"]["grade"]) == (78.46, "B")

    # The national unit corrects B's cut-off to 80.01: a new version of the scheme.
    corrected = (await prevention.client.get(f"{SCHEMES}/{scheme}", headers=keeper)).json()
    corrected["definition"]["result"]["bands"][1]["min"] = 80.01
    made = await prevention.client.post(
        f"{SCHEMES}/{scheme}/versions",
        json={"reason": "Batas B dikoreksi", "definition": corrected["definition"]},
        headers=keeper,
    )
    assert made.status_code == 201, made.text
    moved = await prevention.client.put(
        f"{ASSESSMENTS}/{assessment['id']}/scheme",
        json={"scheme_id": made.json()["id"], "reason": "Skema dikoreksi"},
        headers={**enumerator, "If-Match": '"1"'},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["scheme_version"] == 2
    after = (await prevention.client.get(score_url, headers=reviewer)).json()
    assert (after["total"], after["result"]["grade"], after["scheme_version"]) == (78.46, "C", 2)
    # Another scheme's version is refused.
    other = await scheme_id(prevention, enumerator, "ombudsman-2025")
    refused = await prevention.client.put(
        f"{ASSESSMENTS}/{assessment['id']}/scheme",
        json={"scheme_id": other, "reason": "x"},
        headers=enumerator,
    )
    assert refused.status_code == 422


async def test_another_office_sees_no_assessment(
    prevention: RunningService, enumerator: dict[str, str], tokens
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    assessment = (await open_assessment(prevention, enumerator, scheme))["id"]
    stranger = tokens.headers("prevention_officer", "head", office="LAIN", username="lain")
    for path in ("", "/score", "/entries"):
        answer = await prevention.client.get(f"{ASSESSMENTS}/{assessment}{path}", headers=stranger)
        assert answer.status_code == 404, path
    listed = await prevention.client.get(ASSESSMENTS, headers=stranger)
    assert listed.status_code == 200 and listed.json()["items"] == []
