"""Scheme versions as the API answers them."""

from __future__ import annotations

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from apik_prevention.models import SchemeVersion
from apik_prevention.schemes import rules
from apik_prevention.schemes.schemas import SchemePublic, SchemeSummary
from apik_prevention.schemes.service import definition_of
from apik_shared.platform.etag import etag_for


def summary(scheme: SchemeVersion, latest: dict[str, int]) -> SchemeSummary:
    definition = definition_of(scheme)
    return SchemeSummary(
        id=scheme.id,
        code=scheme.code,
        kind=definition.kind,
        version=scheme.version,
        title=scheme.title,
        year_from=scheme.year_from,
        year_to=scheme.year_to,
        frozen=scheme.frozen,
        latest=latest.get(scheme.code) == scheme.version,
        unconfirmed=rules.unconfirmed(definition),
    )


def full(scheme: SchemeVersion, latest: dict[str, int]) -> SchemePublic:
    return SchemePublic(
        **summary(scheme, latest).model_dump(),
        based_on=scheme.based_on,
        reason=scheme.reason,
        created_by=scheme.created_by,
        created_at=scheme.created_at,
        definition=definition_of(scheme),
    )


def answer(scheme: SchemeVersion, latest: dict[str, int]) -> JSONResponse:
    return JSONResponse(
        jsonable_encoder(full(scheme, latest)), headers={"ETag": etag_for(scheme.row_version)}
    )
