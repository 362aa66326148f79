"""The one router every component uses, and the answers its routes share.

`ServiceRouter` owns the request's transaction (`TransactionalRoute`: a route cannot
forget to commit) and its routes' OpenAPI operation ids are generated, never written:
`<service>_<feature>_<function>`, from where the endpoint lives
(`apik_intake.reports.router.register_report` is `intake_reports_register_report`).
The web app's typed client is generated from those ids, so they must be stable and
unique; `tests/shared/test_routing.py` and each service's OpenAPI test check both.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel

from apik_shared.platform.db import TransactionalRoute
from apik_shared.platform.etag import etag_for
from apik_shared.platform.idempotency import Idempotency


class ServiceRouter(APIRouter):
    def __init__(self, **kw: Any) -> None:
        kw.setdefault("route_class", TransactionalRoute)
        super().__init__(**kw)


def operation_id(route: APIRoute) -> str:
    """`<service>_<feature>_<function>` for an endpoint in `apik_<service>.<feature>…`."""
    package, *rest = route.endpoint.__module__.split(".")
    service = package.removeprefix("apik_")
    feature = rest[0] if len(rest) > 1 else None
    return "_".join(part for part in (service, feature, route.name) if part)


async def created(
    idempotency: Idempotency,
    body: BaseModel | dict[str, Any],
    *,
    location: str,
    version: int | None = None,
    replay: BaseModel | dict[str, Any] | None = None,
) -> Response:
    """A 201 for a new resource, remembered for `Idempotency-Key` replays.

    The replay carries the same `Location` and `ETag` as the first answer: a client that
    retried after a lost response must be able to follow the link and write with
    `If-Match` as if it had seen the first one. `replay`: what a replay answers instead of
    `body`, when the first answer holds a secret shown once (the idempotency table keeps
    what it stores in plain text, so the secret must never reach it).
    """
    headers = {"Location": location}
    if version is not None:
        headers["ETag"] = etag_for(version)
    if idempotency.key is not None:
        await idempotency.remember(201, _json(body if replay is None else replay), headers=headers)
    if isinstance(body, BaseModel):
        # Serialised once, by pydantic's own encoder: a dump to Python values encoded
        # again by `json` walked every value twice (a registration's answer: the
        # report, its reporter and its timeline).
        return Response(
            body.model_dump_json().encode(),
            status_code=201,
            headers=headers,
            media_type="application/json",
        )
    return JSONResponse(_json(body), status_code=201, headers=headers)


def _json(body: BaseModel | dict[str, Any]) -> Any:
    # A model's JSON dump is JSON already: encoding it again walked every value twice.
    return body.model_dump(mode="json") if isinstance(body, BaseModel) else jsonable_encoder(body)
