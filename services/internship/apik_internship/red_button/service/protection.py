"""Protective actions on a case, timed against its 1x24-hour deadline: the first one is
when protection began (`rules.protection`)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from apik_internship.models import RedButtonAction, RedButtonCase, RedButtonStep
from apik_internship.red_button.rules import NEEDS_CONSENT, CaseStatus
from apik_internship.red_button.schemas import ActionCreate
from apik_internship.refusals import InternshipStepRefused
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.problems import InvalidInput


async def take_action(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    case: RedButtonCase,
    data: ActionCreate,
    actor: Principal,
) -> RedButtonCase:
    """Records the action (its note sealed); the first one sets `protected_at`."""
    if case.status != CaseStatus.acknowledged.value:
        # Acknowledging stops the escalation and says who has the case: it comes first.
        raise InternshipStepRefused(
            "Acknowledge the case before recording what was done.",
            code="case_not_acknowledged",
        )
    if data.kind in NEEDS_CONSENT and not data.consent:
        raise InvalidInput.field(
            "#/body/consent",
            "A referral to the intern's university needs their consent: ask them first.",
            code="referral_needs_consent",
        )
    now = datetime.now(UTC)
    session.add(
        RedButtonAction(
            case_id=case.id,
            kind=data.kind.value,
            note=cipher.encrypt(data.note.encode(), context=f"red_button_case:{case.id}:action"),
            consent=data.consent,
            taken_by=actor.username,
            taken_at=now,
        )
    )
    session.add(RedButtonStep(case_id=case.id, step=data.kind.value, actor=actor.username, at=now))
    if case.protected_at is None:
        case.protected_at = now
    case.version += 1
    session.add(case)
    await session.flush()
    return case
