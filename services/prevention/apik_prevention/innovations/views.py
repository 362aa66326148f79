"""How an innovation is answered, with its ETag and what the reader may do to it."""

from __future__ import annotations

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from apik_prevention.innovations import rules
from apik_prevention.innovations.schemas import InnovationPublic
from apik_prevention.models import Innovation
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.etag import etag_for

# The roles of `deps.Writer`, who may replace an entry (tests check the two agree).
WRITERS = frozenset({Role.prevention_officer, Role.head})


def one(row: Innovation, reader: Principal) -> InnovationPublic:
    steps = rules.allowed_steps(writer=bool(WRITERS & set(reader.roles)))
    return InnovationPublic.model_validate({**row.model_dump(), "allowed_steps": steps})


def answer(row: Innovation, reader: Principal) -> JSONResponse:
    return JSONResponse(jsonable_encoder(one(row, reader)), headers={"ETag": etag_for(row.version)})
