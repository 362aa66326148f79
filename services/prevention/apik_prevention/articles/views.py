"""How an article is answered: to the office (with its ETag), as the office's list in a
CSV, and to the public."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from apik_prevention.articles import service
from apik_prevention.articles.rules import allowed_actions, allowed_steps
from apik_prevention.articles.schemas import ArticlePublic, ArticleSummary, PublishedArticle
from apik_prevention.models import Article
from apik_shared.documents.delimited import Column, Delimiter, csv_bytes, headers, text_cell
from apik_shared.platform.auth import Principal
from apik_shared.platform.etag import etag_for
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.labels import Label, Language, label


def summary(row: Article) -> ArticleSummary:
    return ArticleSummary.model_validate(row, from_attributes=True)


def one(row: Article, reader: Principal) -> ArticlePublic:
    computed = {"allowed_steps", "allowed_actions"}
    fields = {
        name: getattr(row, name) for name in ArticlePublic.model_fields if name not in computed
    }
    is_writer = reader.has_any(*service.WRITERS)
    moves = allowed_steps(
        row.status,
        author=row.author,
        reader=reader.username,
        is_writer=is_writer,
        is_approver=reader.has_any(*service.APPROVERS),
    )
    steps = [target.value for target in moves]
    actions = allowed_actions(row.status, is_writer=is_writer)
    return ArticlePublic.model_validate(
        {**fields, "allowed_steps": steps, "allowed_actions": actions}
    )


def answer(row: Article, reader: Principal) -> JSONResponse:
    body = jsonable_encoder(one(row, reader))
    return JSONResponse(body, headers={"ETag": etag_for(row.version)})


def published(row: Article) -> PublishedArticle:
    return PublishedArticle.model_validate(row, from_attributes=True)


# The office's list as a spreadsheet: headers and names of kinds and steps in Bahasa
# Indonesia or English (as the screens say them), moments in the zone of the article's
# office with its offset.
KINDS: Mapping[str, Label] = {
    "news": Label("Berita", "News"),
    "opinion": Label("Opini", "Opinion"),
    "press_release": Label("Siaran pers", "Press release"),
}
STATUSES: Mapping[str, Label] = {
    "draft": Label("Draf", "Draft"),
    "review": Label("Ditelaah", "In review"),
    "approved": Label("Disetujui", "Approved"),
    "published": Label("Terbit", "Published"),
}
CSV_COLUMNS: tuple[Column, ...] = (
    ("Judul", "Title"),
    ("Jenis", "Kind"),
    ("Status", "Status"),
    ("Nomor", "Number"),
    ("Penulis", "Author"),
    ("Disetujui oleh", "Approved by"),
    ("Tanggal terbit", "Publication date"),
    ("Diterbitkan", "Published"),
    ("Dibuat", "Created"),
    ("Kantor", "Office"),
)


def to_csv(
    rows: Sequence[Article],
    calendars: Mapping[str, OfficeCalendar],
    *,
    language: Language = Language.id,
    delimiter: Delimiter = Delimiter.comma,
) -> bytes:
    lines = []
    for row in rows:
        zone = calendars[row.office].zone
        lines.append(
            [
                text_cell(row.title),
                label(KINDS, row.kind, language),
                label(STATUSES, row.status, language),
                row.number,
                row.author,
                row.approved_by,
                row.published_on.isoformat() if row.published_on else "",
                row.published_at.astimezone(zone).isoformat() if row.published_at else "",
                row.created_at.astimezone(zone).isoformat(),
                row.office,
            ]
        )
    return csv_bytes(headers(CSV_COLUMNS, language), lines, delimiter=delimiter)
