"""Opening an assessment, reading it, moving it to a corrected scheme version, and
recording the unit's follow-up of the Ombudsman's corrective actions."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.assessments.rules import ASSESSMENT_STATUSES, AssessmentStatus
from apik_prevention.assessments.schemas import AssessmentCreate, FollowUp, UnitType
from apik_prevention.models import Assessment, AssessmentEntry, SchemeVersion
from apik_prevention.schemes import service as schemes
from apik_prevention.schemes.schemas import SchemeKind
from apik_shared.platform.auth import Principal
from apik_shared.platform.pagination import newest_first_page
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound, TransitionNotAllowed
from apik_shared.vocabulary.labels import named


class AssessmentExists(Conflict):
    slug, title = "assessment-exists", "The unit is already assessed that year"


class NotEditable(TransitionNotAllowed):
    """`code`: `not_draft` (`status`: entries and the scheme change while a draft),
    `published` (a published result no longer changes)."""

    slug, title = "assessment-not-editable", "The assessment is past its draft"
    reasons = ("not_draft", "published")


def history(assessment: Assessment, actor: Principal, what: str, **details: Any) -> None:
    at = datetime.now(UTC).isoformat()
    assessment.history = [
        *assessment.history,
        {"at": at, "by": actor.username, "what": what, **details},
    ]


def ensure_draft(assessment: Assessment) -> None:
    if assessment.status != AssessmentStatus.draft:
        raise NotEditable(
            f"The assessment is {assessment.status}: entries and its scheme no longer change.",
            code="not_draft",
            params={"status": named(ASSESSMENT_STATUSES, assessment.status)},
        )


async def _scheme_for_year(
    session: AsyncSession, scheme_id: uuid.UUID, year: int, pointer: str
) -> SchemeVersion:
    scheme = await session.get(SchemeVersion, scheme_id)
    if scheme is None:
        raise InvalidInput.field(pointer, f"No scheme {scheme_id}.", code="not_found")
    if year < scheme.year_from or (scheme.year_to is not None and year > scheme.year_to):
        until = scheme.year_to or "today"
        raise InvalidInput.field(
            pointer,
            f"{scheme.code} covers {scheme.year_from}\u2013{until}, not {year}.",
            code="year_not_covered",
            scheme=scheme.code,
            year=str(year),  # a year, not a number to group in thousands
            year_from=str(scheme.year_from),
            year_to="open" if scheme.year_to is None else str(scheme.year_to),
        )
    return await schemes.freeze(session, scheme.id)


async def create_assessment(
    *, session: AsyncSession, data: AssessmentCreate, actor: Principal
) -> Assessment:
    """A unit to assess in the caller's office; the scheme version it uses is frozen."""
    scheme = await _scheme_for_year(session, data.scheme_id, data.year, "#/body/scheme_id")
    # A village's government is scored with a village instrument, and only a village is.
    kind = schemes.definition_of(scheme).kind
    if (kind is SchemeKind.village) != (data.unit_type is UnitType.village):
        raise InvalidInput.field(
            "#/body/scheme_id",
            f"{scheme.code} is a {kind} scheme; the unit is a {data.unit_type}.",
            code="scheme_kind_mismatch",
            scheme=scheme.code,
            kind=kind.value,
        )
    assessment = Assessment(
        office=actor.office,
        unit_name=data.unit_name,
        unit_type=data.unit_type.value,
        region=data.region,
        regency=data.regency,
        year=data.year,
        scheme_id=scheme.id,
        status=AssessmentStatus.draft.value,
        created_by=actor.username,
    )
    history(assessment, actor, "opened", scheme=f"{scheme.code} v{scheme.version}")
    try:
        async with session.begin_nested():
            session.add(assessment)
            await session.flush()
    except IntegrityError as exc:
        raise AssessmentExists(
            f"{data.unit_name} ({data.unit_type}) already has an assessment for {data.year}."
        ) from exc
    return assessment


async def get_assessment(
    *, session: AsyncSession, assessment_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Assessment:
    """The assessment, if the caller may see its office (the same 404 otherwise)."""
    assessment = await session.get(Assessment, assessment_id, with_for_update=for_update)
    if assessment is None or not actor.can_see_office(assessment.office):
        raise NotFound(f"No assessment {assessment_id}.")
    return assessment


def office_assessments(actor: Principal, year: int | None, status: str | None) -> Any:
    """The assessments `actor` may see (their office's; every office's for `national`)
    that `year` and `status` select."""
    query = select(Assessment)
    if (office := actor.office_scope()) is not None:
        query = query.where(Assessment.office == office)
    if year is not None:
        query = query.where(Assessment.year == year)
    if status is not None:
        query = query.where(Assessment.status == status)
    return query


async def list_assessments(
    *,
    session: AsyncSession,
    actor: Principal,
    year: int | None,
    status: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Assessment], str | None]:
    """Newest first, of the caller's office (every office for `national`)."""
    return await newest_first_page(
        session,
        office_assessments(actor, year, status),
        timestamp=col(Assessment.created_at),
        ident=col(Assessment.id),
        cursor=cursor,
        limit=limit,
    )


async def entry_counts(session: AsyncSession, assessment_id: uuid.UUID) -> dict[str, int]:
    rows = await session.execute(
        select(col(AssessmentEntry.status), func.count())
        .where(AssessmentEntry.assessment_id == assessment_id)
        .group_by(col(AssessmentEntry.status))
    )
    return {status: count for status, count in rows.all()}


async def change_scheme(
    *,
    session: AsyncSession,
    assessment: Assessment,
    scheme_id: uuid.UUID,
    reason: str,
    actor: Principal,
) -> Assessment:
    """Scores the assessment with another version of the same scheme (a correction):
    its answers stay, the score is recomputed from them."""
    ensure_draft(assessment)
    current = await schemes.get_version(session=session, scheme_id=assessment.scheme_id)
    scheme = await _scheme_for_year(session, scheme_id, assessment.year, "#/body/scheme_id")
    if scheme.code != current.code:
        raise InvalidInput.field(
            "#/body/scheme_id",
            f"The assessment is scored with {current.code}; choose one of its versions.",
            code="other_scheme",
            scheme=current.code,
        )
    assessment.scheme_id = scheme.id
    history(
        assessment,
        actor,
        "scheme changed",
        scheme=f"{scheme.code} v{scheme.version}",
        reason=reason,
    )
    assessment.version += 1
    session.add(assessment)
    await session.flush()
    return assessment


async def record_follow_up(
    *, session: AsyncSession, assessment: Assessment, follow_up: FollowUp, actor: Principal
) -> Assessment:
    """How many corrective actions and recommendations the unit had, and followed up."""
    if follow_up.followed_up > follow_up.issued:
        raise InvalidInput.field(
            "#/body/followed_up",
            "More followed up than were issued.",
            code="less_than_equal",
            le=follow_up.issued,
        )
    if assessment.status == AssessmentStatus.published:
        raise NotEditable(
            "The assessment is published: its result no longer changes.", code="published"
        )
    assessment.follow_up_issued = follow_up.issued
    assessment.follow_up_done = follow_up.followed_up
    history(assessment, actor, "follow-up recorded", **follow_up.model_dump())
    assessment.version += 1
    session.add(assessment)
    await session.flush()
    return assessment
