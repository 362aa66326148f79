"""Each application carries the actions its reader may take now (`rules.allowed_actions`),
and every action offered is one the routes then allow: the web app offers no other."""

from __future__ import annotations

from apik_internship.applications.rules import Action, ApplicationStatus, allowed_actions
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import APPLICATIONS, apply, set_quota


def test_a_submitted_application_is_decided_by_reviewers_only():
    assert allowed_actions(
        ApplicationStatus.submitted, reviewer=True, supervisor=True, in_full=True
    ) == [Action.read_letter, Action.interview, Action.accept, Action.decline]
    assert (
        allowed_actions(
            ApplicationStatus.submitted, reviewer=False, supervisor=False, in_full=False
        )
        == []
    )


def test_an_accepted_intern_is_evaluated_by_a_supervisor_and_completed_by_a_reviewer():
    supervisor = allowed_actions(
        ApplicationStatus.accepted, reviewer=True, supervisor=True, in_full=True
    )
    assert Action.accept not in supervisor
    assert {Action.print_acceptance_letter, Action.evaluate, Action.complete} <= set(supervisor)
    head = allowed_actions(
        ApplicationStatus.accepted, reviewer=True, supervisor=False, in_full=False
    )
    assert head == [Action.complete]  # the letters name the intern: not for a masked reader


def test_a_declined_application_offers_only_its_letter():
    assert allowed_actions(
        ApplicationStatus.declined, reviewer=True, supervisor=True, in_full=True
    ) == [Action.read_letter]


async def test_the_answer_names_the_actions_of_its_reader(
    internship: RunningService, supervisor: dict[str, str], head: dict[str, str], tokens: TestTokens
):
    filed = await apply(internship, period_start="2027-08-02", period_end="2027-08-31")
    url = f"{APPLICATIONS}/{filed['id']}"
    mine = (await internship.client.get(url, headers=supervisor)).json()
    assert mine["actions"] == ["read_letter", "interview", "accept", "decline"]
    assert (await internship.client.get(url, headers=head)).json()["actions"] == [
        "accept",
        "decline",
    ]
    analyst = tokens.headers("analyst", office="KAB")
    assert (await internship.client.get(url, headers=analyst)).json()["actions"] == []
    await set_quota(internship, supervisor, "intake", "2027-08", 3)
    accepted = await internship.client.post(
        f"{url}/acceptance", json={"unit": "intake"}, headers=supervisor
    )
    assert accepted.json()["actions"] == [
        "read_letter",
        "interview",
        "print_acceptance_letter",
        "link_account",
        "evaluate",
        "complete",
    ]
    listed = await internship.client.get(APPLICATIONS, headers=head)
    [row] = [a for a in listed.json()["items"] if a["id"] == filed["id"]]
    assert row["actions"] == ["complete"]
