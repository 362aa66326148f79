"""The social media log: each post with its platform, address, date and reach figures,
entered by hand or imported from a sheet (CSV or XLSX), and the year's totals."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request, Response

from apik_prevention.deps import AUTH, CurrentPost, LockedPost, Reader, Writer
from apik_prevention.social_media import service, views
from apik_prevention.social_media.rules import Platform
from apik_prevention.social_media.schemas import (
    Figures,
    ImportResult,
    PlatformTotals,
    PostCreate,
    PostPublic,
    YearTotals,
)
from apik_shared.documents.spreadsheet import MEDIA_TYPE
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["social_media"])
POSTS = "/social-media"
MAX_BYTES = 5 * 1024 * 1024
SHEET_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            media: {"schema": {"type": "string", "format": "binary"}}
            for media in (MEDIA_TYPE, "text/csv")
        },
    }
}


@router.post(
    POSTS,
    response_model=PostPublic,
    status_code=201,
    responses=problem_responses(*AUTH, InvalidInput, service.PostLogged),
)
async def create_post(
    data: PostCreate, request: Request, session: DbSession, actor: Writer
) -> Response:
    """A post of the caller's office with its figures as read on the platform."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    row = await service.create_post(session=session, data=data, actor=actor)
    return await created(
        idempotency, views.one(row), location=f"{request.url.path}/{row.id}", version=row.version
    )


@router.post(
    POSTS + "/import",
    response_model=ImportResult,
    openapi_extra=SHEET_BODY,
    responses=problem_responses(*AUTH, InvalidInput, PayloadTooLarge),
)
async def import_posts(request: Request, session: DbSession, actor: Writer) -> ImportResult:
    """A sheet (XLSX, or CSV in UTF-8 with commas or semicolons) with a header row:
    platform, url (tautan), tanggal, jangkauan (reach), tayangan (impressions), interaksi
    (engagement), keterangan (optional). All rows or none: each wrong cell is named
    `#/body/rows/<row>/<column>` with the reason. A post already logged (same URL) takes
    the sheet's figures, so importing a sheet twice leaves one post per URL."""
    content = b""
    async for chunk in request.stream():
        content += chunk
        if len(content) > MAX_BYTES:
            raise PayloadTooLarge(f"At most {MAX_BYTES // (1024 * 1024)} MB.")
    made, updated = await service.import_posts(session=session, content=content, actor=actor)
    return ImportResult(created=made, updated=updated)


@router.get(
    POSTS,
    response_model=list[PostPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_posts(
    session: DbSession,
    actor: Reader,
    platform: Platform | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[PostPublic]:
    """The office's posts, latest first (at most 1000; narrow with `since`/`until`)."""
    rows = await service.list_posts(
        session=session, actor=actor, platform=platform, since=since, until=until
    )
    return [views.one(r) for r in rows]


@router.get(
    POSTS + "/totals",
    response_model=YearTotals,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def get_totals(
    session: DbSession,
    actor: Reader,
    year: Annotated[int, Query(ge=2000, le=2200)],
    office: Annotated[
        str | None,
        Query(min_length=1, max_length=32, description="the national unit's choice; else own"),
    ] = None,
) -> YearTotals:
    """Posts, reach, impressions and engagement per platform, of posts in the year."""
    office, rows = await service.year_totals(session=session, actor=actor, office=office, year=year)
    return YearTotals(
        office=office, year=year, platforms=[PlatformTotals.model_validate(r) for r in rows]
    )


@router.get(
    POSTS + "/{post_id}", response_model=PostPublic, responses=problem_responses(*AUTH, NotFound)
)
async def get_post(post_id: uuid.UUID, actor: Reader, post: CurrentPost) -> Response:
    return views.answer(post)


@router.put(
    POSTS + "/{post_id}/figures",
    response_model=PostPublic,
    responses=problem_responses(*AUTH, NotFound, PreconditionFailed, InvalidInput),
)
async def set_figures(
    post_id: uuid.UUID, data: Figures, session: DbSession, actor: Writer, post: LockedPost
) -> Response:
    """The figures read again later (reach grows for days after posting), `If-Match`."""
    post = await service.set_figures(session=session, post=post, data=data, actor=actor)
    return views.answer(post)
