"""The breach register: recorded with the 72-hour notification deadline from discovery,
followed to its end, and every notification kept."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_gateway.models import BreachNotification, PersonalDataBreach, utcnow
from apik_gateway.privacy import rules
from apik_gateway.privacy.schemas import BreachCreate, BreachUpdate, NotificationCreate
from apik_gateway.privacy.service.scope import recorded_office
from apik_gateway.refusals import GatewayConflict
from apik_shared.platform.auth import Principal
from apik_shared.platform.pagination import newest_first_page
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    TransitionNotAllowed,
)
from apik_shared.vocabulary.labels import named

# Fields a change may not empty: the register always says what, how much and where.
_REQUIRED = ("title", "description", "data_classes", "subjects_affected", "status")


def _check_occurred(occurred_at: datetime | None, discovered_at: datetime, now: datetime) -> None:
    if occurred_at is None:
        return
    if rules.in_the_future(occurred_at, now) or occurred_at > discovered_at:
        raise InvalidInput.field(
            "#/body/occurred_at",
            "A breach occurs before it is discovered, never later.",
            code="occurred_after_discovery",
        )


async def record_breach(
    *, session: AsyncSession, actor: Principal, body: BreachCreate
) -> PersonalDataBreach:
    now = utcnow()
    if rules.in_the_future(body.discovered_at, now):
        raise InvalidInput.field(
            "#/body/discovered_at", "A breach cannot be discovered later.", code="datetime_past"
        )
    _check_occurred(body.occurred_at, body.discovered_at, now)
    office = await recorded_office(session=session, actor=actor, office=body.office)
    breach = PersonalDataBreach(
        office=office,
        title=body.title,
        description=body.description,
        occurred_at=body.occurred_at,
        discovered_at=body.discovered_at,
        notification_due_at=rules.notification_due(body.discovered_at),
        data_classes=list(dict.fromkeys(body.data_classes)),
        subjects_affected=body.subjects_affected,
        status="open",
        recorded_by=actor.subject,
        recorded_by_name=actor.username,
    )
    session.add(breach)
    await session.flush()
    return breach


async def get_breach(
    *, session: AsyncSession, actor: Principal, breach_id: uuid.UUID, for_update: bool = False
) -> PersonalDataBreach:
    breach = await session.get(PersonalDataBreach, breach_id, with_for_update=for_update)
    if breach is None or not actor.can_see_office(breach.office):
        raise NotFound("There is no such breach.")
    return breach


async def list_breaches(
    *,
    session: AsyncSession,
    office: str | None,
    status: str | None,
    overdue: bool | None,
    now: datetime,
    cursor: str | None,
    limit: int,
) -> tuple[list[PersonalDataBreach], str | None]:
    """Newest discovered first; `overdue`: past the deadline with someone still untold."""
    query = select(PersonalDataBreach)
    if office is not None:
        query = query.where(col(PersonalDataBreach.office) == office)
    if status is not None:
        query = query.where(col(PersonalDataBreach.status) == status)
    if overdue is not None:
        untold = col(PersonalDataBreach.authority_notified_at).is_(None) | col(
            PersonalDataBreach.subjects_notified_at
        ).is_(None)
        late = (
            (col(PersonalDataBreach.status) != "dismissed")
            & untold
            & (col(PersonalDataBreach.notification_due_at) < now)
        )
        query = query.where(late if overdue else ~late)
    return await newest_first_page(
        session,
        query,
        timestamp=col(PersonalDataBreach.discovered_at),
        ident=col(PersonalDataBreach.id),
        cursor=cursor,
        limit=limit,
    )


async def update_breach(
    *, session: AsyncSession, breach: PersonalDataBreach, changes: BreachUpdate
) -> PersonalDataBreach:
    sent = changes.model_dump(exclude_unset=True)
    for name in _REQUIRED:
        if name in sent and sent[name] is None:
            raise InvalidInput.field(
                f"#/body/{name}", "Cannot be emptied.", code="cannot_be_cleared"
            )
    if not sent:
        return breach
    now = utcnow()
    if "occurred_at" in sent:
        _check_occurred(changes.occurred_at, breach.discovered_at, now)
    if (status := changes.status) is not None and status != breach.status:
        if not rules.breach_step_allowed(breach.status, status):
            raise TransitionNotAllowed.move_refused(
                f"A breach {breach.status} cannot become {status}.",
                status=named(rules.BREACH_STATUSES, breach.status),
                target=named(rules.BREACH_STATUSES, status),
            )
        if status == "dismissed" and not (changes.resolution or breach.resolution):
            raise InvalidInput.field(
                "#/body/resolution", "Say why this was no breach.", code="dismissal_reason_required"
            )
        told = rules.both_told(breach.authority_notified_at, breach.subjects_notified_at)
        if status == "closed" and not told:
            raise GatewayConflict(
                "Record the notification of the authority and of the subjects first.",
                code="notify_first",
            )
    if "data_classes" in sent and changes.data_classes is not None:
        sent["data_classes"] = list(dict.fromkeys(changes.data_classes))
    for name, value in sent.items():
        setattr(breach, name, value)
    breach.version += 1
    breach.updated_at = now
    session.add(breach)
    await session.flush()
    return breach


async def record_notification(
    *,
    session: AsyncSession,
    actor: Principal,
    breach: PersonalDataBreach,
    body: NotificationCreate,
) -> BreachNotification:
    """Appends the notification and keeps the breach's first one of each recipient."""
    if breach.status == "dismissed":
        raise GatewayConflict("A dismissed breach is told to no one.", code="breach_dismissed")
    now = utcnow()
    if rules.in_the_future(body.notified_at, now) or body.notified_at < breach.discovered_at:
        raise InvalidInput.field(
            "#/body/notified_at",
            "A notification falls between the discovery and now.",
            code="notified_outside_period",
        )
    notification = BreachNotification(
        breach_id=breach.id,
        recipient=body.recipient,
        notified_at=body.notified_at,
        means=body.means,
        content=body.content,
        notified_by=actor.subject,
        notified_by_name=actor.username,
    )
    first = {
        "authority": "authority_notified_at",
        "subjects": "subjects_notified_at",
    }.get(body.recipient)
    if first is not None:
        earlier = getattr(breach, first)
        setattr(breach, first, min(earlier, body.notified_at) if earlier else body.notified_at)
    breach.version += 1
    breach.updated_at = now
    session.add_all([notification, breach])
    await session.flush()
    return notification


async def notifications_of(
    *, session: AsyncSession, breach: PersonalDataBreach
) -> list[BreachNotification]:
    query = (
        select(BreachNotification)
        .where(col(BreachNotification.breach_id) == breach.id)
        .order_by(col(BreachNotification.notified_at), col(BreachNotification.id))
    )
    return list((await session.execute(query)).scalars())
