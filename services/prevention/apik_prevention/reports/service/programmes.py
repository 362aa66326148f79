"""The prevention report's figures for the programmes beside the five core activities:
publications, social media, innovations, anti-maladministration villages and the Sahabat
Ombudsman community. Counts and short tables only: no member's identity is read (the
community's figures are aggregates over its rows, never a sealed column).

What counts where (printed in the report's notes, `views.labels`):
- publications: published in the period (the office's day of publication);
- social media: posts of the period (their day), their figures as last entered;
- innovations: the register at the period's end (started in its year or before), by
  their state now, and those started in the period;
- villages: those nominated for the period's year, by their stage now, and those decided
  (the head's decision letter) in the period;
- community: groups and members recorded, members active at the period's end (inducted
  by then and not left by then: active now, or left after it), those inducted in it,
  those who left in it and on which days (`left_on`, the office's day), the trainings
  held in it (counted, no names).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.articles.rules import Kind, Status
from apik_prevention.community.rules import MemberStatus
from apik_prevention.models import (
    Article,
    CommunityGroup,
    CommunityMember,
    CommunityTraining,
    Innovation,
    SocialPost,
    Village,
)
from apik_prevention.reports.rules import Period
from apik_prevention.villages.rules import Stage


@dataclass(frozen=True)
class PressRelease:
    number: str | None
    title: str
    published_on: date


@dataclass(frozen=True)
class PlatformRow:
    platform: str
    posts: int
    reach: int
    impressions: int
    engagement: int


@dataclass(frozen=True)
class InnovationRow:
    name: str
    owner: str  # the office itself, or the agency's name
    category: str
    status: str
    started_on: date | None


@dataclass(frozen=True)
class VillageRow:
    name: str
    district: str
    regency: str
    label: str | None  # the verified result
    decree_number: str | None
    decided_on: date


@dataclass(frozen=True)
class TrainingRow:
    title: str
    held_on: date
    members: int
    hours: float | None  # the members' hours together


@dataclass(frozen=True)
class Programmes:
    publications: dict[str, int] = field(default_factory=dict)  # per kind, published
    press_releases: list[PressRelease] = field(default_factory=list)
    platforms: list[PlatformRow] = field(default_factory=list)
    innovations_by_status: dict[str, int] = field(default_factory=dict)  # the register
    innovations_by_owner: dict[str, int] = field(default_factory=dict)
    innovations_started: list[InnovationRow] = field(default_factory=list)
    villages_by_stage: dict[str, int] = field(default_factory=dict)  # the period's year
    villages_decided: list[VillageRow] = field(default_factory=list)
    community_groups: int = 0
    members_recorded: int = 0  # recorded by the period's end, any status
    members_active: int = 0  # at the period's end: inducted by then, not left by then
    members_inducted: int = 0  # in the period
    members_left: list[tuple[date, int]] = field(default_factory=list)  # (day, how many)
    trainings: list[TrainingRow] = field(default_factory=list)

    @property
    def published(self) -> int:
        return sum(self.publications.values())

    @property
    def posts(self) -> int:
        return sum(p.posts for p in self.platforms)

    @property
    def reach(self) -> int:
        return sum(p.reach for p in self.platforms)

    @property
    def trained(self) -> int:
        """Training attendances (a member trained twice counts twice)."""
        return sum(t.members for t in self.trainings)


def _in(column: Any, period: Period) -> sa.ColumnElement[bool]:
    return col(column).between(period.first, period.last)


async def _publications(
    session: AsyncSession, office: str, period: Period
) -> tuple[dict[str, int], list[PressRelease]]:
    published = (col(Article.office) == office, col(Article.status) == Status.published.value)
    kinds = await session.execute(
        select(Article.kind, sa.func.count())
        .where(*published, _in(Article.published_on, period))
        .group_by(col(Article.kind))
    )
    releases = await session.execute(
        sa.select(col(Article.number), col(Article.title), col(Article.published_on))
        .where(
            *published,
            col(Article.kind) == Kind.press_release.value,
            _in(Article.published_on, period),
        )
        .order_by(col(Article.published_on), col(Article.number))
    )
    return (
        {kind: n for kind, n in kinds.all()},
        [PressRelease(n, t, on) for n, t, on in releases.all() if on is not None],
    )


async def _platforms(session: AsyncSession, office: str, period: Period) -> list[PlatformRow]:
    found = await session.execute(
        sa.select(
            col(SocialPost.platform),
            sa.func.count(),
            sa.func.sum(col(SocialPost.reach)),
            sa.func.sum(col(SocialPost.impressions)),
            sa.func.sum(col(SocialPost.engagement)),
        )
        .where(col(SocialPost.office) == office, _in(SocialPost.posted_on, period))
        .group_by(col(SocialPost.platform))
        .order_by(col(SocialPost.platform))
    )
    return [PlatformRow(p, n, int(r or 0), int(i or 0), int(e or 0)) for p, n, r, i, e in found]


async def _innovations(
    session: AsyncSession, office: str, period: Period
) -> tuple[dict[str, int], dict[str, int], list[InnovationRow]]:
    register = list(
        (
            await session.execute(
                select(Innovation)
                .where(Innovation.office == office, Innovation.year <= period.year)
                .order_by(col(Innovation.started_on), col(Innovation.name))
            )
        ).scalars()
    )
    started = [
        InnovationRow(i.name, i.agency or "", i.category, i.status, i.started_on)
        for i in register
        if period.holds(i.started_on)
        # Without a day, the year decides: in the annual report only.
        or (i.started_on is None and period.quarter is None and i.year == period.year)
    ]
    return (
        dict(Counter(i.status for i in register)),
        dict(Counter(i.owner for i in register)),
        started,
    )


async def _villages(
    session: AsyncSession, office: str, period: Period
) -> tuple[dict[str, int], list[VillageRow]]:
    stages = await session.execute(
        select(Village.stage, sa.func.count())
        .where(Village.office == office, Village.year == period.year)
        .group_by(col(Village.stage))
    )
    decided = await session.execute(
        select(Village)
        .where(
            col(Village.office) == office,
            col(Village.stage) == Stage.decided.value,
            _in(Village.decided_on, period),
        )
        .order_by(col(Village.decided_on), col(Village.regency), col(Village.name))
    )
    return (
        {stage: n for stage, n in stages.all()},
        [
            VillageRow(
                v.name, v.district, v.regency, v.verified_label, v.decree_number, v.decided_on
            )
            for v in decided.scalars()
            if v.decided_on is not None
        ],
    )


async def _community(
    session: AsyncSession, office: str, period: Period
) -> tuple[int, int, int, int, list[tuple[date, int]], list[TrainingRow]]:
    groups = await session.scalar(
        select(sa.func.count()).select_from(CommunityGroup).where(CommunityGroup.office == office)
    )
    by_end = sa.func.date(col(CommunityMember.created_at)) <= period.last
    inducted_by_end = col(CommunityMember.inducted_on) <= period.last
    # Active at the period's end: active now, or left after the period (a member who
    # left before `left_on` was kept has no day and counts as gone).
    not_left_by_end = sa.or_(
        col(CommunityMember.status) == MemberStatus.active.value,
        col(CommunityMember.left_on) > period.last,
    )
    # Aggregates only: the member's sealed identity is never selected.
    recorded, active, inducted = (
        await session.execute(
            sa.select(
                sa.func.count().filter(by_end),
                sa.func.count().filter(inducted_by_end, not_left_by_end),
                sa.func.count().filter(_in(CommunityMember.inducted_on, period)),
            ).where(col(CommunityMember.office) == office)
        )
    ).one()
    left = await session.execute(
        sa.select(col(CommunityMember.left_on), sa.func.count())
        .where(col(CommunityMember.office) == office, _in(CommunityMember.left_on, period))
        .group_by(col(CommunityMember.left_on))
        .order_by(col(CommunityMember.left_on))
    )
    trainings = await session.execute(
        sa.select(
            col(CommunityTraining.title),
            col(CommunityTraining.held_on),
            sa.func.count(sa.distinct(col(CommunityTraining.member_id))),
            sa.func.sum(col(CommunityTraining.hours)),
        )
        .where(col(CommunityTraining.office) == office, _in(CommunityTraining.held_on, period))
        .group_by(col(CommunityTraining.title), col(CommunityTraining.held_on))
        .order_by(col(CommunityTraining.held_on), col(CommunityTraining.title))
    )
    return (
        int(groups or 0),
        recorded,
        active,
        inducted,
        [(day, count) for day, count in left if day is not None],
        [
            TrainingRow(t, on, n, None if hours is None else float(hours))
            for t, on, n, hours in trainings
        ],
    )


async def programmes(*, session: AsyncSession, office: str, period: Period) -> Programmes:
    publications, releases = await _publications(session, office, period)
    by_status, by_owner, started = await _innovations(session, office, period)
    stages, decided = await _villages(session, office, period)
    groups, recorded, active, inducted, left, trainings = await _community(session, office, period)
    return Programmes(
        publications=publications,
        press_releases=releases,
        platforms=await _platforms(session, office, period),
        innovations_by_status=by_status,
        innovations_by_owner=by_owner,
        innovations_started=started,
        villages_by_stage=stages,
        villages_decided=decided,
        community_groups=groups,
        members_recorded=recorded,
        members_active=active,
        members_inducted=inducted,
        members_left=left,
        trainings=trainings,
    )
