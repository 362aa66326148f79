"""What a route reads: a JSON body is refused with 415 when sent as anything else.

FastAPI reads a body sent with another `Content-Type` as raw bytes and then fails its
validation (a 422 naming no field a client could fix); APIK answers 415 instead, naming
the media type to send (`UnsupportedMediaType`). `TransactionalRoute` checks it for every
route of every component, before the body is parsed. Routes that read forms (multipart
uploads) or read their body themselves (the public report form) are left alone.
"""

from __future__ import annotations

from fastapi import params
from fastapi.routing import APIRoute, RouteContext
from starlette.requests import Request

from apik_shared.platform.problems import UnsupportedMediaType

JSON = "application/json"
# RFC 5789 (PATCH) and the Linked Data Platform's Accept-Post: what a 415 says to send.
_ACCEPT_HEADER = {"PATCH": "Accept-Patch", "POST": "Accept-Post"}


def is_json(content_type: str | None) -> bool:
    """`application/json` or any `application/*+json`, parameters (charset) ignored."""
    if not content_type:
        return False
    kind = content_type.partition(";")[0].strip().lower()
    main, _, sub = kind.partition("/")
    return main == "application" and (sub == "json" or sub.endswith("+json"))


def reads_json(route: APIRoute | RouteContext) -> bool:
    """Whether FastAPI parses the route's body as JSON (a model or `Body()` parameter)."""
    field = route.body_field
    return field is not None and not isinstance(field.field_info, params.Form)


async def require_json(request: Request) -> None:
    """Refuses a non-empty body that is not declared JSON. An empty body passes: the
    validation then names the missing fields, as it always did."""
    sent = request.headers.get("content-type")
    if is_json(sent) or not await request.body():
        return
    problem = UnsupportedMediaType.expecting(JSON, sent)
    if (header := _ACCEPT_HEADER.get(request.method)) is not None:
        problem.headers[header] = JSON
    raise problem
