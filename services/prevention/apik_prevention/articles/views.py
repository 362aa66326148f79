"""How an article is answered: to the office (with its ETag), and to the public."""

from __future__ import annotations

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from apik_prevention.articles.rules import allowed_steps
from apik_prevention.articles.schemas import ArticlePublic, ArticleSummary, PublishedArticle
from apik_prevention.models import Article
from apik_shared.platform.etag import etag_for


def summary(row: Article) -> ArticleSummary:
    return ArticleSummary.model_validate(row, from_attributes=True)


def one(row: Article) -> ArticlePublic:
    fields = {
        name: getattr(row, name) for name in ArticlePublic.model_fields if name != "allowed_steps"
    }
    steps = [target.value for target in allowed_steps(row.status)]
    return ArticlePublic.model_validate({**fields, "allowed_steps": steps})


def answer(row: Article) -> JSONResponse:
    return JSONResponse(jsonable_encoder(one(row)), headers={"ETag": etag_for(row.version)})


def published(row: Article) -> PublishedArticle:
    return PublishedArticle.model_validate(row, from_attributes=True)
