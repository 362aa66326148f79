"""Publications: writing, the editorial steps, the press release number on publication,
and the lists (the office's, and the public one of what is published)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.articles import rules
from apik_prevention.articles.rules import Kind, Status
from apik_prevention.articles.schemas import ArticleCreate, ArticleEdit
from apik_prevention.models import Article
from apik_prevention.refusals import PreventionForbidden, PreventionStepRefused
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.events.payloads.prevention import ArticlePublished
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendar, office_calendars
from apik_shared.platform.pagination import newest_first_page
from apik_shared.platform.problems import NotFound, TransitionNotAllowed
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.labels import named

WRITERS = (Role.prevention_officer, Role.head)
APPROVERS = (Role.head,)

# One statement takes the next number and locks the counter row until the publishing
# transaction ends: a concurrent publication waits, a rolled-back one returns its number.
_NEXT_NUMBER = text(
    "INSERT INTO press_release_counter (office, year, last) VALUES (:office, :year, 1) "
    "ON CONFLICT (office, year) DO UPDATE SET last = press_release_counter.last + 1 "
    "RETURNING last"
)


def _entry(actor: str, step: str, **details: object) -> dict[str, Any]:
    extra = {k: v for k, v in details.items() if v is not None}
    return {"at": datetime.now(UTC).isoformat(), "by": actor, "step": step, **extra}


async def get_article(
    *, session: AsyncSession, article_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Article:
    row = await session.get(Article, article_id, with_for_update=for_update)
    if row is None or not actor.can_see_office(row.office):
        raise NotFound(f"No article {article_id}.")
    return row


async def create_article(
    *, session: AsyncSession, data: ArticleCreate, actor: Principal
) -> Article:
    row = Article(
        office=actor.office,
        kind=data.kind.value,
        title=data.title,
        summary=data.summary,
        body=data.body,
        language=data.language,
        status=Status.draft.value,
        author=actor.username,
    )
    row.history = [_entry(actor.username, "drafted", to=Status.draft.value)]
    session.add(row)
    await session.flush()
    return row


async def edit_article(
    *, session: AsyncSession, article: Article, data: ArticleEdit, actor: Principal
) -> Article:
    """A draft's text replaced; once submitted, it is returned or withdrawn first."""
    if Status(article.status) not in rules.EDITABLE:
        raise PreventionStepRefused.status_is(
            f"The article is {article.status}: only a draft changes (return or withdraw it).",
            "article_not_draft",
            named(rules.STATUSES, article.status),
        )
    article.title, article.summary, article.body = data.title, data.summary, data.body
    article.language = data.language
    article.history = [*article.history, _entry(actor.username, "edited")]
    article.version += 1
    session.add(article)
    await session.flush()
    return article


async def _number(session: AsyncSession, article: Article, published: datetime) -> str:
    day = (await office_calendar(session, article.office)).local_date(published)
    result = await session.execute(_NEXT_NUMBER, {"office": article.office, "year": day.year})
    return rules.press_release_number(int(result.scalar_one()), day)


async def move_article(
    *,
    session: AsyncSession,
    article: Article,
    target: Status,
    note: str | None,
    actor: Principal,
) -> Article:
    move = rules.step(article.status, target)
    if move is None:
        raise TransitionNotAllowed.move_refused(
            f"An article {article.status} cannot become {target}.",
            status=named(rules.STATUSES, article.status),
            target=named(rules.STATUSES, target),
        )
    refused = rules.refusal(
        move=move,
        author=article.author,
        actor=actor.username,
        is_writer=actor.has_any(*WRITERS),
        is_approver=actor.has_any(*APPROVERS),
    )
    if refused is not None:
        code, why = refused
        raise PreventionForbidden(why, code=code)
    now = datetime.now(UTC)
    details: dict[str, object] = {"from": article.status, "to": target.value, "note": note}
    if target is Status.approved:
        article.approved_by, article.approved_at = actor.username, now
    elif target is Status.draft:
        article.approved_by = article.approved_at = None
    elif target is Status.published:
        if article.kind == Kind.press_release:
            article.number = await _number(session, article, now)
            details["number"] = article.number
        calendar = await office_calendar(session, article.office)
        article.published_at, article.published_on = now, calendar.local_date(now)
    article.history = [*article.history, _entry(actor.username, move.name, **details)]
    article.status = target.value
    article.version += 1
    session.add(article)
    if target is Status.published:
        assert article.published_on is not None
        await publish(
            session,
            ArticlePublished(
                article_id=str(article.id),
                office=article.office,
                kind=article.kind,
                number=article.number,
                published_on=article.published_on,
                published_at=now,
            ),
            subject=str(article.id),
        )
    await session.flush()
    return article


def _office_articles(actor: Principal, kind: Kind | None, status: Status | None) -> Any:
    """The office's articles (every office for `national`) that `kind`/`status` select."""
    query = select(Article)
    if (office := actor.office_scope()) is not None:
        query = query.where(Article.office == office)
    if kind is not None:
        query = query.where(Article.kind == kind.value)
    if status is not None:
        query = query.where(Article.status == status.value)
    return query


async def list_articles(
    *,
    session: AsyncSession,
    actor: Principal,
    kind: Kind | None,
    status: Status | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Article], str | None]:
    """The office's articles (every office for `national`), newest first."""
    return await newest_first_page(
        session,
        _office_articles(actor, kind, status),
        timestamp=col(Article.created_at),
        ident=col(Article.id),
        cursor=cursor,
        limit=limit,
    )


# The list's export is a working list, not an archive: past this, narrow the filters.
EXPORT_MAX_ROWS = 10_000


async def export_articles(
    *, session: AsyncSession, actor: Principal, kind: Kind | None, status: Status | None
) -> tuple[list[Article], dict[str, OfficeCalendar]]:
    """Every article the filters select, newest first as listed, and the calendars of
    their offices (read in one query) to print their moments in."""
    query = (
        _office_articles(actor, kind, status)
        .order_by(col(Article.created_at).desc(), col(Article.id).desc())
        .limit(EXPORT_MAX_ROWS)
    )
    rows = list((await session.execute(query)).scalars())
    calendars = await office_calendars(session, [r.office for r in rows]) if rows else {}
    return rows, calendars


async def list_published(
    *, session: AsyncSession, office: str | None, kind: Kind | None, cursor: str | None, limit: int
) -> tuple[list[Article], str | None]:
    """No login: what is published, latest publication first."""
    query = select(Article).where(Article.status == Status.published.value)
    if office is not None:
        query = query.where(Article.office == office)
    if kind is not None:
        query = query.where(Article.kind == kind.value)
    return await newest_first_page(
        session,
        query,
        timestamp=col(Article.published_at),  # type: ignore[arg-type]
        ident=col(Article.id),
        cursor=cursor,
        limit=limit,
    )


async def get_published(session: AsyncSession, article_id: uuid.UUID) -> Article:
    row = await session.get(Article, article_id)
    if row is None or row.status != Status.published:
        raise NotFound(f"No published article {article_id}.")
    return row
