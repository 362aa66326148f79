"""The rapor's figures: the score (as published, or live while not), the unit's result
of the year before, and the issuing office."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from apik_prevention.assessments.rules import AssessmentStatus
from apik_prevention.assessments.schemas import AssessmentScore
from apik_prevention.assessments.service import score_of
from apik_prevention.models import Assessment, SchemeVersion
from apik_prevention.schemes.schemas import SchemeDefinition
from apik_prevention.schemes.service import definition_of
from apik_shared.documents.issuer import Issuer, issuer_of
from apik_shared.platform.offices import office_calendar


@dataclass(frozen=True)
class Previous:
    year: int
    total: float
    label: str | None


@dataclass(frozen=True)
class RaporData:
    assessment: Assessment
    score: AssessmentScore
    definition: SchemeDefinition
    previous: Previous | None
    issuer: Issuer
    today: date


async def _previous(session: AsyncSession, assessment: Assessment) -> Previous | None:
    """The same unit's published result of the year before, in the same office."""
    row = (
        await session.execute(
            select(Assessment).where(
                Assessment.office == assessment.office,
                Assessment.unit_type == assessment.unit_type,
                Assessment.unit_name == assessment.unit_name,
                Assessment.year == assessment.year - 1,
                Assessment.status == AssessmentStatus.published.value,
            )
        )
    ).scalar_one_or_none()
    if row is None or row.published_total is None:
        return None
    return Previous(year=row.year, total=row.published_total, label=row.published_label)


async def rapor_data(session: AsyncSession, assessment: Assessment) -> RaporData:
    if assessment.published_score is not None:
        score = AssessmentScore.model_validate(assessment.published_score)
    else:
        score = await score_of(session, assessment)
    scheme = await session.get(SchemeVersion, score.scheme_id)
    assert scheme is not None  # a foreign key
    calendar = await office_calendar(session, assessment.office)
    return RaporData(
        assessment=assessment,
        score=score,
        definition=definition_of(scheme),
        previous=await _previous(session, assessment),
        issuer=await issuer_of(session, assessment.office),
        today=calendar.local_date(datetime.now(UTC)),
    )
