"""Agreements: drafts, the signed document, activation, termination, activities and
renewals. The job's work (expiry, reminders) is in `clock`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.agreements import rules
from apik_prevention.agreements.rules import AgreementKind, AgreementStatus
from apik_prevention.agreements.schemas import ActivityCreate, Party
from apik_prevention.models import (
    Agreement,
    AgreementActivity,
    AgreementDocument,
    AgreementDocumentRead,
    AgreementReminder,
)
from apik_prevention.refusals import PreventionStepRefused
from apik_shared.platform.auth import Principal
from apik_shared.platform.events.payloads.prevention import AgreementActivated, AgreementEnded
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    TransitionNotAllowed,
)
from apik_shared.platform.uploads import check_file
from apik_shared.vocabulary.labels import named


class NotActivatable(Conflict):
    """The draft cannot be put in force yet. `code` says why, `params` fill its
    wording: `no_document` (upload the signed document first), `ended` (the end date,
    `ends_on`, is past), `mou_not_active` (a PKS needs its MoU in force)."""

    slug, title = "agreement-not-activatable", "The agreement cannot be activated yet"
    reasons = rules.ACTIVATION_REFUSALS


class AlreadyRenewed(Conflict):
    slug, title = "agreement-already-renewed", "The agreement has been renewed already"


def _history(agreement: Agreement, actor: str, step: str, **details: object) -> None:
    entry = {"at": datetime.now(UTC).isoformat(), "by": actor, "step": step, **details}
    agreement.history = [*agreement.history, entry]


def _check_term(starts_on: date, ends_on: date) -> None:
    if not rules.ends_in_order(starts_on, ends_on):
        raise InvalidInput.field(
            "#/body/ends_on",
            "The end date comes after the start date.",
            code="ends_before_start",
            start=starts_on.isoformat(),
        )


async def today_of(session: AsyncSession, office: str) -> date:
    """Today in the office's own zone."""
    return (await office_calendar(session, office)).local_date(datetime.now(UTC))


