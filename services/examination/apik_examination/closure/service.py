"""Conclusion (LHP) and closure use cases. They add and flush; the request commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from pydantic_core import PydanticCustomError
from sqlalchemy.ext.asyncio import AsyncSession

from apik_examination.cases.rules import TERMINAL_STATUSES, CaseStatus, day_moment
from apik_examination.closure.rules import (
    Finding,
    Maladministration,
    Outcome,
    Route,
    conclusion_problems,
    outcome_problem,
    resolution_problem,
)
from apik_examination.models import Case, Closure, Conclusion
from apik_examination.refusals import CaseStepRefused
from apik_examination.settings import Settings
from apik_examination.sla.service import record_event, refresh_clock, step_moment
from apik_examination.survey.service import open_survey
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.events.payloads import CaseClosed, CaseConcluded
from apik_shared.platform.events.payloads.examination import CaseDurations, PublicLoss
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import (
    Forbidden,
    InvalidInput,
    NotFound,
    field_error,
)
from apik_shared.vocabulary.field_errors import invalid
from apik_shared.vocabulary.labels import CASE_STATUSES, named


def _invalid(problems: list[tuple[str, PydanticCustomError]]) -> InvalidInput:
    return InvalidInput.each([(f"#/body/{field}", why) for field, why in problems])


async def conclude(
    *,
    session: AsyncSession,
    case: Case,
    finding: Finding,
    forms: list[Maladministration],
    summary: str,
    corrective_actions: list[str],
    recommendation: str | None,
    actor: Principal,
    settings: Settings,
    concluded_at: datetime | None = None,
) -> Conclusion:
    """Issues the final report: the examination clock stops, the deadlines start (from
    `concluded_at`, for a report issued earlier: an office's history; else now)."""
    if case.status in TERMINAL_STATUSES:
        raise CaseStepRefused.in_status(
            f"A {case.status} case is not concluded again.", named(CASE_STATUSES, case.status)
        )
    problems = conclusion_problems(
        finding=finding,
        forms=forms,
        corrective_actions=len(corrective_actions),
        recommendation=recommendation,
    )
    if problems:
        raise _invalid(problems)
    now = datetime.now(UTC)
    at = await step_moment(
        session=session, case=case, given=concluded_at, now=now, field="concluded_at"
    )
    calendar = await office_calendar(session, case.office)
    today = calendar.local_date(at)
    conclusion = Conclusion(
        case_id=case.id,
        finding=finding.value,
        forms=sorted({f.value for f in forms}),
        summary=summary,
        corrective_actions=[{"description": d, "done_on": None} for d in corrective_actions],
        corrective_due_on=(
            calendar.add_working_days(today, settings.corrective_action_working_days)
            if corrective_actions
            else None
        ),
        reporter_response_until=today + timedelta(days=settings.reporter_response_days),
        recommendation=recommendation,
        concluded_by=actor.subject,
        concluded_at=at,
    )
    session.add(conclusion)
    case.status = CaseStatus.concluded.value
    case.version += 1
    session.add(case)
    await record_event(
        session=session,
        case=case,
        type="concluded",
        actor=actor.subject,
        status=CaseStatus.concluded.value,
        data={"finding": finding.value, "forms": conclusion.forms},
        at=at,
    )
    await refresh_clock(session=session, case=case, now=now, calendar=calendar)
    payload = CaseConcluded(
        case_id=str(case.id),
        registration_number=case.registration_number,
        office=case.office,
        finding=finding.value,
        forms=conclusion.forms,
        corrective_due_on=conclusion.corrective_due_on,
        reporter_response_until=conclusion.reporter_response_until,
        recommendation=bool(recommendation),
        concluded_at=at,
    )
    await publish(session, payload, subject=str(case.id))
    return conclusion


@dataclass(frozen=True)
class LossIn:
    kind: str
    amount_idr: int
    people_affected: int
    description: str


async def close(
    *,
    session: AsyncSession,
    case: Case,
    outcome: Outcome,
    route: Route,
    closed_at: datetime | None,
    note: str,
    public_loss: LossIn | None,
    actor: Principal,
    settings: Settings,
    head_decision_reason: str | None = None,
) -> Closure:
    """Closes the case with one outcome and publishes `case.closed` with its durations."""
    if case.status == CaseStatus.closed.value:
        raise CaseStepRefused("The case is already closed.", code="case_closed")
    if head_decision_reason is not None:
        _check_head_decision(actor, outcome)
    conclusion = await session.get(Conclusion, case.id)
    finding = Finding(conclusion.finding) if conclusion else None
    problem = outcome_problem(outcome, finding)
    if problem is None and conclusion is not None and outcome is Outcome.resolved_by_agency:
        problem = resolution_problem(
            actions_done=[a.get("done_on") is not None for a in conclusion.corrective_actions],
            head_decided=head_decision_reason is not None,
        )
    if problem is not None:
        raise CaseStepRefused(
            problem.detail,
            code=problem.code,
            params=problem.params,
            errors=[field_error("#/body/outcome", problem.why)],
        )
    now = datetime.now(UTC)
    at = await step_moment(session=session, case=case, given=closed_at, now=now, field="closed_at")
    closure = Closure(
        case_id=case.id,
        outcome=outcome.value,
        route=route.value,
        note=note,
        public_loss_kind=public_loss.kind if public_loss else None,
        public_loss_idr=public_loss.amount_idr if public_loss else None,
        public_loss_people=public_loss.people_affected if public_loss else None,
        public_loss_description=public_loss.description if public_loss else None,
        closed_by=actor.subject,
        closed_at=at,
        head_decision_reason=head_decision_reason,
        head_decision_by=actor.subject if head_decision_reason is not None else None,
        # The head decided when the case closed on that decision: `closed_at` when the
        # closure is dated (an office's history), else now.
        head_decision_at=at if head_decision_reason is not None else None,
    )
    session.add(closure)
    case.status = CaseStatus.closed.value
    case.version += 1
    session.add(case)
    await record_event(
        session=session,
        case=case,
        type="closed",
        actor=actor.subject,
        status=CaseStatus.closed.value,
        data={
            "outcome": outcome.value,
            "route": route.value,
            "backdated": closed_at is not None,
            "head_decision": head_decision_reason,
        },
        at=at,
    )
    calendar = await office_calendar(session, case.office)
    clock, _ = await refresh_clock(session=session, case=case, now=now, calendar=calendar)
    opened_on, closed_on = calendar.local_date(case.opened_at), calendar.local_date(at)
    payload = CaseClosed(
        case_id=str(case.id),
        report_id=str(case.report_id),
        registration_number=case.registration_number,
        office=case.office,
        track=case.track,
        kind=case.kind,
        channel=case.channel,
        substance=case.substance,
        classification=case.classification,
        examiner_id=case.examiner_id,
        outcome=outcome.value,
        route=route.value,
        finding=finding.value if finding else None,
        forms=conclusion.forms if conclusion else [],
        opened_at=case.opened_at,
        concluded_at=conclusion.concluded_at if conclusion else None,
        closed_at=at,
        durations=CaseDurations(
            calendar_days=(closed_on - opened_on).days,
            working_days=calendar.working_days_between(opened_on, closed_on),
            sla_elapsed=clock.elapsed,
            sla_unit=clock.unit.value,
            sla_target=clock.target,
            sla_state=clock.state.value,
        ),
        public_loss=PublicLoss(**vars(public_loss)) if public_loss else None,
    )
    # The survey waits for intake's link (`survey.service.open_survey`): no secret of it
    # travels in `case.closed`, which every consumer of the stream reads.
    await open_survey(session=session, case=case, settings=settings, now=now)
    await publish(session, payload, subject=str(case.id))
    return closure


def _check_head_decision(actor: Principal, outcome: Outcome) -> None:
    pointer = "#/body/head_decision_reason"
    if not actor.has_any(Role.head):
        detail = "Only the head of office records this decision."
        refusal = invalid("head_only", detail)
        raise Forbidden(detail, code="head_only", errors=[field_error(pointer, refusal)])
    if outcome is not Outcome.resolved_by_agency:
        raise InvalidInput.field(
            pointer,
            "The decision is for resolved_by_agency.",
            code="head_decision_resolution_only",
        )


async def corrective_action_done(
    *,
    session: AsyncSession,
    case: Case,
    index: int,
    done_on: date,
    note: str,
    actor: Principal,
) -> Conclusion:
    """Records that the agency carried out one corrective action (monitoring); a
    closed case takes no more, as it takes no more activities."""
    if case.status == CaseStatus.closed.value:
        raise CaseStepRefused("A closed case takes no more corrective actions.", code="case_closed")
    conclusion = await session.get(Conclusion, case.id, with_for_update=True)
    if conclusion is None:
        raise CaseStepRefused("The case has no final report yet.", code="no_final_report")
    if not 0 <= index < len(conclusion.corrective_actions):
        raise NotFound(f"The final report has no corrective action {index}.")
    calendar = await office_calendar(session, case.office)
    now = datetime.now(UTC)
    today = calendar.local_date(now)
    if done_on > today:
        raise InvalidInput.field(
            "#/body/done_on", "This date is in the future.", code="in_the_future"
        )
    if done_on < (issued := calendar.local_date(conclusion.concluded_at)):
        raise InvalidInput.field(
            "#/body/done_on",
            "The final report was issued after this date.",
            code="before_previous_step",
            previous=issued.isoformat(),
        )
    actions = [dict(a) for a in conclusion.corrective_actions]
    actions[index]["done_on"] = done_on.isoformat()
    conclusion.corrective_actions = actions  # a new list, so the JSON column is rewritten
    session.add(conclusion)
    case.version += 1
    session.add(case)
    await record_event(
        session=session,
        case=case,
        type="corrective_action_done",
        actor=actor.subject,
        data={"index": index, "done_on": done_on.isoformat(), "note": note},
        # On its day in the log (an office's history too), after the final report.
        at=day_moment(
            day=done_on,
            today=today,
            now=now,
            not_before=conclusion.concluded_at,
            zone=calendar.zone,
        ),
    )
    return conclusion
