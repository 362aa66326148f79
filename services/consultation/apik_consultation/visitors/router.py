"""The audit of visitors' reads, queried by the data protection officer (the desk's
counterpart of intake's `GET /identity-reads`)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query

from apik_consultation.deps import AUTH, Dpo
from apik_consultation.visitors import service
from apik_consultation.visitors.schemas import VisitorReadPublic
from apik_shared.platform.db import DbSession
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.routing import ServiceRouter
from apik_shared.vocabulary.inputs import refuse_control_characters
from apik_shared.vocabulary.instants import Instant

router = ServiceRouter(tags=["visitors"])


@router.get(
    "/visitor-reads",
    response_model=Page[VisitorReadPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_visitor_reads(
    session: DbSession,
    actor: Dpo,
    visit_id: uuid.UUID | None = None,
    reader: Annotated[
        str | None, Query(max_length=200, description="username or subject of the reader")
    ] = None,
    since: Instant | None = None,
    until: Instant | None = None,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[VisitorReadPublic]:
    """Every read of a visitor's name, phone and institution in full, newest first: who,
    which visit, when, why. Of the caller's office; every office for `national`."""
    if reader is not None:
        try:
            refuse_control_characters(reader)  # PostgreSQL text cannot hold a NUL
        except ValueError as exc:
            raise InvalidInput.field("#/query/reader", str(exc), code="control_character") from exc
    rows, next_cursor = await service.list_visitor_reads(
        session=session,
        actor=actor,
        visit_id=visit_id,
        reader=reader,
        since=since,
        until=until,
        cursor=cursor,
        limit=limit,
    )
    return Page(
        items=[VisitorReadPublic.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=next_cursor,
    )
