"""Draft → plenary → published: the plenary needs a complete, reviewed assessment; the
head publishes, which fixes the result and tells the other services."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.assessments.rules import ASSESSMENT_STATUSES, AssessmentStatus, EntryStatus
from apik_prevention.assessments.service import entry_counts, score_of
from apik_prevention.assessments.service.opening import history
from apik_prevention.models import Assessment
from apik_prevention.publication import rules
from apik_prevention.publication.rules import Published
from apik_prevention.publication.schemas import YearResults
from apik_shared.platform.auth import Principal
from apik_shared.platform.events.payloads.prevention import AssessmentPublished
from apik_shared.platform.events.publish import publish
from apik_shared.platform.problems import Conflict, TransitionNotAllowed
from apik_shared.vocabulary.labels import named


class NotReady(Conflict):
    """`code`: `entries_unreviewed` (`count` entries wait for their reviewer),
    `answers_missing` (`indicators` have no approved answer; `missing` lists them all)."""

    slug, title = "assessment-not-ready", "The assessment is not ready for the plenary"
    reasons = ("entries_unreviewed", "answers_missing")


def _not_ready(waiting: int, missing: list[str]) -> dict[str, Any]:
    """`NotReady`'s code: entries waiting for review come first (reviewing them may
    well answer what is missing), then the first indicators without an approved answer."""
    if waiting:
        return {"code": "entries_unreviewed", "params": {"count": waiting}}
    return {"code": "answers_missing", "params": {"indicators": ", ".join(missing[:10])}}


def _move(
    assessment: Assessment, target: AssessmentStatus, actor: Principal, **details: object
) -> None:
    name = rules.step(assessment.status, target)
    if name is None:
        raise TransitionNotAllowed.move_refused(
            f"An assessment {assessment.status} cannot go {target}.",
            status=named(ASSESSMENT_STATUSES, assessment.status),
            target=named(ASSESSMENT_STATUSES, target),
        )
    assessment.status = target.value
    history(assessment, actor, name, **details)
    assessment.version += 1


async def to_plenary(
    *, session: AsyncSession, assessment: Assessment, actor: Principal
) -> Assessment:
    """Every indicator answered and approved, no entry waiting for its reviewer."""
    if rules.step(assessment.status, AssessmentStatus.plenary) is None:
        raise TransitionNotAllowed.move_refused(
            f"An assessment {assessment.status} cannot go to the plenary.",
            status=named(ASSESSMENT_STATUSES, assessment.status),
            target=named(ASSESSMENT_STATUSES, AssessmentStatus.plenary.value),
        )
    waiting = (await entry_counts(session, assessment.id)).get(EntryStatus.submitted.value, 0)
    score = await score_of(session, assessment)
    if waiting or not score.complete:
        said = []
        if waiting:
            said.append(f"{waiting} entr{'y' if waiting == 1 else 'ies'} not reviewed")
        if not score.complete:
            said.append(f"no approved answer for {', '.join(score.missing[:10])}")
        raise NotReady(
            "; ".join(said) + ".",
            missing=score.missing,
            unreviewed=waiting,
            **_not_ready(waiting, score.missing),
        )
    _move(assessment, AssessmentStatus.plenary, actor)
    assessment.plenary_at = datetime.now(UTC)
    session.add(assessment)
    await session.flush()
    return assessment


async def return_to_draft(
    *, session: AsyncSession, assessment: Assessment, reason: str, actor: Principal
) -> Assessment:
    _move(assessment, AssessmentStatus.draft, actor, reason=reason)
    assessment.plenary_at = None
    session.add(assessment)
    await session.flush()
    return assessment


async def publish_result(
    *, session: AsyncSession, assessment: Assessment, actor: Principal
) -> Assessment:
    """Fixes the score as it stands and announces it (`assessment.published`)."""
    if rules.step(assessment.status, AssessmentStatus.published) is None:
        raise TransitionNotAllowed.move_refused(
            f"An assessment {assessment.status} cannot be published.",
            status=named(ASSESSMENT_STATUSES, assessment.status),
            target=named(ASSESSMENT_STATUSES, AssessmentStatus.published.value),
        )
    score = await score_of(session, assessment)
    outcome = score.result
    if outcome is None:  # the plenary checked it; answers cannot change since
        raise NotReady(
            "The assessment is incomplete.", missing=score.missing, **_not_ready(0, score.missing)
        )
    _move(assessment, AssessmentStatus.published, actor)
    now = datetime.now(UTC)
    assessment.published_at, assessment.published_by = now, actor.username
    assessment.published_total = score.total
    assessment.published_label = outcome.title
    assessment.published_zone = outcome.zone.value if outcome.zone else None
    assessment.published_grade = outcome.grade
    assessment.published_score = score.model_dump(mode="json")
    session.add(assessment)
    await session.flush()
    await publish(
        session,
        AssessmentPublished(
            assessment_id=str(assessment.id),
            office=assessment.office,
            year=assessment.year,
            unit_name=assessment.unit_name,
            unit_type=assessment.unit_type,
            region=assessment.region,
            regency=assessment.regency,
            scheme_code=score.scheme_code,
            scheme_version=score.scheme_version,
            total=score.total,
            label=outcome.label,
            zone=assessment.published_zone,
            grade=outcome.grade,
            opinion=outcome.opinion,
            suffix=outcome.suffix,
            published_at=now,
            published_by=actor.username,
        ),
        subject=str(assessment.id),
    )
    return assessment


async def year_results(session: AsyncSession, year: int) -> YearResults:
    """The year's published results, every office: by result and by region."""
    rows = await session.execute(
        select(Assessment.published_score, Assessment.region)
        .where(
            Assessment.year == year,
            Assessment.status == AssessmentStatus.published.value,
        )
        .order_by(col(Assessment.region))
    )
    published = []
    for score, region in rows.all():
        result = (score or {}).get("result") or {}
        published.append(
            Published(
                label=result.get("label", "?"),
                zone=result.get("zone"),
                grade=result.get("grade"),
                band_min=float(result.get("band_min", 0)),
                region=region,
            )
        )
    return rules.distribution(year, published)
