"""The final report (LHP) and the closure: findings, outcomes and what each needs (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.field_errors import invalid
from apik_shared.vocabulary.labels import FINDINGS, OUTCOMES, Named, named


class Finding(StrEnum):
    maladministration_found = "maladministration_found"
    no_maladministration = "no_maladministration"
    examination_stopped = "examination_stopped"


class Maladministration(StrEnum):
    """The ten forms of maladministration."""

    undue_delay = "undue_delay"
    not_providing_service = "not_providing_service"
    incompetence = "incompetence"
    abuse_of_authority = "abuse_of_authority"
    procedural_deviation = "procedural_deviation"
    asking_for_payment = "asking_for_payment"
    improper_conduct = "improper_conduct"
    partiality = "partiality"
    discrimination = "discrimination"
    conflict_of_interest = "conflict_of_interest"


class Outcome(StrEnum):
    resolved_by_agency = "resolved_by_agency"  # maladministration found, then resolved
    conciliation = "conciliation"  # settled by conciliation or mediation
    no_maladministration = "no_maladministration"
    in_court = "in_court"
    withdrawn = "withdrawn"  # by the reporter
    not_authority = "not_authority"
    no_data = "no_data"  # the reporter supplied no data
    recommendation = "recommendation"  # a binding recommendation was issued


class Route(StrEnum):
    """How the case came to be closed."""

    oral_clarification = "oral_clarification"
    written_clarification = "written_clarification"
    field_investigation = "field_investigation"
    mediation = "mediation"
    conciliation = "conciliation"
    reporter_request = "reporter_request"
    # Saran: the office advised the reporter (where to go, what to ask) and closed the
    # report; one of the routes the national figures count (issue 17).
    advice = "advice"
    other = "other"


def conclusion_problems(
    *,
    finding: Finding,
    forms: list[Maladministration],
    corrective_actions: int,
    recommendation: str | None,
) -> list[tuple[str, PydanticCustomError]]:
    """What a final report (LHP) lacks or must not have, as (field, why) pairs."""
    if finding is Finding.maladministration_found:
        if not forms:
            found = "Name the forms of maladministration found."
            return [("forms", invalid("forms_required", found))]
        return []
    # A remedy without maladministration: each field named, with what it needs.
    remedies = [
        (forms, "forms", "Forms of maladministration belong to a finding of it."),
        (corrective_actions, "corrective_actions", "Corrective actions need maladministration."),
        (recommendation, "recommendation", "A recommendation needs maladministration."),
    ]
    return [
        (field, invalid("only_with_maladministration", message))
        for given, field, message in remedies
        if given
    ]


@dataclass(frozen=True)
class Refusal:
    """A pure rule's answer: why not, said once (`invalid(code, message, **params)`) for
    both the problem's reason and its field's error, so that the two never differ."""

    why: PydanticCustomError

    @property
    def code(self) -> str:
        return self.why.type

    @property
    def detail(self) -> str:
        return self.why.message()

    @property
    def params(self) -> dict[str, str | Named]:
        """Its params for the problem's own: a named code (an outcome, a finding) as it
        is, so that the problem says it in words (`labels`) as the field's entry does."""
        return {
            name: value if isinstance(value, Named) else str(value)
            for name, value in (self.why.context or {}).items()
        }


# The conclusion an outcome needs; outcomes not listed close a case at any stage.
_OUTCOME_NEEDS: dict[Outcome, Finding] = {
    Outcome.resolved_by_agency: Finding.maladministration_found,
    Outcome.recommendation: Finding.maladministration_found,
    Outcome.no_maladministration: Finding.no_maladministration,
}


def outcome_problem(outcome: Outcome, finding: Finding | None) -> Refusal | None:
    needed = _OUTCOME_NEEDS.get(outcome)
    if needed is None or needed is finding:
        return None
    # Said in words, never by their codes (`labels`, and the English detail).
    said = {"outcome": named(OUTCOMES, outcome.value), "needed": named(FINDINGS, needed.value)}
    if finding is None:
        return Refusal(
            invalid(
                "outcome_needs_report",
                'A case closed as "{outcome}" needs a final report finding "{needed}".',
                **said,
            )
        )
    return Refusal(
        invalid(
            "outcome_against_finding",
            'The final report found "{finding}"; "{outcome}" needs "{needed}".',
            **said,
            finding=named(FINDINGS, finding.value),
        )
    )


def resolution_problem(*, actions_done: Sequence[bool], head_decided: bool) -> Refusal | None:
    """Why a case may not close as `resolved_by_agency`, or None.

    Resolved by the agency means the agency did what the final report asked: at least
    one corrective action is listed and every one is done. Otherwise only the head of
    office may decide it was resolved (a remedy outside the list, an action made moot),
    with a reason on the record (issue 17).
    """
    if head_decided:
        return None
    if not actions_done:
        return Refusal(
            invalid(
                "no_corrective_action",
                "The final report lists no corrective action, so nothing shows the agency"
                " resolved it; the head of office may decide so with a reason.",
            )
        )
    undone = [str(i) for i, done in enumerate(actions_done) if not done]
    if undone:
        actions = ", ".join(undone)
        return Refusal(
            invalid(
                "actions_not_done",
                "Corrective action(s) {actions} not done yet; record them done, or"
                " the head of office may decide with a reason.",
                actions=actions,
            )
        )
    return None


def in_monitoring(*, due_on: date | None, done: list[bool], today: date) -> bool:
    """Past the corrective-action deadline with actions still undone: resolution and
    monitoring, where a recommendation may follow."""
    return due_on is not None and today > due_on and not all(done)
