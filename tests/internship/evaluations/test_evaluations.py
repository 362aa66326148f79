"""Evaluations through the API: supervisors' rubrics of an intern feed completion, the
intern's of their unit and programme show only as counts above a minimum, and the final
report goes up and comes back sealed at rest."""

from __future__ import annotations

from typing import Any

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import APPLICATIONS, PROBLEM, V1, accepted, link_account

EVALUATIONS = f"{V1}/evaluations"
INTERN_CRITERIA = [
    "discipline",
    "responsibility",
    "teamwork",
    "communication",
    "initiative",
    "mastery",
    "work_quality",
]
UNIT = {"guidance": 4, "workload": 3, "learning": 5, "respect": 5, "facilities": 3}
REPORT = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"

# No record of the intern's own: the whole period is stated, with the reason.
PAPER_RECAP = {"days_present": 8, "logbook_approved": 8, "reason": "Rekap daftar hadir kertas."}


async def an_intern(
    internship: RunningService,
    supervisor: dict[str, str],
    tokens: TestTokens,
    username: str,
    **kw: Any,
) -> tuple[dict[str, Any], dict[str, str]]:
    filed = await accepted(internship, supervisor, **kw)
    await link_account(internship, supervisor, filed["id"], username)
    return filed, tokens.headers("intern", office="KAB", username=username)


async def test_supervisors_rubrics_give_the_final_score_completion_uses(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens
):
    filed = await accepted(
        internship, supervisor, period_start="2025-06-02", period_end="2025-06-13"
    )
    url = f"{EVALUATIONS}/interns/{filed['id']}"
    first = await internship.client.post(
        url,
        json={"scores": dict.fromkeys(INTERN_CRITERIA, 4), "comment": "Rajin dan teliti."},
        headers=supervisor,
    )
    assert first.status_code == 201, first.text
    assert first.json()["score"] == 75.0 and first.json()["comment"] == "Rajin dan teliti."
    again = await internship.client.post(
        url, json={"scores": dict.fromkeys(INTERN_CRITERIA, 5)}, headers=supervisor
    )
    assert again.status_code == 409 and again.json()["type"].endswith("already-evaluated")
    other = tokens.headers("intern_supervisor", office="KAB", username="pembimbing2")
    second = await internship.client.post(
        url,
        json={"scores": dict.fromkeys(INTERN_CRITERIA, 5) | {"initiative": 3}},
        headers=other,
    )
    assert second.json()["score"] == 92.9  # mean 33 / 7
    read = (await internship.client.get(url, headers=supervisor)).json()
    assert read["final_score"] == 84  # (75.0 + 92.9) / 2 = 83.95
    # The comment is sealed at rest.
    stored = await internship.scalar(
        "SELECT comment FROM evaluation WHERE application_id = :a AND evaluator = 'pembimbing'",
        a=filed["id"],
    )
    assert "Rajin" not in stored

    # Completion without a stated score takes the supervisors' (84 >= 70).
    done = await internship.client.post(
        f"{APPLICATIONS}/{filed['id']}/completion",
        json={"before_records": PAPER_RECAP},
        headers=supervisor,
    )
    assert done.status_code == 201, done.text
    assert done.json()["evaluation_score"] == 84


async def test_completion_without_any_evaluation_asks_for_the_score(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(
        internship, supervisor, period_start="2025-06-02", period_end="2025-06-13"
    )
    answer = await internship.client.post(
        f"{APPLICATIONS}/{filed['id']}/completion",
        json={"before_records": PAPER_RECAP},
        headers=supervisor,
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "#/body/evaluation_score"


async def test_a_rubric_filled_wrong_is_422_naming_the_criteria(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor)
    scores = dict.fromkeys(INTERN_CRITERIA, 4) | {"teamwork": 6}
    del scores["initiative"]
    answer = await internship.client.post(
        f"{EVALUATIONS}/interns/{filed['id']}", json={"scores": scores}, headers=supervisor
    )
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM
    pointers = {e["pointer"] for e in answer.json()["errors"]}
    assert pointers == {"#/body/scores/initiative", "#/body/scores/teamwork"}
    assert (
        await internship.scalar(
            "SELECT count(*) FROM evaluation WHERE application_id = :a", a=filed["id"]
        )
        == 0
    )


async def test_interns_feedback_on_a_unit_shows_only_from_five_interns(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens
):
    interns = [
        await an_intern(internship, supervisor, tokens, f"umpan.balik{i}", unit="prevention")
        for i in range(5)
    ]
    feedback = f"{EVALUATIONS}/feedback"
    for number, (_, intern) in enumerate(interns):
        answer = await internship.client.post(
            f"{EVALUATIONS}/mine/unit",
            json={"scores": UNIT, "comment": "Ruang sempit."},
            headers=intern,
        )
        assert answer.status_code == 201, answer.text
        assert answer.json()["target"] == "prevention"
        shown = (await internship.client.get(feedback, headers=supervisor)).json()
        [unit] = [f for f in shown if f["target"] == "prevention"]
        if number < 4:
            assert unit == {
                "target": "prevention",
                "count": None,
                "mean_score": None,
                "criteria": None,
            }
    # Five interns: each rubric's mean is 20 / 5 = 4, so 75.0.
    assert unit["count"] == 5 and unit["mean_score"] == 75.0
    assert unit["criteria"]["guidance"] == 4.0
    assert "Ruang" not in str(unit)  # comments never shown in feedback
    # An intern does not evaluate themselves, nor the unit twice.
    _, intern = interns[0]
    self_rated = await internship.client.post(
        f"{EVALUATIONS}/mine/intern", json={"scores": UNIT}, headers=intern
    )
    assert self_rated.status_code == 422
    twice = await internship.client.post(
        f"{EVALUATIONS}/mine/unit", json={"scores": UNIT}, headers=intern
    )
    assert twice.status_code == 409
    mine = (await internship.client.get(f"{EVALUATIONS}/mine", headers=intern)).json()
    assert [e["subject"] for e in mine["items"]] == ["unit"]


async def test_the_final_report_goes_up_and_comes_back_to_the_supervisor(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens
):
    filed, intern = await an_intern(internship, supervisor, tokens, "laporan.akhir")
    url = f"{EVALUATIONS}/mine/final-report"
    headers = {**intern, "Content-Type": "application/octet-stream"}
    first = await internship.client.put(
        url, params={"filename": "laporan.pdf"}, content=REPORT, headers=headers
    )
    again = await internship.client.put(
        url, params={"filename": "laporan-2.pdf"}, content=REPORT, headers=headers
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["version"] == 2 and again.json()["filename"] == "laporan-2.pdf"
    download = await internship.client.get(
        f"{EVALUATIONS}/interns/{filed['id']}/final-report", headers=supervisor
    )
    assert download.status_code == 200 and download.content == REPORT
    sealed = await internship.scalar(
        "SELECT content FROM final_report WHERE application_id = :a", a=filed["id"]
    )
    assert "PDF" not in sealed
    nobody = tokens.headers("intern", office="KAB", username="bukan.magang")
    refused = await internship.client.put(
        url,
        params={"filename": "x.pdf"},
        content=REPORT,
        headers={**nobody, "Content-Type": "application/octet-stream"},
    )
    assert refused.status_code == 403
