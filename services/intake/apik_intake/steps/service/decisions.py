"""The steps after formal verification: material verification, the plenary, the answer."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from apik_intake.models import Report
from apik_intake.notifications.rules import NotificationKind
from apik_intake.reports.rules import Step
from apik_intake.steps import rules
from apik_intake.steps.schemas import Answer, Decided, MaterialVerification, PlenaryDecision
from apik_intake.steps.service.transitions import apply_step
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import InvalidInput


async def take_step(
    *,
    session: AsyncSession,
    report: Report,
    step: Step,
    data: Decided,
    actor: Principal,
    extra: dict[str, Any] | None = None,
    changes: dict[str, Any] | None = None,
    notify: NotificationKind | None = None,
) -> Report:
    """A step whose history records the body as given (and `extra`)."""
    details = {**data.model_dump(mode="json", exclude={"decided_at"}), **(extra or {})}
    return await apply_step(
        session=session,
        report=report,
        step=step,
        actor=actor,
        details=details,
        changes=changes,
        decided_at=data.decided_at,
        notify=notify,
    )


async def verify_materially(
    *, session: AsyncSession, report: Report, data: MaterialVerification, actor: Principal
) -> Report:
    failures = rules.material_failures(
        within_authority=data.within_authority,
        already_reported=data.already_reported,
        in_court=data.in_court,
        agency_still_handling=data.agency_still_handling,
    )
    step, extra = rules.material_step(failures, data.note)
    return await take_step(
        session=session, report=report, step=step, data=data, actor=actor, extra=extra
    )


async def decide_plenary(
    *, session: AsyncSession, report: Report, data: PlenaryDecision, actor: Principal
) -> Report:
    problems = rules.plenary_problems(
        data.decision, reason=data.reason, examination_unit=data.examination_unit
    )
    if problems:
        field, why = problems[0]
        raise InvalidInput.at(f"#/body/{field}", why)
    changes = {"examination_unit": data.examination_unit} if data.examination_unit else None
    # The reporter is told the decision's status only: its reasons stay with the office.
    return await take_step(
        session=session,
        report=report,
        step=rules.PLENARY_STEPS[data.decision],
        data=data,
        actor=actor,
        changes=changes,
        notify=NotificationKind.decision,
    )


async def answer_consultation(
    *, session: AsyncSession, report: Report, data: Answer, actor: Principal
) -> Report:
    """Answers a consultation (KNL), which closes it."""
    return await take_step(session=session, report=report, step=Step.answer, data=data, actor=actor)
