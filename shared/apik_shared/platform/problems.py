"""RFC 9457 problem details: one error type, one renderer, stable `type` URIs.

Domain code raises `Problem` subclasses; `install_problem_handlers` renders every error
(ours, FastAPI's validation errors, Starlette's HTTP errors, and anything unexpected) as
`application/problem+json`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "/problems/"
log = logging.getLogger("apik.problems")


class Problem(Exception):
    """An error a client can act on. Subclasses fix status, slug and title."""

    status: int = 400
    slug: str = "bad-request"
    title: str = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: Sequence[dict[str, Any]] = (),
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.errors = list(errors)
        self.headers = headers or {}
        self.extensions = extensions

    @property
    def type(self) -> str:
        return PROBLEM_BASE + self.slug

    def body(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        if self.errors:
            body["errors"] = self.errors
        # Extensions add members; they never replace the standard ones.
        body.update({k: v for k, v in self.extensions.items() if k not in body})
        return body


class InvalidInput(Problem):
    status, slug, title = 422, "validation-error", "The request has invalid fields"

    @classmethod
    def field(cls, pointer: str, detail: str) -> InvalidInput:
        """One bad field; `pointer` is a JSON pointer such as `#/body/reporter/nik`."""
        return cls(detail, errors=[{"pointer": pointer, "detail": detail}])


class Unauthorized(Problem):
    status, slug, title = 401, "unauthorized", "Authentication required"

    def __init__(self, detail: str | None = None, **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kw)


class Forbidden(Problem):
    status, slug, title = 403, "forbidden", "Not allowed"


class NotFound(Problem):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(Problem):
    status, slug, title = 409, "conflict", "Conflict with the current state"


class TransitionNotAllowed(Conflict):
    slug, title = "transition-not-allowed", "This step is not allowed in the current status"


class PreconditionFailed(Problem):
    status, slug, title = 412, "precondition-failed", "The resource has changed"


class PreconditionRequired(Problem):
    status, slug, title = 428, "precondition-required", "If-Match is required"


class UnsupportedMediaType(Problem):
    """The body is not in the media type the route reads: a route that takes JSON
    answers this to a body sent as anything else (form fields, plain text, XML, or no
    `Content-Type` at all); the problem's `expected` member names what to send."""

    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"

    @classmethod
    def expecting(cls, expected: str, sent: str | None) -> UnsupportedMediaType:
        said = f"Content-Type {sent}" if sent else "no Content-Type"
        return cls(
            f"This route reads {expected}; the request was sent with {said}.",
            errors=[{"pointer": "#/headers/content-type", "detail": f"Send {expected}."}],
            expected=expected,
        )


class PayloadTooLarge(Problem):
    status, slug, title = 413, "payload-too-large", "The request body is too large"


class TooManyRequests(Problem):
    status, slug, title = 429, "too-many-requests", "Too many requests"


class BadGateway(Problem):
    status, slug, title = 502, "bad-gateway", "The service is unreachable"


class GatewayTimeout(Problem):
    status, slug, title = 504, "gateway-timeout", "The service did not answer in time"


class ServiceUnavailable(Problem):
    status, slug, title = 503, "service-unavailable", "Temporarily unavailable"


def problem_response(problem: Problem, instance: str | None = None) -> JSONResponse:
    return JSONResponse(
        problem.body(instance),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=problem.headers,
    )


def _pointer(loc: Sequence[str | int]) -> str:
    return "#/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in loc)


def validation_problem(exc: RequestValidationError) -> InvalidInput:
    errors = [
        {"pointer": _pointer(err.get("loc", ())), "detail": err.get("msg", "invalid")}
        for err in exc.errors()
    ]
    fields = ", ".join(e["pointer"] for e in errors)
    return InvalidInput(f"Invalid fields: {fields}", errors=errors)


_HTTP_SLUGS = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    413: ("payload-too-large", "The request body is too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
}


def http_problem(status: int, detail: str | None) -> Problem:
    slug, title = _HTTP_SLUGS.get(status, ("http-error", "HTTP error"))
    problem = Problem(detail if detail and detail != title else None)
    problem.status, problem.slug, problem.title = status, slug, title
    problem.detail = detail or title
    return problem


def install_problem_handlers(app: FastAPI) -> None:
    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(exc, request.url.path)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return problem_response(validation_problem(exc), request.url.path)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        problem = http_problem(exc.status_code, str(exc.detail) if exc.detail else None)
        problem.headers = dict(exc.headers or {})
        return problem_response(problem, request.url.path)

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        problem = Problem("An unexpected error occurred; it has been logged.")
        problem.status, problem.slug, problem.title = 500, "internal-error", "Internal error"
        return problem_response(problem, request.url.path)

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_unexpected)


PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": (
        "RFC 9457 problem details. `type` resolves to a page explaining the problem "
        "(`/problems/<slug>`, HTML or JSON); `title` is the same for every occurrence of "
        "a type, `detail` explains this one; `errors` point at the fields to fix."
    ),
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"pointer": {"type": "string"}, "detail": {"type": "string"}},
            },
        },
    },
}


def problem_responses(*problems: type[Problem]) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: declares the problems it may answer with, each status
    described by the titles and types of its problems."""
    out: dict[int | str, dict[str, Any]] = {}
    for p in problems:
        said = f"{p.title} (`{PROBLEM_BASE}{p.slug}`)"
        if p.status in out:
            said = f"{out[p.status]['description']}; {said}"
        out[p.status] = {
            "description": said,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_SCHEMA}},
        }
    return out
