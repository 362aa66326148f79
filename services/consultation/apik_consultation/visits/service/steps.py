"""A visit's steps after check-in: assign, pick up, the clock's start, pause and resume,
the end and the rating, each recorded with the server's time; the end and the rating
publish their events. They add and flush; the boundary commits."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_consultation.forms import rules as signatures
from apik_consultation.models import Visit, VisitSignature, VisitStep
from apik_consultation.visits import rules
from apik_consultation.visits.rules import Step, VisitStatus
from apik_consultation.visits.service.reads import clock_marks
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.events.payloads import VisitCompleted, VisitEnded
from apik_shared.platform.events.publish import publish
from apik_shared.platform.problems import Conflict, InvalidInput, TransitionNotAllowed
from apik_shared.vocabulary.labels import named


class AssignedElsewhere(Conflict):
    slug, title = "assigned-elsewhere", "The visit is assigned to another officer"


def _may_serve(visit: Visit, actor: Principal) -> None:
    """An assigned visit is served by its officer; a supervisor may step in."""
    if (
        visit.officer
        and visit.officer != actor.username
        and not actor.has_any(Role.desk_supervisor)
    ):
        raise AssignedElsewhere(f"The visit is assigned to {visit.officer}.", officer=visit.officer)


async def apply_step(
    *,
    session: AsyncSession,
    visit: Visit,
    step: Step,
    actor: Principal,
    values: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
) -> Visit:
    """Moves the locked visit along the state machine and records the step's time."""
    before = VisitStatus(visit.status)
    try:
        after = rules.next_status(before, step)
    except rules.StepNotAllowed as exc:
        raise TransitionNotAllowed.step_refused(
            str(exc),
            step=named(rules.STEPS, step.value),
            status=named(rules.STATUSES, before.value),
        ) from exc
    if step not in (Step.assign, Step.pick_up):
        _may_serve(visit, actor)
    now = datetime.now(UTC)
    changes: dict[str, Any] = {"status": after.value, "version": visit.version + 1}
    changes.update(values or {})
    if step is Step.start:
        changes["started_at"] = now
        changes.setdefault("officer", visit.officer or actor.username)
    if step is Step.end:
        marks = (await clock_marks(session=session, visit_ids=[visit.id]))[visit.id]
        changes["ended_at"] = now
        changes["duration_seconds"] = rules.service_seconds([*marks, (Step.end, now)], now)
    if step is Step.rate:
        changes["rated_at"] = now
    changes.update(_officer_name(visit, changes, actor))
    await session.execute(update(Visit).where(col(Visit.id) == visit.id).values(**changes))
    for key, value in changes.items():
        setattr(visit, key, value)
    session.add(
        VisitStep(
            visit_id=visit.id,
            step=step.value,
            from_status=before.value,
            to_status=after.value,
            actor=actor.username,
            details=details or {},
            at=now,
        )
    )
    # The end publishes `visit.ended`, so a visit counts as served even when the visitor
    # leaves without rating; `visit.completed` keeps its contract (served and rated).
    if step is Step.end:
        await _publish_ended(session=session, visit=visit, actor=actor)
    elif step is Step.rate:
        await _publish_completed(session=session, visit=visit, actor=actor, at=now)
    await session.flush()
    return visit


async def assign(*, session: AsyncSession, visit: Visit, actor: Principal, officer: str) -> Visit:
    return await apply_step(
        session=session,
        visit=visit,
        step=Step.assign,
        actor=actor,
        values={"officer": officer},
        details={"officer": officer},
    )


async def pick_up(*, session: AsyncSession, visit: Visit, actor: Principal) -> Visit:
    values = {"officer": actor.username}
    return await apply_step(
        session=session, visit=visit, step=Step.pick_up, actor=actor, values=values
    )


async def end(
    *, session: AsyncSession, visit: Visit, actor: Principal, outcome: str, conversation: str | None
) -> Visit:
    values = {"outcome": outcome, "conversation": conversation}
    return await apply_step(session=session, visit=visit, step=Step.end, actor=actor, values=values)


async def _drawn(signature: str, max_bytes: int) -> tuple[str, bytes]:
    try:
        content = signatures.decode(signature)
        # Decoding every pixel is CPU work: keep it off the event loop.
        media_type = await asyncio.to_thread(signatures.sniff, content, max_bytes=max_bytes)
    except signatures.BadSignature as exc:
        raise InvalidInput.at("#/body/signature", exc.refusal) from exc
    return media_type, content


async def rate(
    *,
    session: AsyncSession,
    visit: Visit,
    actor: Principal,
    score: int,
    comment: str | None,
    signature: str | None,
    signature_max_bytes: int,
) -> Visit:
    """The visitor's rating, with their drawn signature if they gave one (checked to be a
    real PNG or JPEG before anything changes)."""
    drawn = await _drawn(signature, signature_max_bytes) if signature is not None else None
    visit = await apply_step(
        session=session,
        visit=visit,
        step=Step.rate,
        actor=actor,
        values={"rating": score, "rating_comment": comment},
        details={"score": score, "signed": drawn is not None},
    )
    if drawn is not None:
        media_type, content = drawn
        session.add(VisitSignature(visit_id=visit.id, media_type=media_type, content=content))
        await session.flush()
    return visit


def _officer_name(visit: Visit, changes: dict[str, Any], actor: Principal) -> dict[str, Any]:
    """The serving officer's full name, for the printed form: the desk assigns by
    username, and the name is known when that officer takes a step (their token's
    `name`). A new officer clears the last one's name."""
    officer = changes.get("officer", visit.officer)
    name: dict[str, Any] = {}
    if officer != visit.officer:
        name["officer_name"] = None
    if officer == actor.username and actor.name:
        name["officer_name"] = actor.name
    return name


def _officer_subject(visit: Visit, actor: Principal) -> str | None:
    # The desk keeps usernames; the subject is at hand when the officer takes the step.
    return actor.subject if actor.username == visit.officer else None


def _served(visit: Visit, actor: Principal) -> dict[str, Any]:
    """What `visit.ended` and `visit.completed` both say of the visit."""
    assert visit.officer and visit.ended_at
    return {
        "visit_id": str(visit.id),
        "office": visit.office,
        "category": visit.category,
        "requested_category": visit.requested_category,
        "officer": visit.officer,
        "duration_seconds": visit.duration_seconds or 0,
        "checked_in_at": visit.checked_in_at,
        "ended_at": visit.ended_at,
        "officer_subject": _officer_subject(visit, actor),
    }


async def _publish_ended(*, session: AsyncSession, visit: Visit, actor: Principal) -> None:
    await publish(session, VisitEnded(**_served(visit, actor)), subject=str(visit.id))


async def _publish_completed(
    *, session: AsyncSession, visit: Visit, actor: Principal, at: datetime
) -> None:
    assert visit.rating is not None
    event = VisitCompleted(**_served(visit, actor), rating=visit.rating, completed_at=at)
    await publish(session, event, subject=str(visit.id))
