"""The offices' templates: their own wording where they wrote one, the default otherwise."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Notification, NotificationTemplate
from apik_intake.notifications.rules import DEFAULTS, NotificationKind, Template, template_problems
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import InvalidInput


async def templates_of(
    session: AsyncSession, offices: Iterable[str]
) -> dict[tuple[str, NotificationKind], Template]:
    """The offices' own templates, by (office, kind)."""
    wanted = sorted(set(offices))
    if not wanted:
        return {}
    rows = await session.execute(
        select(NotificationTemplate).where(col(NotificationTemplate.office).in_(wanted))
    )
    return {
        (row.office, NotificationKind(row.kind)): Template(row.subject, row.body)
        for row in rows.scalars()
    }


FoundTemplate = tuple[Template, NotificationTemplate | None]


async def template_for(
    *, session: AsyncSession, office: str, kind: NotificationKind
) -> FoundTemplate:
    row = await session.get(NotificationTemplate, (office, kind.value))
    if row is None:
        return DEFAULTS[kind], None
    return Template(row.subject, row.body), row


async def save_template(
    *,
    session: AsyncSession,
    office: str,
    kind: NotificationKind,
    subject: str,
    body: str,
    actor: Principal,
) -> NotificationTemplate:
    """Stores the office's wording, refused (naming the field) if it uses a placeholder
    the renderer does not know."""
    problems = template_problems(subject, body)
    if problems:
        raise InvalidInput.each([(f"#/body/{field}", why) for field, why in problems])
    values: dict[str, Any] = {
        "office": office,
        "kind": kind.value,
        "subject": subject,
        "body": body,
        "updated_by": actor.username,
        "updated_at": datetime.now(UTC),
    }
    statement = insert(NotificationTemplate).values(**values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["office", "kind"],
            set_={
                name: statement.excluded[name] for name in values if name not in ("office", "kind")
            },
        )
    )
    return NotificationTemplate(**values)


async def notifications_of(*, session: AsyncSession, report_id: uuid.UUID) -> list[Notification]:
    rows = await session.execute(
        select(Notification)
        .where(Notification.report_id == report_id)
        .order_by(col(Notification.created_at), col(Notification.kind))
    )
    return list(rows.scalars())
