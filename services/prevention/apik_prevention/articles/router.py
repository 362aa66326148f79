"""Publications: news, opinion pieces and press releases through draft → review →
approved → published (approved by the head, never by the author), press release numbers,
and the public page of what is published."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Query, Request, Response

from apik_prevention.articles import service, views
from apik_prevention.articles.rules import Kind, Status
from apik_prevention.articles.schemas import (
    ArticleCreate,
    ArticleEdit,
    ArticlePublic,
    ArticleSummary,
    PublishedArticle,
    StatusMove,
)
from apik_prevention.deps import AUTH, CurrentArticle, LockedArticle, Reader, Writer
from apik_shared.documents.delimited import (
    CSV_RESPONSE,
    CsvDelimiter,
    CsvLanguage,
    Delimiter,
    csv_download,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["articles"])
ARTICLES = "/articles"
STEP = (*AUTH, NotFound, PreconditionFailed, TransitionNotAllowed, InvalidInput)
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]


@router.post(
    ARTICLES,
    response_model=ArticlePublic,
    status_code=201,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def create_article(
    data: ArticleCreate, request: Request, session: DbSession, actor: Writer
) -> Response:
    """A draft news item, opinion piece or press release of the caller's office; the
    caller is its author."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    row = await service.create_article(session=session, data=data, actor=actor)
    return await created(
        idempotency,
        views.one(row, actor),
        location=f"{request.url.path}/{row.id}",
        version=row.version,
    )


@router.get(
    ARTICLES,
    response_model=Page[ArticleSummary],
    responses={**problem_responses(*AUTH, InvalidInput), **CSV_RESPONSE},
)
async def list_articles(
    session: DbSession,
    actor: Reader,
    language: CsvLanguage,
    kind: Kind | None = None,
    status: Status | None = None,
    format: Annotated[
        Literal["json", "csv"], Query(description="csv: every row the filters select")
    ] = "json",
    delimiter: CsvDelimiter = Delimiter.comma,
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[ArticleSummary] | Response:
    """The office's articles, newest first."""
    if format == "csv":
        rows, calendars = await service.export_articles(
            session=session, actor=actor, kind=kind, status=status
        )
        return csv_download(
            views.to_csv(rows, calendars, language=language, delimiter=delimiter),
            "publikasi.csv",
        )
    rows, next_cursor = await service.list_articles(
        session=session, actor=actor, kind=kind, status=status, cursor=cursor, limit=limit
    )
    return Page(items=[views.summary(r) for r in rows], next_cursor=next_cursor)


@router.get(
    ARTICLES + "/{article_id}",
    response_model=ArticlePublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_article(article_id: uuid.UUID, actor: Reader, article: CurrentArticle) -> Response:
    return views.answer(article, actor)


@router.put(
    ARTICLES + "/{article_id}",
    response_model=ArticlePublic,
    responses=problem_responses(*STEP),
)
async def edit_article(
    article_id: uuid.UUID,
    data: ArticleEdit,
    session: DbSession,
    actor: Writer,
    article: LockedArticle,
) -> Response:
    """A draft's text, replaced whole (`If-Match`)."""
    article = await service.edit_article(session=session, article=article, data=data, actor=actor)
    return views.answer(article, actor)


@router.post(
    ARTICLES + "/{article_id}/status",
    response_model=ArticlePublic,
    responses=problem_responses(*STEP),
)
async def move_article(
    article_id: uuid.UUID,
    data: StatusMove,
    session: DbSession,
    actor: Writer,
    article: LockedArticle,
) -> Response:
    """draft → review (the unit), review → approved or back to draft (the head, never
    the author), approved → published or back to draft (the unit). Publishing a press
    release gives it the office's next number of the year (`005/HM.01/I/2026`) and
    publishes `article.published`."""
    article = await service.move_article(
        session=session, article=article, target=data.status, note=data.note, actor=actor
    )
    return views.answer(article, actor)


@router.get(
    "/public/articles",
    response_model=Page[PublishedArticle],
    responses=problem_responses(InvalidInput),
)
async def list_public_articles(
    session: DbSession,
    office: Annotated[str | None, Query(min_length=1, max_length=32)] = None,
    kind: Kind | None = None,
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[PublishedArticle]:
    """No login: the published articles (of one office with `office`), latest first."""
    rows, next_cursor = await service.list_published(
        session=session, office=office, kind=kind, cursor=cursor, limit=limit
    )
    return Page(items=[views.published(r) for r in rows], next_cursor=next_cursor)


@router.get(
    "/public/articles/{article_id}",
    response_model=PublishedArticle,
    responses=problem_responses(NotFound),
)
async def get_public_article(article_id: uuid.UUID, session: DbSession) -> PublishedArticle:
    """No login: one published article."""
    return views.published(await service.get_published(session, article_id))
