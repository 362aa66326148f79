"""What the prevention service consumes besides the office registry: examination's
events about cases' corrective actions and recommendations, for the suffix "Tanpa
Maladministrasi" (`follow_up`), and the internship's alumni asking to join the
community (`community`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from apik_prevention.community.service import record_alumni_joins
from apik_prevention.follow_up.service import record
from apik_prevention.settings import Settings
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.handlers import On, consumer
from apik_shared.platform.events.payloads.examination import (
    CaseClosed,
    CaseConcluded,
    CaseMonitoringStarted,
    RecommendationIssued,
    RecommendationReported,
)
from apik_shared.platform.events.payloads.internship import AlumnusJoinedCommunity

FOLLOW_UP_EVENTS = (
    CaseConcluded,
    CaseMonitoringStarted,
    CaseClosed,
    RecommendationIssued,
    RecommendationReported,
)


async def _one(session: AsyncSession, event: Any, envelope: CloudEvent) -> None:
    await record(session, [event])


async def _many(session: AsyncSession, events: Sequence[tuple[Any, CloudEvent]]) -> None:
    await record(session, [event for event, _ in events])


async def _joined(session: AsyncSession, event: Any, envelope: CloudEvent) -> None:
    await record_alumni_joins(session, [event])


async def _joined_many(session: AsyncSession, events: Sequence[tuple[Any, CloudEvent]]) -> None:
    await record_alumni_joins(session, [event for event, _ in events])


def consumers(settings: Settings) -> list[ConsumerSpec]:
    return [
        consumer(
            "prevention-case-follow-up",
            *(On(kind, _one, _many) for kind in FOLLOW_UP_EVENTS),
        ),
        consumer("prevention-community-alumni", On(AlumnusJoinedCommunity, _joined, _joined_many)),
    ]
