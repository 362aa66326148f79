"""A case raised (sealed, content-free event), read by the office's protection officers
(every read audited), acknowledged; each step timed in `red_button_step`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, or_, select

from apik_internship.models import RedButtonCase, RedButtonStep
from apik_internship.red_button import rules
from apik_internship.red_button.rules import CaseStatus, Mode
from apik_internship.red_button.schemas import (
    CasePublic,
    RedButtonRaise,
    Reported,
    ReportedShown,
    Reporter,
    ReporterShown,
)
from apik_internship.red_button.service.access import audit_read, hidden_from, staff_entry
from apik_internship.red_button.service.alerts import alert_on_duty
from apik_internship.refusals import InternshipStepRefused
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads.internship import (
    RedButtonAcknowledged,
    RedButtonRaised,
)
from apik_shared.platform.events.publish import publish
from apik_shared.platform.pagination import newest_first_page
from apik_shared.platform.problems import InvalidInput, NotFound


def _context(case_id: uuid.UUID, field: str) -> str:
    return f"red_button_case:{case_id}:{field}"


def identity_context(case_id: uuid.UUID) -> str:
    return _context(case_id, "identity")


def check_mode(data: RedButtonRaise) -> None:
    """An anonymous case keeps nobody; the other two modes need a way to reach the intern."""
    if data.mode is Mode.anonymous and data.reporter is not None:
        raise InvalidInput.field(
            "#/body/reporter",
            "An anonymous report keeps nobody's identity: leave it out.",
            code="anonymous_with_identity",
        )
    if rules.takes_identity(data.mode) and data.reporter is None:
        raise InvalidInput.field(
            "#/body/reporter",
            f"A {data.mode.value} report says who you are (sealed).",
            code="identity_required",
            mode=data.mode.value,
        )


def check_reported(data: RedButtonRaise, units: Sequence[str]) -> None:
    if data.reported is not None and data.reported.unit not in (None, *units):
        raise InvalidInput.field(
            "#/body/reported/unit",
            f"Not a unit of the office: one of {', '.join(units)}.",
            code="unknown_unit",
            units=", ".join(units),
        )


async def raise_case(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    code_key: bytes,
    data: RedButtonRaise,
    protection_hours: int,
    units: Sequence[str],
) -> tuple[RedButtonCase, str]:
    """The case, sealed, and `red_button.raised` (office, time, severity: nothing else) in
    the same transaction. Returns the receipt, which exists nowhere else afterwards."""
    check_mode(data)
    check_reported(data, units)
    case_id, now, receipt = uuid.uuid4(), datetime.now(UTC), rules.new_receipt()
    identity = None
    if data.reporter is not None:
        plain = data.reporter.model_dump_json().encode()
        identity = cipher.encrypt(plain, context=_context(case_id, "identity"))
    reported = person_hash = unit_hash = None
    if data.reported is not None:
        plain = data.reported.model_dump_json().encode()
        reported = cipher.encrypt(plain, context=_context(case_id, "reported"))
        # The same code key as the receipts', kept apart by the hash's own prefix.
        if data.reported.person:
            name = rules.normalise_name(data.reported.person)
            person_hash = rules.matching_hash(code_key, "person", name)
        if data.reported.unit:
            unit_hash = rules.matching_hash(code_key, "unit", data.reported.unit)
    case = RedButtonCase(
        id=case_id,
        office=data.office,
        receipt_hash=rules.receipt_hash(code_key, receipt),
        mode=data.mode.value,
        severity=data.severity.value,
        account=cipher.encrypt(data.account.encode(), context=_context(case_id, "account")),
        identity=identity,
        reported=reported,
        reported_person_hash=person_hash,
        reported_unit_hash=unit_hash,
        status=CaseStatus.raised.value,
        raised_at=now,
        protection_due=rules.protection_due(now, protection_hours),
    )
    session.add(case)
    await session.flush()
    session.add(RedButtonStep(case_id=case_id, step="raised", at=now))
    await alert_on_duty(session, case)
    await publish(
        session,
        RedButtonRaised(office=case.office, raised_at=now, severity=case.severity),
        subject=str(case_id),
    )
    return case, receipt


async def list_cases(
    *, session: AsyncSession, actor: Principal, cursor: str | None, limit: int
) -> tuple[list[RedButtonCase], str | None]:
    """Newest first, of the officer's office (every office for `national`), without the
    cases that name the officer or the unit where they supervise."""
    query = select(RedButtonCase)
    if (office := actor.office_scope()) is not None:
        query = query.where(RedButtonCase.office == office)
    if (staff := await staff_entry(session, actor)) is not None:
        person = col(RedButtonCase.reported_person_hash)
        query = query.where(or_(person.is_(None), person != staff.name_hash))
        if staff.unit_hash is not None:
            unit = col(RedButtonCase.reported_unit_hash)
            query = query.where(or_(unit.is_(None), unit != staff.unit_hash))
    return await newest_first_page(
        session,
        query,
        timestamp=col(RedButtonCase.raised_at),
        ident=col(RedButtonCase.id),
        cursor=cursor,
        limit=limit,
    )


async def get_case(
    *, session: AsyncSession, case_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> RedButtonCase:
    case = await session.get(RedButtonCase, case_id, with_for_update=for_update)
    # A case that names the officer is answered as absent: not even its existence.
    if (
        case is None
        or not actor.can_see_office(case.office)
        or hidden_from(case, await staff_entry(session, actor))
    ):
        raise NotFound(f"No case {case_id}.")
    return case


async def _others_naming(
    session: AsyncSession, case: RedButtonCase, column: str, value: str | None
) -> int | None:
    """How many other cases of the office carry the same keyed hash: a count, never which
    cases nor who raised them."""
    if value is None:
        return None
    query = select(func.count()).where(
        RedButtonCase.office == case.office,
        getattr(RedButtonCase, column) == value,
        RedButtonCase.id != case.id,
    )
    return int((await session.execute(query)).scalar_one())


async def shown(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    actor: Principal,
    cases: Sequence[RedButtonCase],
    action: str,
) -> list[CasePublic]:
    """The cases unsealed as far as their mode allows; one audit row per case read."""
    now, out = datetime.now(UTC), []
    for case in cases:
        session.add(audit_read(actor, case, action, now))
        mode = Mode(case.mode)
        reporter = None
        if rules.identity_shown(mode) and case.identity is not None:
            sealed = cipher.decrypt(case.identity, context=_context(case.id, "identity"))
            reporter = ReporterShown(**Reporter.model_validate_json(sealed).model_dump())
        account = cipher.decrypt(case.account, context=_context(case.id, "account")).decode()
        reported = None
        if case.reported is not None:
            sealed = cipher.decrypt(case.reported, context=_context(case.id, "reported"))
            reported = ReportedShown(**Reported.model_validate_json(sealed).model_dump())
        out.append(
            CasePublic.model_validate(
                {
                    **case.model_dump(),
                    "protection": rules.protection(case.protection_due, case.protected_at, now),
                    "account": account,
                    "reporter": reporter,
                    "reporter_sealed": case.identity is not None and reporter is None,
                    "reported": reported,
                    "same_person_reports": await _others_naming(
                        session, case, "reported_person_hash", case.reported_person_hash
                    ),
                    "same_unit_reports": await _others_naming(
                        session, case, "reported_unit_hash", case.reported_unit_hash
                    ),
                }
            )
        )
    await session.flush()
    return out


async def acknowledge(
    *, session: AsyncSession, case: RedButtonCase, actor: Principal
) -> RedButtonCase:
    """The officer has it: the alert stops (escalation, when it comes, stops here)."""
    if case.status != CaseStatus.raised.value:
        raise InternshipStepRefused(
            f"The case was acknowledged at {case.acknowledged_at}.",
            code="case_acknowledged",
            params={"at": str(case.acknowledged_at)},
        )
    now = datetime.now(UTC)
    case.status = CaseStatus.acknowledged.value
    case.acknowledged_at = now
    case.acknowledged_by = actor.username
    case.version += 1
    session.add(case)
    session.add(RedButtonStep(case_id=case.id, step="acknowledged", actor=actor.username, at=now))
    await session.flush()
    await publish(
        session,
        RedButtonAcknowledged(
            office=case.office,
            raised_at=case.raised_at,
            acknowledged_at=now,
            severity=case.severity,
        ),
        subject=str(case.id),
    )
    return case
