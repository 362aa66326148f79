"""SLA policy routes: read the versions, add one."""

from __future__ import annotations

from datetime import UTC, datetime

from apik_examination.deps import AUTH, PolicyMaker, Reader, require_national
from apik_examination.sla import service
from apik_examination.sla.schemas import SlaPolicyCreate, SlaPolicyPublic
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["sla"])


@router.get(
    "/sla-policies",
    response_model=list[SlaPolicyPublic],
    responses=problem_responses(*AUTH),
)
async def list_policies(session: DbSession, actor: Reader) -> list[SlaPolicyPublic]:
    rows = await service.list_policies(session=session)
    return [SlaPolicyPublic.model_validate(p, from_attributes=True) for p in rows]


@router.post(
    "/sla-policies",
    response_model=SlaPolicyPublic,
    status_code=201,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def add_policy_version(
    data: SlaPolicyCreate, session: DbSession, actor: PolicyMaker
) -> SlaPolicyPublic:
    """Adds the next version; the clocks of live cases on that track are recomputed."""
    require_national(actor)
    now = datetime.now(UTC)
    policy = await service.add_policy_version(
        session=session,
        track=data.track.value,
        classification=data.classification.value if data.classification else None,
        target=data.target,
        unit=data.unit,
        warning_ratio=data.warning_ratio,
        pause_statuses=data.pause_statuses,
        effective_from=data.effective_from or now,
        note=data.note,
        actor=actor.subject,
        now=now,
    )
    return SlaPolicyPublic.model_validate(policy, from_attributes=True)
