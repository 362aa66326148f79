"""How an innovation is answered, with its ETag."""

from __future__ import annotations

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from apik_prevention.innovations.schemas import InnovationPublic
from apik_prevention.models import Innovation
from apik_shared.platform.etag import etag_for


def one(row: Innovation) -> InnovationPublic:
    return InnovationPublic.model_validate(row, from_attributes=True)


def answer(row: Innovation) -> JSONResponse:
    return JSONResponse(jsonable_encoder(one(row)), headers={"ETag": etag_for(row.version)})
