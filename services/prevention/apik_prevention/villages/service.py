"""Anti-maladministration villages: nomination, the instrument opened in the assessment
engine, the stage moves with who and when, and the decision letter's figures."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.assessments import service as assessments
from apik_prevention.assessments.schemas import AssessmentCreate, UnitType
from apik_prevention.models import Assessment, Village
from apik_prevention.refusals import PreventionStepRefused
from apik_prevention.villages import rules
from apik_prevention.villages.rules import Stage
from apik_prevention.villages.schemas import VillageCreate
from apik_shared.documents.issuer import Issuer, issuer_of
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.events.payloads.prevention import VillageDecided
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    TransitionNotAllowed,
)
from apik_shared.vocabulary.labels import named


class VillageExists(Conflict):
    slug, title = "village-exists", "The village is already nominated that year"


class NotReady(Conflict):
    """`code`: `no_assessment` (the village instrument's assessment is opened during
    mentoring first), `score_incomplete` (every indicator needs an approved answer)."""

    slug, title = "village-not-ready", "The village is not ready for that stage"
    reasons = ("no_assessment", "score_incomplete")


# Which reason of `NotReady` a stage refused for its own sake (rules.refusal) is.
_NOT_READY = {Stage.regency_verified: "no_assessment", Stage.office_verified: "score_incomplete"}


class NotDecided(Conflict):
    slug, title = "village-not-decided", "The village has no decision letter yet"


def _entry(actor: str, step: str, **details: object) -> dict[str, Any]:
    extra = {k: v for k, v in details.items() if v is not None}
    return {"at": datetime.now(UTC).isoformat(), "by": actor, "step": step, **extra}


async def get_village(
    *, session: AsyncSession, village_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Village:
    row = await session.get(Village, village_id, with_for_update=for_update)
    if row is None or not actor.can_see_office(row.office):
        raise NotFound(f"No village {village_id}.")
    return row


async def nominate(*, session: AsyncSession, data: VillageCreate, actor: Principal) -> Village:
    row = Village(
        office=actor.office,
        stage=Stage.nominated.value,
        created_by=actor.username,
        **data.model_dump(),
    )
    row.history = [_entry(actor.username, "nominated", to=Stage.nominated.value)]
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError as exc:
        raise VillageExists(
            f"{data.name} ({data.district}, {data.regency}) is already nominated for {data.year}."
        ) from exc
    return row


def unit_name(village: Village) -> str:
    """How the village's government is named as an assessed unit."""
    return f"Pemerintah {village.name}, {village.district}, {village.regency}"


async def open_assessment(
    *, session: AsyncSession, village: Village, scheme_id: uuid.UUID, actor: Principal
) -> Assessment:
    """The village instrument as an assessment of the engine (scored like an agency's),
    opened once, while the village is mentored."""
    if Stage(village.stage) not in rules.ASSESSABLE:
        raise PreventionStepRefused(
            f"The instrument is opened during mentoring, not {village.stage}.",
            code="village_not_mentoring",
            params={"stage": named(rules.STAGES, village.stage)},
        )
    if village.assessment_id is not None:
        raise PreventionStepRefused(
            "The village's instrument is already open.", code="instrument_open"
        )
    data = AssessmentCreate(
        unit_name=unit_name(village),
        unit_type=UnitType.village,
        region=village.region,
        regency=village.regency,
        year=village.year,
        scheme_id=scheme_id,
    )
    assessment = await assessments.create_assessment(session=session, data=data, actor=actor)
    village.assessment_id = assessment.id
    village.history = [
        *village.history,
        _entry(actor.username, "instrument opened", assessment=str(assessment.id)),
    ]
    village.version += 1
    session.add(village)
    await session.flush()
    return assessment


async def move(
    *,
    session: AsyncSession,
    village: Village,
    target: Stage,
    note: str | None,
    decree_number: str | None,
    actor: Principal,
) -> Village:
    name = rules.step(village.stage, target)
    if name is None:
        raise TransitionNotAllowed.move_refused(
            f"A village {village.stage} cannot move to {target}.",
            status=named(rules.STAGES, village.stage),
            target=named(rules.STAGES, target),
        )
    score = None
    if village.assessment_id is not None:
        assessment = await session.get(Assessment, village.assessment_id)
        assert assessment is not None  # a foreign key
        score = await assessments.score_of(session, assessment)
    facts = rules.Facts(
        has_assessment=village.assessment_id is not None,
        score_complete=score is not None and score.result is not None,
        is_head=actor.has_any(Role.head),
        decree_number=decree_number,
    )
    if (refused := rules.refusal(target, facts)) is not None:
        field, why = refused
        if field != "stage":  # the one field `refusal` blames: the decree's number, missing
            raise InvalidInput.field(f"#/body/{field}", why, code="missing")
        if target is Stage.decided:
            raise Forbidden(why, code="head_only")
        raise NotReady(why, code=_NOT_READY[target])
    today = (await office_calendar(session, village.office)).local_date(datetime.now(UTC))
    details: dict[str, object] = {"from": village.stage, "to": target.value, "note": note}
    if target is Stage.office_verified and score is not None and score.result is not None:
        village.verified_total, village.verified_label = score.total, score.result.label
        details.update(total=score.total, label=score.result.label)
    elif target is Stage.decided:
        village.decree_number, village.decided_on = decree_number, today
        village.decided_by = actor.username
        details["decree_number"] = decree_number
    village.history = [*village.history, _entry(actor.username, name, **details)]
    village.stage = target.value
    village.version += 1
    session.add(village)
    if target is Stage.decided:
        assert decree_number is not None
        await publish(
            session,
            VillageDecided(
                village_id=str(village.id),
                office=village.office,
                year=village.year,
                village=village.name,
                regency=village.regency,
                assessment_id=str(village.assessment_id) if village.assessment_id else None,
                total=village.verified_total,
                label=village.verified_label,
                decree_number=decree_number,
                decided_on=today,
            ),
            subject=str(village.id),
        )
    await session.flush()
    return village


async def list_villages(
    *,
    session: AsyncSession,
    actor: Principal,
    year: int | None,
    stage: Stage | None,
    regency: str | None,
) -> list[Village]:
    query = select(Village).order_by(
        col(Village.year).desc(), col(Village.regency), col(Village.name), col(Village.id)
    )
    if (office := actor.office_scope()) is not None:
        query = query.where(Village.office == office)
    if year is not None:
        query = query.where(Village.year == year)
    if stage is not None:
        query = query.where(Village.stage == stage.value)
    if regency is not None:
        query = query.where(Village.regency == regency)
    return list((await session.execute(query.limit(1000))).scalars())


@dataclass(frozen=True)
class DecisionData:
    village: Village
    issuer: Issuer
    scheme_title: str | None
    stages: list[tuple[str, date]]  # each stage reached and the office's day it was


async def decision_data(session: AsyncSession, village: Village) -> DecisionData:
    if village.stage != Stage.decided or village.decided_on is None:
        raise NotDecided(f"The village is {village.stage}: no decision letter yet.")
    calendar = await office_calendar(session, village.office)
    stages = [
        (str(entry["to"]), calendar.local_date(datetime.fromisoformat(str(entry["at"]))))
        for entry in village.history
        if entry.get("to")
    ]
    title = None
    if village.assessment_id is not None:
        assessment = await session.get(Assessment, village.assessment_id)
        assert assessment is not None  # a foreign key
        score = await assessments.score_of(session, assessment)
        title = f"{score.scheme_code} versi {score.scheme_version}"
    return DecisionData(
        village=village,
        issuer=await issuer_of(session, village.office),
        scheme_title=title,
        stages=stages,
    )
