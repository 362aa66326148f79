"""How an article is answered: to the office (with its ETag), and to the public."""

from __future__ import annotations

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from apik_prevention.articles import service
from apik_prevention.articles.rules import allowed_steps
from apik_prevention.articles.schemas import ArticlePublic, ArticleSummary, PublishedArticle
from apik_prevention.models import Article
from apik_shared.platform.auth import Principal
from apik_shared.platform.etag import etag_for


def summary(row: Article) -> ArticleSummary:
    return ArticleSummary.model_validate(row, from_attributes=True)


def one(row: Article, reader: Principal) -> ArticlePublic:
    fields = {
        name: getattr(row, name) for name in ArticlePublic.model_fields if name != "allowed_steps"
    }
    moves = allowed_steps(
        row.status,
        author=row.author,
        reader=reader.username,
        is_writer=reader.has_any(*service.WRITERS),
        is_approver=reader.has_any(*service.APPROVERS),
    )
    steps = [target.value for target in moves]
    return ArticlePublic.model_validate({**fields, "allowed_steps": steps})


def answer(row: Article, reader: Principal) -> JSONResponse:
    body = jsonable_encoder(one(row, reader))
    return JSONResponse(body, headers={"ETag": etag_for(row.version)})


def published(row: Article) -> PublishedArticle:
    return PublishedArticle.model_validate(row, from_attributes=True)
