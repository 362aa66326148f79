"""How a logged post is answered, with its ETag."""

from __future__ import annotations

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from apik_prevention.models import SocialPost
from apik_prevention.social_media.schemas import PostPublic
from apik_shared.platform.etag import etag_for


def one(row: SocialPost) -> PostPublic:
    return PostPublic.model_validate(row, from_attributes=True)


def answer(row: SocialPost) -> JSONResponse:
    return JSONResponse(jsonable_encoder(one(row)), headers={"ETag": etag_for(row.version)})
