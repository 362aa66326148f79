"""Studies and their suggestions: stages, suggestions to agencies, progress, status,
the agency's evidence, the follow-up rate. The job's work (reminders) is in `clock`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import extract
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.models import Study, Suggestion, SuggestionEvidence, SuggestionReminder
from apik_prevention.refusals import PreventionStepRefused
from apik_prevention.studies import rules
from apik_prevention.studies.rules import Stage, SuggestionStatus
from apik_shared.platform.auth import Principal
from apik_shared.platform.events.payloads.prevention import SuggestionFollowedUp
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import (
    Conflict,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    TransitionNotAllowed,
)
from apik_shared.platform.uploads import check_file
from apik_shared.vocabulary.labels import named


class NotFollowedUpYet(Conflict):
    """`code` (rules.status_refusal): `study_not_published` (suggestions are tracked
    once their study is published), `no_evidence` (upload the agency's evidence first)."""

    slug, title = "suggestion-status-refused", "The suggestion cannot take that status now"
    reasons = ("study_not_published", "no_evidence")


def _entry(actor: str, step: str, **details: object) -> dict[str, Any]:
    extra = {k: v for k, v in details.items() if v is not None}
    return {"at": datetime.now(UTC).isoformat(), "by": actor, "step": step, **extra}


async def today_of(session: AsyncSession, office: str) -> date:
    """Today in the office's own zone."""
    return (await office_calendar(session, office)).local_date(datetime.now(UTC))


async def get_study(
    *, session: AsyncSession, study_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Study:
    row = await session.get(Study, study_id, with_for_update=for_update)
    if row is None or not actor.can_see_office(row.office):
        raise NotFound(f"No study {study_id}.")
    return row


async def get_suggestion(
    *,
    session: AsyncSession,
    study_id: uuid.UUID,
    suggestion_id: uuid.UUID,
    actor: Principal,
    for_update: bool = False,
) -> Suggestion:
    row = await session.get(Suggestion, suggestion_id, with_for_update=for_update)
    if row is None or row.study_id != study_id or not actor.can_see_office(row.office):
        raise NotFound(f"No suggestion {suggestion_id} in study {study_id}.")
    return row


async def create_study(
    *, session: AsyncSession, actor: Principal, title: str, topic: str, year: int
) -> Study:
    study = Study(
        office=actor.office,
        title=title,
        topic=topic,
        year=year,
        stage=Stage.topic.value,
        created_by=actor.username,
    )
    study.history = [_entry(actor.username, "topic proposed", to=Stage.topic.value)]
    session.add(study)
    await session.flush()
    return study


async def move_study(
    *, session: AsyncSession, study: Study, target: Stage, note: str | None, actor: Principal
) -> Study:
    name = rules.stage_step(study.stage, target)
    if name is None:
        raise TransitionNotAllowed.move_refused(
            f"A study at {study.stage} cannot move to {target}.",
            status=named(rules.STAGES, study.stage),
            target=named(rules.STAGES, target),
        )
    study.history = [
        *study.history,
        _entry(actor.username, name, **{"from": study.stage, "to": target.value, "note": note}),
    ]
    study.stage = target.value
    study.version += 1
    session.add(study)
    await session.flush()
    return study


async def list_studies(
    *, session: AsyncSession, actor: Principal, year: int | None, stage: Stage | None
) -> list[Study]:
    query = select(Study).order_by(col(Study.year).desc(), col(Study.created_at), col(Study.id))
    if (office := actor.office_scope()) is not None:
        query = query.where(Study.office == office)
    if year is not None:
        query = query.where(Study.year == year)
    if stage is not None:
        query = query.where(Study.stage == stage.value)
    return list((await session.execute(query.limit(500))).scalars())


async def add_suggestion(
    *,
    session: AsyncSession,
    study: Study,
    agency: str,
    text: str,
    due_on: date,
    actor: Principal,
) -> Suggestion:
    if Stage(study.stage) not in rules.SUGGESTIONS_FROM:
        raise PreventionStepRefused(
            "Suggestions are written from the drafting stage on.", code="study_before_drafting"
        )
    row = Suggestion(
        study_id=study.id,
        office=study.office,
        agency=agency,
        text=text,
        due_on=due_on,
        status=SuggestionStatus.open.value,
        created_by=actor.username,
    )
    row.history = [_entry(actor.username, "suggested", to=SuggestionStatus.open.value)]
    session.add(row)
    await session.flush()
    return row


async def add_progress(
    *, session: AsyncSession, suggestion: Suggestion, note: str, actor: Principal
) -> Suggestion:
    if SuggestionStatus(suggestion.status) in rules.CLOSED:
        raise PreventionStepRefused.status_is(
            f"A suggestion {suggestion.status} takes no more progress.",
            "suggestion_closed",
            named(rules.SUGGESTION_STATUSES, suggestion.status),
        )
    suggestion.history = [*suggestion.history, _entry(actor.username, "progress", note=note)]
    suggestion.version += 1
    session.add(suggestion)
    await session.flush()
    return suggestion


async def evidence_of(session: AsyncSession, suggestion_id: uuid.UUID) -> SuggestionEvidence | None:
    return await session.get(SuggestionEvidence, suggestion_id)


async def move_suggestion(
    *,
    session: AsyncSession,
    suggestion: Suggestion,
    target: SuggestionStatus,
    note: str | None,
    actor: Principal,
) -> Suggestion:
    name = rules.suggestion_step(suggestion.status, target)
    if name is None:
        raise TransitionNotAllowed.move_refused(
            f"A suggestion {suggestion.status} cannot become {target}.",
            status=named(rules.SUGGESTION_STATUSES, suggestion.status),
            target=named(rules.SUGGESTION_STATUSES, target),
        )
    study = await session.get(Study, suggestion.study_id)
    assert study is not None  # a foreign key
    refusal = rules.status_refusal(
        study_stage=study.stage,
        target=target,
        has_evidence=await evidence_of(session, suggestion.id) is not None,
    )
    if refusal is not None:
        code, why = refusal
        raise NotFollowedUpYet(why, code=code)
    today = await today_of(session, suggestion.office)
    suggestion.history = [
        *suggestion.history,
        _entry(actor.username, name, **{"from": suggestion.status, "to": target, "note": note}),
    ]
    suggestion.status = target.value
    if target in rules.CLOSED:
        suggestion.closed_on = today
    suggestion.version += 1
    session.add(suggestion)
    if target is SuggestionStatus.followed_up:
        await publish(
            session,
            SuggestionFollowedUp(
                suggestion_id=str(suggestion.id),
                study_id=str(suggestion.study_id),
                office=suggestion.office,
                agency=suggestion.agency,
                due_on=suggestion.due_on,
                followed_up_on=today,
                late=today > suggestion.due_on,
            ),
            subject=str(suggestion.id),
        )
    await session.flush()
    return suggestion


async def attach_evidence(
    *,
    session: AsyncSession,
    suggestion: Suggestion,
    filename: str,
    data: bytes,
    allowed: Sequence[str],
    max_bytes: int,
    actor: Principal,
) -> Suggestion:
    """The agency's evidence (replacing an earlier upload while the suggestion is not
    closed): name, size and content checked as every upload is."""
    if SuggestionStatus(suggestion.status) in rules.CLOSED:
        raise PreventionStepRefused.status_is(
            f"A suggestion {suggestion.status} keeps the evidence it was closed with.",
            "evidence_kept",
            named(rules.SUGGESTION_STATUSES, suggestion.status),
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
    table = SuggestionEvidence.__table__  # type: ignore[attr-defined]
    await session.execute(
        insert(table)
        .values(suggestion_id=suggestion.id, **values)
        .on_conflict_do_update(index_elements=["suggestion_id"], set_=values)
    )
    suggestion.history = [
        *suggestion.history,
        _entry(actor.username, "evidence uploaded", sha256=checked.sha256),
    ]
    suggestion.version += 1
    session.add(suggestion)
    await session.flush()
    return suggestion


async def suggestions_of(session: AsyncSession, study_id: uuid.UUID) -> list[Suggestion]:
    rows = await session.execute(
        select(Suggestion)
        .where(Suggestion.study_id == study_id)
        .order_by(col(Suggestion.due_on), col(Suggestion.created_at), col(Suggestion.id))
    )
    return list(rows.scalars())


async def reminders_of(
    session: AsyncSession, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[SuggestionReminder]]:
    rows = await session.execute(
        select(SuggestionReminder)
        .where(col(SuggestionReminder.suggestion_id).in_(ids))
        .order_by(col(SuggestionReminder.offset_days))
    )
    out: dict[uuid.UUID, list[SuggestionReminder]] = {}
    for row in rows.scalars():
        out.setdefault(row.suggestion_id, []).append(row)
    return out


async def evidences_of(
    session: AsyncSession, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, SuggestionEvidence]:
    rows = await session.execute(
        select(SuggestionEvidence).where(col(SuggestionEvidence.suggestion_id).in_(ids))
    )
    return {r.suggestion_id: r for r in rows.scalars()}


async def follow_up_counts(
    *, session: AsyncSession, actor: Principal, office: str | None, year: int
) -> tuple[str, dict[str, int]]:
    """Of the office's suggestions due in `year`, how many are due by now (the office's
    day) and how many of those followed up, not followed up, still open."""
    office = office or actor.office
    if not actor.can_see_office(office):
        raise Forbidden(
            "The follow-up rate of another office is the national unit's.", code="national_role"
        )
    today = await today_of(session, office)
    rows = await session.execute(
        select(col(Suggestion.due_on), col(Suggestion.status)).where(
            Suggestion.office == office, extract("year", col(Suggestion.due_on)) == year
        )
    )
    counts = {"due": 0, "followed_up": 0, "not_followed_up": 0, "open": 0}
    for due_on, status in rows.all():
        if not rules.counts_as_due(due_on=due_on, today=today, status=status):
            continue
        counts["due"] += 1
        if status == SuggestionStatus.followed_up:
            counts["followed_up"] += 1
        elif status == SuggestionStatus.not_followed_up:
            counts["not_followed_up"] += 1
        else:
            counts["open"] += 1
    return office, counts


async def read_limited(request_stream: Any, max_bytes: int) -> bytes:
    """The upload's body, refused as soon as it passes `max_bytes`."""
    body = bytearray()
    async for chunk in request_stream:
        body += chunk
        if len(body) > max_bytes:
            raise PayloadTooLarge.over(
                f"The evidence may have at most {max_bytes} bytes.", max_bytes
            )
    return bytes(body)
