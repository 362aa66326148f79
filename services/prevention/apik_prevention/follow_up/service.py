"""The follow-up of the unit's cases: examination's `case.*` events kept per case, the
cases the prevention unit names for an assessment, and their tally (`rules`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeAlias

from sqlalchemy import delete, extract
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.follow_up import rules
from apik_prevention.models import Assessment, AssessmentCase, CaseFollowUp, Suggestion
from apik_shared.platform.events.payloads.examination import (
    CaseClosed,
    CaseConcluded,
    CaseMonitoringStarted,
    RecommendationIssued,
    RecommendationReported,
)

MALADMINISTRATION_FOUND = "maladministration_found"
CaseEvent: TypeAlias = (
    CaseConcluded
    | CaseMonitoringStarted
    | CaseClosed
    | RecommendationIssued
    | RecommendationReported
)


def facts_of(event: CaseEvent) -> dict[str, Any]:
    """The columns an event sets; a flag only ever turns on."""
    if isinstance(event, CaseConcluded):
        found = event.finding == MALADMINISTRATION_FOUND and event.corrective_due_on is not None
        return {"corrective": True, "corrective_due_on": event.corrective_due_on} if found else {}
    if isinstance(event, CaseMonitoringStarted):
        return {
            "corrective": True,
            "corrective_due_on": event.corrective_due_on,
            "monitoring": event.open_actions > 0,
        }
    if isinstance(event, CaseClosed):
        return {"closed": True}
    if isinstance(event, RecommendationIssued):
        return {"recommendation": True}
    return {"recommendation": True, "implementation": event.implementation}


async def record(session: AsyncSession, events: Sequence[CaseEvent]) -> None:
    """Applies examination's events to their cases (idempotent: replays change nothing)."""
    table = CaseFollowUp.__table__  # type: ignore[attr-defined]
    now = datetime.now(UTC)
    for event in events:
        facts = facts_of(event)
        # A flag set stays set (`or`): a case.closed replayed before case.concluded
        # cannot clear what the conclusion said.
        updates: dict[str, Any] = {"updated_at": now}
        for name, value in facts.items():
            column = table.c[name]
            updates[name] = column.op("OR")(value) if isinstance(value, bool) else value
        await session.execute(
            insert(table)
            .values(
                case_id=event.case_id,
                registration_number=event.registration_number,
                office=event.office,
                updated_at=now,
                **facts,
            )
            .on_conflict_do_update(index_elements=["case_id"], set_=updates)
        )


async def name_cases(
    *, session: AsyncSession, assessment: Assessment, registration_numbers: Sequence[str]
) -> list[str]:
    """Sets the cases the suffix reads for the assessment (replacing the earlier list)."""
    wanted = sorted(set(registration_numbers))
    await session.execute(
        delete(AssessmentCase).where(col(AssessmentCase.assessment_id) == assessment.id)
    )
    for number in wanted:
        session.add(AssessmentCase(assessment_id=assessment.id, registration_number=number))
    assessment.version += 1
    session.add(assessment)
    await session.flush()
    return wanted


async def named_cases(session: AsyncSession, assessment: Assessment) -> list[str]:
    rows = await session.execute(
        select(AssessmentCase.registration_number)
        .where(AssessmentCase.assessment_id == assessment.id)
        .order_by(col(AssessmentCase.registration_number))
    )
    return list(rows.scalars())


async def tally(session: AsyncSession, assessment: Assessment) -> rules.Tally | None:
    """The named cases' follow-up, of the assessment's office only; None when none is
    named. A named case examination has said nothing about yet counts as pending."""
    numbers = await named_cases(session, assessment)
    if not numbers:
        return None
    rows = (
        await session.execute(
            select(CaseFollowUp).where(
                col(CaseFollowUp.registration_number).in_(numbers),
                CaseFollowUp.office == assessment.office,
            )
        )
    ).scalars()
    known = {row.registration_number: row for row in rows}
    facts = [
        rules.CaseFacts(
            registration_number=number,
            corrective=row.corrective,
            monitoring=row.monitoring,
            closed=row.closed,
            recommendation=row.recommendation,
            implementation=row.implementation,
        )
        for number in numbers
        if (row := known.get(number)) is not None
    ]
    counted = rules.tally(facts)
    unknown = [n for n in numbers if n not in known]
    return rules.Tally(
        issued=counted.issued,
        followed_up=counted.followed_up,
        pending=counted.pending + len(unknown),
        cases=counted.cases,
    )


async def suggestion_tally(
    session: AsyncSession, assessment: Assessment, today: date
) -> rules.SuggestionTally:
    """The suggestions of the office's studies to the assessed unit due in the
    assessment's year, as of the office's `today`."""
    rows = (
        await session.execute(
            select(col(Suggestion.agency), col(Suggestion.due_on), col(Suggestion.status)).where(
                Suggestion.office == assessment.office,
                extract("year", col(Suggestion.due_on)) == assessment.year,
            )
        )
    ).all()
    unit = rules.agency_key(assessment.unit_name)
    return rules.suggestion_tally(
        (
            rules.SuggestionFacts(due_on=due_on, status=status)
            for agency, due_on, status in rows
            if rules.agency_key(agency) == unit
        ),
        today,
    )
