"""Sahabat Ombudsman members as intake knows them: a copy of prevention's ids and
statuses (`community_member.status_changed`), against which a report brought on the
`community` channel is checked; and what a member filing one themselves may do (a
`community_member` account: the member's id comes from its token, never the body)."""

from __future__ import annotations

import uuid
from typing import TypeVar

from pydantic_core import PydanticCustomError
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_intake.models import CommunityMemberCopy
from apik_intake.refusals import IntakeForbidden
from apik_intake.reports.rules import Kind
from apik_intake.reports.schemas import Channel, ReportCreate, ReportPublic
from apik_shared.platform.auth import Principal, Role, member_id_of
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.payloads.prevention import CommunityMemberStatusChanged
from apik_shared.platform.problems import InvalidInput
from apik_shared.vocabulary.field_errors import invalid

ACTIVE = "active"


async def record_member_status(
    session: AsyncSession, event: CommunityMemberStatusChanged, envelope: CloudEvent
) -> None:
    """The member's latest status: an older event arriving late changes nothing, the
    same one twice neither."""
    statement = insert(CommunityMemberCopy).values(
        id=uuid.UUID(event.member_id),
        office=event.office,
        status=event.status,
        changed_at=event.changed_at,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["id"],
            set_={"status": statement.excluded.status, "changed_at": statement.excluded.changed_at},
            where=col(CommunityMemberCopy.changed_at) < statement.excluded.changed_at,
        )
    )


async def active_member_problem(
    session: AsyncSession, member_id: uuid.UUID, office: str
) -> PydanticCustomError | None:
    """Why the report cannot name this member (None when it can)."""
    member = await session.get(CommunityMemberCopy, member_id)
    if member is None or member.office != office:
        return invalid("unknown_member", "No Sahabat Ombudsman member of this office has that id.")
    if member.status != ACTIVE:
        return invalid(
            "member_not_active",
            "The member is {status}: only an active (inducted) member brings reports.",
            status=member.status,
        )
    return None


# What only the office's staff set on a report: a member files the citizen's complaint.
Shown = TypeVar("Shown", bound=ReportPublic)
STAFF_ONLY = ("linked_report_id", "outreach_id", "received_at", "answer")


def is_member(actor: Principal) -> bool:
    """A caller restricted to their own community reports (whatever else it holds)."""
    return Role.community_member in actor.roles


def own_member_id(actor: Principal) -> uuid.UUID:
    member = member_id_of(actor)
    if member is None:
        raise IntakeForbidden(
            "This account is not linked to a Sahabat Ombudsman member.", code="not_a_member"
        )
    return member


def filed_by_member(actor: Principal, data: ReportCreate) -> ReportCreate:
    """The report a member files: on the `community` channel, naming themselves (another
    member's id is refused, none is filled in), none of the staff's fields."""
    member = own_member_id(actor)
    if data.channel is not Channel.community:
        raise InvalidInput.field(
            "#/body/channel", "A member files on the community channel.", code="member_channel"
        )
    if data.kind is not Kind.LM:
        raise InvalidInput.field(
            "#/body/kind", "A member files a citizen's report (LM).", code="member_kind"
        )
    if data.community_member_id not in (None, member):
        raise InvalidInput.field(
            "#/body/community_member_id",
            "A member files reports as themselves only.",
            code="member_self_only",
        )
    for name in STAFF_ONLY:
        if getattr(data, name) is not None:
            raise InvalidInput.field(
                f"#/body/{name}", "Only the office's staff set this.", code="staff_only"
            )
    return data.model_copy(update={"community_member_id": member})


def for_member(report: Shown) -> Shown:
    """A member's view: without the person link, which would tell them whether the
    citizen has other reports at the office."""
    reporter = report.reporter.model_copy(update={"person_id": None, "matched_on": []})
    return report.model_copy(update={"reporter": reporter})