async def get_agreement(
    *, session: AsyncSession, agreement_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Agreement:
    row = await session.get(Agreement, agreement_id, with_for_update=for_update)
    if row is None or not actor.can_see_office(row.office):
        raise NotFound(f"No agreement {agreement_id}.")
    return row


async def _parent(session: AsyncSession, parent_id: uuid.UUID | None, office: str) -> None:
    row = await session.get(Agreement, parent_id) if parent_id else None
    if row is None or row.office != office or row.kind != AgreementKind.mou:
        raise InvalidInput.field(
            "#/body/parent_id", "Name an MoU of your office.", code="mou_required"
        )


async def create_agreement(
    *,
    session: AsyncSession,
    actor: Principal,
    kind: AgreementKind,
    parent_id: uuid.UUID | None,
    number: str | None,
    title: str,
    parties: Sequence[Party],
    starts_on: date,
    ends_on: date,
) -> Agreement:
    """A draft in the caller's office: an MoU, or a PKS under one of its MoUs."""
    _check_term(starts_on, ends_on)
    if kind is AgreementKind.pks:
        await _parent(session, parent_id, actor.office)
    elif parent_id is not None:
        raise InvalidInput.field(
            "#/body/parent_id", "An MoU is under no other agreement.", code="mou_has_no_parent"
        )
    agreement = Agreement(
        office=actor.office,
        kind=kind.value,
        parent_id=parent_id,
        number=number,
        title=title,
        parties=[p.model_dump(mode="json") for p in parties],
        starts_on=starts_on,
        ends_on=ends_on,
        status=AgreementStatus.draft.value,
        created_by=actor.username,
    )
    _history(agreement, actor.username, "drafted")
    session.add(agreement)
    await session.flush()
    return agreement


async def attach_document(
    *,
    session: AsyncSession,
    agreement: Agreement,
    filename: str,
    data: bytes,
    allowed: Sequence[str],
    max_bytes: int,
    actor: Principal,
) -> Agreement:
    """The signed document of a draft (replacing an earlier upload): name, size and
    content checked as every upload is."""
    if agreement.status != AgreementStatus.draft:
        raise PreventionStepRefused.status_is(
            f"An agreement {agreement.status} keeps the document it was activated with.",
            "document_kept",
            named(rules.STATUSES, agreement.status),
        )
    checked = check_file(filename=filename, data=data, allowed=allowed, max_bytes=max_bytes)
    values: dict[str, Any] = {
        "filename": checked.name,
        "media_type": checked.media_type,
        "size": len(checked.data),
        "sha256": checked.sha256,
        "content": checked.data,
        "uploaded_by": actor.username,
        "uploaded_at": datetime.now(UTC),
    }
    table = AgreementDocument.__table__  # type: ignore[attr-defined]
    await session.execute(
        insert(table)
        .values(agreement_id=agreement.id, **values)
        .on_conflict_do_update(index_elements=["agreement_id"], set_=values)
    )
    _history(agreement, actor.username, "document uploaded", sha256=checked.sha256)
    agreement.version += 1
    session.add(agreement)
    await session.flush()
    return agreement


async def read_limited(request_stream: Any, max_bytes: int) -> bytes:
    body = bytearray()
    async for chunk in request_stream:
        body += chunk
        if len(body) > max_bytes:
            raise PayloadTooLarge.over(
                f"The signed document may have at most {max_bytes} bytes.", max_bytes
            )
    return bytes(body)


async def document_of(session: AsyncSession, agreement: Agreement) -> AgreementDocument | None:
    return await session.get(AgreementDocument, agreement.id)


async def read_document(
    *, session: AsyncSession, agreement: Agreement, actor: Principal
) -> AgreementDocument:
    """The signed document, the read recorded (it shows the officials' signatures)."""
    document = await document_of(session, agreement)
    if document is None:
        raise NotFound("No signed document yet.")
    session.add(AgreementDocumentRead(agreement_id=agreement.id, read_by=actor.username))
    await session.flush()
    return document


def move(agreement: Agreement, target: AgreementStatus, actor: str, **details: object) -> None:
    name = rules.step(agreement.status, target)
    if name is None:
        raise TransitionNotAllowed.move_refused(
            f"An agreement {agreement.status} cannot become {target}.",
            status=named(rules.STATUSES, agreement.status),
            target=named(rules.STATUSES, target),
        )
    agreement.status = target.value
    _history(agreement, actor, name, **details)
    agreement.version += 1


async def activate(*, session: AsyncSession, agreement: Agreement, actor: Principal) -> Agreement:
    """Into force: the signed document is there, the end date not past, a PKS's MoU
    in force."""
    if rules.step(agreement.status, AgreementStatus.active) is None:
        raise TransitionNotAllowed.move_refused(
            f"An agreement {agreement.status} cannot be activated.",
            status=named(rules.STATUSES, agreement.status),
            target=named(rules.STATUSES, AgreementStatus.active.value),
        )
    parent = await session.get(Agreement, agreement.parent_id) if agreement.parent_id else None
    refusal = rules.activation_refusal(
        kind=AgreementKind(agreement.kind),
        has_document=await document_of(session, agreement) is not None,
        ends_on=agreement.ends_on,
        today=await today_of(session, agreement.office),
        parent_status=parent.status if parent else None,
    )
    if refusal is not None:
        raise NotActivatable(refusal.detail, code=refusal.code, params=refusal.params)
    move(agreement, AgreementStatus.active, actor.username)
    session.add(agreement)
    await session.flush()
    await publish(
        session,
        AgreementActivated(
            agreement_id=str(agreement.id),
            office=agreement.office,
            kind=agreement.kind,
            parent_id=str(agreement.parent_id) if agreement.parent_id else None,
            renewal=agreement.renewal,
            starts_on=agreement.starts_on,
            ends_on=agreement.ends_on,
            activated_at=datetime.now(UTC),
        ),
        subject=str(agreement.id),
    )
    return agreement


async def announce_end(session: AsyncSession, agreement: Agreement, ended_on: date) -> None:
    """`agreement.ended` for an agreement that just left force (expired or terminated),
    in the transaction that moved it."""
    await publish(
        session,
        AgreementEnded(
            agreement_id=str(agreement.id),
            office=agreement.office,
            kind=agreement.kind,
            status=agreement.status,
            ends_on=agreement.ends_on,
            ended_on=ended_on,
            ended_at=datetime.now(UTC),
        ),
        subject=str(agreement.id),
    )


async def terminate(
    *, session: AsyncSession, agreement: Agreement, reason: str, actor: Principal
) -> Agreement:
    move(agreement, AgreementStatus.terminated, actor.username, reason=reason)
    session.add(agreement)
    await session.flush()
    # Only an agreement in force can be terminated (`rules.STEPS`): it ends today.
    await announce_end(session, agreement, await today_of(session, agreement.office))
    return agreement


async def renew(
    *,
    session: AsyncSession,
    previous: Agreement,
    actor: Principal,
    number: str | None,
    title: str | None,
    parties: Sequence[Party] | None,
    starts_on: date,
    ends_on: date,
) -> Agreement:
    """A new draft version linked to the one it renews (one renewal each)."""
    if AgreementStatus(previous.status) not in rules.RENEWABLE:
        raise PreventionStepRefused.status_is(
            f"An agreement {previous.status} cannot be renewed.",
            "not_renewable",
            named(rules.STATUSES, previous.status),
        )
    _check_term(starts_on, ends_on)
    if rules.renewal_overlaps(previous.ends_on, starts_on):
        raise InvalidInput.field(
            "#/body/starts_on",
            f"A renewal starts after {previous.ends_on.isoformat()}, the end of the one it renews.",
            code="renewal_overlaps",
            ends_on=previous.ends_on.isoformat(),
        )
    taken = await session.scalar(select(Agreement.id).where(Agreement.previous_id == previous.id))
    if taken is not None:
        raise AlreadyRenewed(f"Agreement {previous.id} is renewed by {taken}.", renewal=str(taken))
    agreement = Agreement(
        office=previous.office,
        kind=previous.kind,
        parent_id=previous.parent_id,
        previous_id=previous.id,
        renewal=previous.renewal + 1,
        number=number,
        title=title or previous.title,
        parties=[p.model_dump(mode="json") for p in parties] if parties else previous.parties,
        starts_on=starts_on,
        ends_on=ends_on,
        status=AgreementStatus.draft.value,
        created_by=actor.username,
    )
    _history(agreement, actor.username, "drafted as a renewal", previous=str(previous.id))
    session.add(agreement)
    await session.flush()
    return agreement


async def add_activity(
    *, session: AsyncSession, agreement: Agreement, data: ActivityCreate, actor: Principal
) -> AgreementActivity:
    if agreement.status == AgreementStatus.draft:
        raise PreventionStepRefused(
            "Activities are recorded under an agreement once signed.",
            code="agreement_not_signed",
        )
    row = AgreementActivity(
        agreement_id=agreement.id,
        kind=data.kind.value,
        title=data.title,
        held_on=data.held_on,
        reference=data.reference,
        created_by=actor.username,
    )
    session.add(row)
    await session.flush()
    return row


async def list_agreements(
    *,
    session: AsyncSession,
    actor: Principal,
    status: AgreementStatus | None,
    kind: AgreementKind | None,
    expiring_within: int | None,
) -> list[Agreement]:
    """The office's agreements, soonest end first. `expiring_within`: those in force
    whose end date is at most that many days from today (the caller's office's day)."""
    query = select(Agreement).order_by(col(Agreement.ends_on), col(Agreement.id))
    if (office := actor.office_scope()) is not None:
        query = query.where(Agreement.office == office)
    if status is not None:
        query = query.where(Agreement.status == status.value)
    if kind is not None:
        query = query.where(Agreement.kind == kind.value)
    if expiring_within is not None:
        today = await today_of(session, actor.office)
        query = query.where(
            Agreement.status == AgreementStatus.active.value,
            col(Agreement.ends_on) >= today,
            col(Agreement.ends_on) <= today + timedelta(days=expiring_within),
        )
    return list((await session.execute(query.limit(500))).scalars())


async def documents_present(session: AsyncSession, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    rows = await session.execute(
        select(AgreementDocument.agreement_id).where(col(AgreementDocument.agreement_id).in_(ids))
    )
    return set(rows.scalars())


async def details_of(
    session: AsyncSession, agreement: Agreement
) -> tuple[
    AgreementDocument | None,
    list[AgreementActivity],
    list[AgreementReminder],
    list[uuid.UUID],
    uuid.UUID | None,
]:
    """What the detail shows besides the row: document, activities, reminders, the
    PKS under it, its renewal."""
    document = await document_of(session, agreement)
    activities = await session.execute(
        select(AgreementActivity)
        .where(AgreementActivity.agreement_id == agreement.id)
        .order_by(col(AgreementActivity.created_at), col(AgreementActivity.id))
    )
    reminders = await session.execute(
        select(AgreementReminder)
        .where(AgreementReminder.agreement_id == agreement.id)
        .order_by(col(AgreementReminder.threshold).desc())
    )
    children = await session.execute(
        select(Agreement.id)
        .where(Agreement.parent_id == agreement.id)
        .order_by(col(Agreement.created_at), func.coalesce(Agreement.number, ""))
    )
    renewal = await session.scalar(
        select(Agreement.id).where(Agreement.previous_id == agreement.id)
    )
    return (
        document,
        list(activities.scalars()),
        list(reminders.scalars()),
        list(children.scalars()),
        renewal,
    )
