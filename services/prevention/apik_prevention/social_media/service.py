"""The social media log: a post entered by hand, figures corrected, a sheet (CSV or
XLSX) imported all or nothing, and the year's totals per platform."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import extract, func
from sqlalchemy import select as columns_of
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.models import Article, SocialPost
from apik_prevention.social_media import rules
from apik_prevention.social_media.rules import Platform
from apik_prevention.social_media.schemas import Figures, PostCreate
from apik_shared.documents.spreadsheet import open_workbook
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import Conflict, Forbidden, InvalidInput, NotFound, field_error

MAX_ROWS = 5_000
XLSX_MAGIC = b"PK\x03\x04"
_FIGURES = {"reach", "impressions", "engagement"}


class PostLogged(Conflict):
    slug, title = "social-post-logged", "The post is already in the log"


def _entry(actor: str, step: str, **details: object) -> dict[str, Any]:
    return {"at": datetime.now(UTC).isoformat(), "by": actor, "step": step, **details}


async def get_post(
    *, session: AsyncSession, post_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> SocialPost:
    row = await session.get(SocialPost, post_id, with_for_update=for_update)
    if row is None or not actor.can_see_office(row.office):
        raise NotFound(f"No post {post_id}.")
    return row


async def create_post(*, session: AsyncSession, data: PostCreate, actor: Principal) -> SocialPost:
    if data.article_id is not None:
        article = await session.get(Article, data.article_id)
        if article is None or article.office != actor.office:
            raise InvalidInput.field(
                "#/body/article_id", f"No article {data.article_id}.", code="not_found"
            )
    row = SocialPost(
        office=actor.office,
        platform=data.platform.value,
        url=data.url,
        posted_on=data.posted_on,
        caption=data.caption,
        article_id=data.article_id,
        reach=data.reach,
        impressions=data.impressions,
        engagement=data.engagement,
        source="entered",
        recorded_by=actor.username,
    )
    row.history = [_entry(actor.username, "entered", **data.model_dump(include=_FIGURES))]
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError as exc:
        raise PostLogged(f"{data.url} is already logged: correct its figures.") from exc
    return row


async def set_figures(
    *, session: AsyncSession, post: SocialPost, data: Figures, actor: Principal
) -> SocialPost:
    post.reach, post.impressions, post.engagement = data.reach, data.impressions, data.engagement
    post.history = [*post.history, _entry(actor.username, "figures", **data.model_dump())]
    post.version += 1
    session.add(post)
    await session.flush()
    return post


def _cells(content: bytes) -> list[tuple[int, tuple[Any, ...]]]:
    """The sheet's rows, numbered as a spreadsheet shows them (the header is 1)."""
    if content.startswith(XLSX_MAGIC):
        try:
            book = open_workbook(content)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise InvalidInput.field(
                "#/body", "Not an XLSX workbook.", code="not_a_workbook"
            ) from exc
        rows = book.worksheets[0].iter_rows(values_only=True)
        numbered = [(n, tuple(cells)) for n, cells in enumerate(rows, start=1)]
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidInput.field(
                "#/body", "A CSV file in UTF-8 is expected.", code="not_utf8"
            ) from exc
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            numbered = [(n, tuple(cells)) for n, cells in enumerate(reader, start=1)]
        except csv.Error as exc:  # a field past the module's limit, a broken quote
            raise InvalidInput.field(
                "#/body", f"Not a readable CSV file: {exc}.", code="unreadable_csv"
            ) from exc
    if not numbered:
        raise InvalidInput.field("#/body", "The file is empty.", code="file_empty")
    if len(numbered) > MAX_ROWS + 1:
        raise InvalidInput.field(
            "#/body", f"At most {MAX_ROWS} rows.", code="too_many_rows", max_rows=MAX_ROWS
        )
    return numbered


async def import_posts(
    *, session: AsyncSession, content: bytes, actor: Principal
) -> tuple[int, int]:
    """Every row of the sheet as a post of the caller's office, or none when a cell is
    wrong (each named `#/body/rows/<row>/<column>` with the reason). A post already
    logged (the same URL) takes the sheet's figures: importing twice changes nothing."""
    numbered = _cells(content)
    columns, problems = rules.header_map(numbered[0][1])
    parsed: list[rules.PostRow] = []
    if not problems:
        parsed, problems = rules.parse(numbered[1:], columns)
    if problems:
        first = problems[0]
        raise InvalidInput(
            f"{len(problems)} cell(s) to fix, the first at row {first.row} ({first.column}): "
            f"{first.reason}.",
            errors=[field_error(p.pointer, p.why) for p in problems],
        )
    if not parsed:
        raise InvalidInput.field("#/body", "No row to import.", code="no_rows")
    table = SocialPost.__table__  # type: ignore[attr-defined]
    created = updated = 0
    for post in parsed:
        figures = {"reach": post.reach, "impressions": post.impressions}
        figures["engagement"] = post.engagement
        values = {
            "platform": post.platform.value,
            "posted_on": post.posted_on,
            "caption": post.caption,
            **figures,
        }
        statement = insert(table).values(
            id=uuid.uuid4(),
            office=actor.office,
            url=post.url,
            source="import",
            recorded_by=actor.username,
            history=[_entry(actor.username, "imported", row=post.row, **figures)],
            version=1,
            **values,
        )
        # Under the unique (office, url): a concurrent import of the same post waits.
        upsert = statement.on_conflict_do_update(
            index_elements=["office", "url"],
            set_={
                **{key: statement.excluded[key] for key in values},
                "source": "import",
                "history": table.c.history.op("||")(statement.excluded.history),
                "version": table.c.version + 1,
            },
        ).returning(table.c.version)
        version = (await session.execute(upsert)).scalar_one()
        created, updated = (created + 1, updated) if version == 1 else (created, updated + 1)
    return created, updated


async def list_posts(
    *,
    session: AsyncSession,
    actor: Principal,
    platform: Platform | None,
    since: date | None,
    until: date | None,
) -> list[SocialPost]:
    query = select(SocialPost).order_by(col(SocialPost.posted_on).desc(), col(SocialPost.id))
    if (office := actor.office_scope()) is not None:
        query = query.where(SocialPost.office == office)
    if platform is not None:
        query = query.where(SocialPost.platform == platform.value)
    if since is not None:
        query = query.where(col(SocialPost.posted_on) >= since)
    if until is not None:
        query = query.where(col(SocialPost.posted_on) <= until)
    return list((await session.execute(query.limit(1000))).scalars())


async def year_totals(
    *, session: AsyncSession, actor: Principal, office: str | None, year: int
) -> tuple[str, list[dict[str, Any]]]:
    office = office or actor.office
    if not actor.can_see_office(office):
        raise Forbidden("Another office's totals are the national unit's.", code="national_role")
    # SQLAlchemy's own select: five columns are more than SQLModel's overloads type.
    rows = await session.execute(
        columns_of(
            col(SocialPost.platform),
            func.count(),
            func.sum(SocialPost.reach),
            func.sum(SocialPost.impressions),
            func.sum(SocialPost.engagement),
        )
        .where(col(SocialPost.office) == office, extract("year", col(SocialPost.posted_on)) == year)
        .group_by(col(SocialPost.platform))
        .order_by(col(SocialPost.platform))
    )
    keys = ("platform", "posts", "reach", "impressions", "engagement")
    return office, [
        dict(zip(keys, (p, n, int(r), int(i), int(e)), strict=True)) for p, n, r, i, e in rows.all()
    ]
