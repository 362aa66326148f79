"""What a final report needs, and which outcomes need which finding (pure)."""

from __future__ import annotations

import pytest
from pydantic_core import PydanticCustomError

from apik_examination.closure.rules import (
    Finding,
    Maladministration,
    Outcome,
    conclusion_problems,
    outcome_problem,
    resolution_problem,
)
from apik_shared.platform.problems import TransitionNotAllowed
from apik_shared.vocabulary.labels import Named


def fields(problems: list[tuple[str, PydanticCustomError]]) -> list[str]:
    return [field for field, _ in problems]


class TestConclusion:
    def test_maladministration_needs_its_forms(self):
        assert fields(
            conclusion_problems(
                finding=Finding.maladministration_found,
                forms=[],
                corrective_actions=1,
                recommendation=None,
            )
        ) == ["forms"]
        assert not conclusion_problems(
            finding=Finding.maladministration_found,
            forms=[Maladministration.undue_delay],
            corrective_actions=0,
            recommendation="Segera terbitkan",
        )

    @pytest.mark.parametrize("finding", [Finding.no_maladministration, Finding.examination_stopped])
    def test_no_maladministration_carries_no_remedies(self, finding):
        problems = conclusion_problems(
            finding=finding,
            forms=[Maladministration.partiality],
            corrective_actions=2,
            recommendation="x",
        )
        assert fields(problems) == ["forms", "corrective_actions", "recommendation"]


class TestOutcome:
    def test_outcomes_that_need_a_finding(self):
        found = Finding.maladministration_found
        assert outcome_problem(Outcome.resolved_by_agency, found) is None
        assert outcome_problem(Outcome.recommendation, found) is None
        assert outcome_problem(Outcome.no_maladministration, Finding.no_maladministration) is None
        needs = outcome_problem(Outcome.resolved_by_agency, None)
        assert needs is not None and needs.code == "outcome_needs_report"
        # The codes for a client, said in words (the problem's labels) and in English.
        assert {k: v.code for k, v in needs.params.items() if isinstance(v, Named)} == {
            "outcome": "resolved_by_agency",
            "needed": "maladministration_found",
        }
        assert needs.detail == (
            'A case closed as "Resolved by the agency" needs a final report finding'
            ' "Maladministration found".'
        )
        body = TransitionNotAllowed("x", code=needs.code, params=needs.params).body()
        assert body["params"] == {
            "outcome": "resolved_by_agency",
            "needed": "maladministration_found",
        }
        assert body["labels_by_language"]["id"] == {
            "outcome": "Maladministrasi ditemukan, diselesaikan instansi terlapor",
            "needed": "Ditemukan maladministrasi",
        }
        against = outcome_problem(Outcome.no_maladministration, found)
        assert against is not None and against.code == "outcome_against_finding"
        finding = against.params["finding"]
        assert isinstance(finding, Named) and finding.code == "maladministration_found"

    @pytest.mark.parametrize(
        "outcome",
        [
            Outcome.withdrawn,
            Outcome.not_authority,
            Outcome.no_data,
            Outcome.in_court,
            Outcome.conciliation,
        ],
    )
    def test_outcomes_that_close_at_any_stage(self, outcome):
        assert outcome_problem(outcome, None) is None
        assert outcome_problem(outcome, Finding.examination_stopped) is None


class TestResolvedByAgency:
    """resolved_by_agency: every listed corrective action done, at least one listed; or
    the head's decision."""

    def test_every_action_done(self):
        assert resolution_problem(actions_done=[True, True], head_decided=False) is None

    def test_an_undone_action_is_named_by_its_index(self):
        # Actions 0 and 2 done, 1 and 3 not: the message names 1 and 3.
        problem = resolution_problem(actions_done=[True, False, True, False], head_decided=False)
        assert problem is not None and "1, 3 not done" in problem.detail
        assert (problem.code, problem.params) == ("actions_not_done", {"actions": "1, 3"})

    def test_none_listed_is_no_proof(self):
        problem = resolution_problem(actions_done=[], head_decided=False)
        assert problem is not None and "no corrective action" in problem.detail
        assert problem.code == "no_corrective_action"

    @pytest.mark.parametrize("done", [[], [False], [True, False]])
    def test_the_heads_decision_closes_anyway(self, done):
        assert resolution_problem(actions_done=done, head_decided=True) is None
