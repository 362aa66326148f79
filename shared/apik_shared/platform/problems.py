"""RFC 9457 problem details: one error type, one renderer, stable `type` URIs.

Domain code raises `Problem` subclasses; `install_problem_handlers` renders every error
(ours, FastAPI's validation errors, Starlette's HTTP errors, and anything unexpected) as
`application/problem+json`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic_core import PydanticCustomError
from starlette.exceptions import HTTPException as StarletteHTTPException

from apik_shared.vocabulary.field_errors import invalid
from apik_shared.vocabulary.labels import Language, Named, accepted_language

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "/problems/"
log = logging.getLogger("apik.problems")


class Problem(Exception):
    """An error a client can act on. Subclasses fix status, slug and title; their
    docstring explains the type to integrators (`/problems/<slug>`, built by
    `apik_shared.platform.problem_types`), with `indonesian_title` (and, when the
    status's general Indonesian explanation does not fit, `indonesian_description`)
    for the page's Bahasa Indonesia half.

    A type raised for several specific reasons says which one in the `code` extension
    (with `params` filling its wording), so that a client words it in its own language;
    `detail` keeps the English. Such a class lists its codes in `reasons`, the list a
    client's catalogue is checked against.

    A code-valued param (a status, a stage, a step) is given as a `Named` (the code
    with its label, `apik_shared.vocabulary.labels.named`): `params` keeps the code and
    the `labels` member says it in the request's language (`Accept-Language`,
    Indonesian first), so that no client words a status by its code;
    `labels_by_language` says it in every language the API speaks, so that a client
    showing the refusal after its user switched language rewords it without asking
    again (a refused write cannot be sent again to learn the other words)."""

    status: int = 400
    slug: str = "bad-request"
    title: str = "Bad request"
    indonesian_title: str = ""
    indonesian_description: str = ""
    reasons: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # A class's reasons are its own: a subclass of another slug does not name its
        # parent's codes (they are worded under the parent's slug), so it lists its own.
        super().__init_subclass__(**kwargs)
        if "reasons" not in cls.__dict__:
            cls.reasons = ()

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

    def body(self, instance: str | None = None, language: Language = Language.id) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        if self.errors:
            body["errors"] = [_worded(entry, language) for entry in self.errors]
        # Extensions add members; they never replace the standard ones.
        body.update({k: v for k, v in self.extensions.items() if k not in body})
        return _worded(body, language)


def _worded(said: dict[str, Any], language: Language) -> dict[str, Any]:
    """`said` (a problem's body, or one entry of its `errors`) with its code-valued
    params (`Named`) split: the code in `params`, the words in `labels` (`language`)
    and `labels_by_language` (every language), the one way both say a code."""
    params = said.get("params")
    if not isinstance(params, dict) or not any(isinstance(v, Named) for v in params.values()):
        return said
    return {
        **said,
        "params": {k: v.code if isinstance(v, Named) else v for k, v in params.items()},
        "labels": _labels(params, language),
        "labels_by_language": {each.value: _labels(params, each) for each in Language},
    }


def _labels(params: dict[str, Any], language: Language) -> dict[str, str]:
    """The words of the code-valued params (`Named`) in `language`."""
    return {k: v.label.said_in(language) for k, v in params.items() if isinstance(v, Named)}


class InvalidInput(Problem):
    """Fields of the request are missing or invalid. `errors` lists each one: a JSON
    pointer into the request (`#/body/reporter/nik`, `#/query/limit`) and what is wrong
    with it. Nothing was changed."""

    status, slug, title = 422, "validation-error", "The request has invalid fields"
    indonesian_title = "Ada isian permintaan yang tidak valid"

    @classmethod
    def field(
        cls, pointer: str, detail: str, *, code: str, **params: str | int | float | Named
    ) -> InvalidInput:
        """One bad field; `pointer` is a JSON pointer such as `#/body/reporter/nik`.
        `code` names what is wrong as a validation error's type does (a client words it,
        `api.field.<code>`, filled from `params`); `detail` is the English."""
        return cls(detail, errors=[_entry(pointer, detail, code, params)])

    @classmethod
    def at(cls, pointer: str, refusal: PydanticCustomError) -> InvalidInput:
        """One bad field, as a pure rule said it (`invalid(code, …)` from
        `apik_shared.vocabulary.field_errors`, where its code is written)."""
        return cls.each([(pointer, refusal)])

    @classmethod
    def each(cls, refused: Sequence[tuple[str, PydanticCustomError]]) -> InvalidInput:
        """Every bad field of a request at once, (pointer, `invalid(code, …)`) each; the
        first one's English is the problem's detail."""
        errors = [field_error(pointer, refusal) for pointer, refusal in refused]
        return cls(refused[0][1].message(), errors=errors)


def field_error(pointer: str, refusal: PydanticCustomError) -> dict[str, Any]:
    """One entry of a problem's `errors`, for any problem type that names a field (a
    413's body, a 403's office): the field at `pointer` and why, as `invalid(code,
    message, **params)` says it, so a client words it (`api.field.<code>`) and `detail`
    keeps the English. Entries are built here only (tests/deploy/test_refusals.py), so
    none lacks a code."""
    return _entry(pointer, refusal.message(), refusal.type, dict(refusal.context or {}))


def _entry(pointer: str, detail: str, code: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"pointer": pointer, "detail": detail, "code": code, "params": params}


class Unauthorized(Problem):
    """No valid access token came with the request, or it expired or its session ended.
    Get a token from `/api/v1/auth/token` and send it as `Authorization: Bearer`."""

    status, slug, title = 401, "unauthorized", "Authentication required"
    indonesian_title = "Perlu autentikasi"

    def __init__(self, detail: str | None = None, **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kw)


class Forbidden(Problem):
    """The caller's roles do not allow this action. The reasons any component gives (a
    component's subclass adds its own): `role_required` (`roles`: none of them held),
    `other_office` (`office`: another office's, which the national role sees),
    `national_role` (what holds for every office is the national role's), `dpo_only`
    (the data protection officer's), `head_only` (the head of office decides),
    `names_a_person` (a record naming a person is for those who handle it)."""

    status, slug, title = 403, "forbidden", "Not allowed"
    indonesian_title = "Tidak diizinkan"
    reasons: tuple[str, ...] = (
        "role_required",
        "other_office",
        "national_role",
        "dpo_only",
        "head_only",
        "names_a_person",
    )

    @classmethod
    def roles_needed(cls, roles: Iterable[str], detail: str | None = None) -> Forbidden:
        """None of `roles` is held; names them."""
        said = ", ".join(sorted(roles))
        return cls(
            detail or f"This needs one of the roles: {said}.",
            code="role_required",
            params={"roles": said},
        )

    @classmethod
    def other_office(cls, detail: str, office: str, **kw: Any) -> Forbidden:
        """`office` is not the caller's, and the caller does not see every office."""
        return cls(detail, code="other_office", params={"office": office}, **kw)


class NotFound(Problem):
    """Nothing is there, or nothing the caller's office may see (another office's
    record answers 404, never 403, so its existence is not revealed)."""

    status, slug, title = 404, "not-found", "Not found"
    indonesian_title = "Tidak ditemukan"


class Conflict(Problem):
    """The request contradicts the resource as it is now; read it again."""

    status, slug, title = 409, "conflict", "Conflict with the current state"
    indonesian_title = "Bertentangan dengan keadaan saat ini"


class TransitionNotAllowed(Conflict):
    """The step does not follow from the record's current status (its state machine
    allows it only from other statuses); the problem names the current status."""

    slug, title = "transition-not-allowed", "This step is not allowed in the current status"
    indonesian_title = "Langkah ini tidak diizinkan pada status saat ini"
    # The reasons any state machine gives (a component's subclass adds its own):
    # `step_not_allowed` (`step`, `status`: the step is not taken from this status) and
    # `cannot_become` (`status`, `target`: the record does not move from one to the other).
    reasons: tuple[str, ...] = ("step_not_allowed", "cannot_become")

    @classmethod
    def step_refused(cls, detail: str, *, step: Named, status: Named) -> TransitionNotAllowed:
        """The state machine takes no `step` from `status`; names the current status.
        Both come named (`labels.named`): the problem says them in words."""
        return cls(
            detail,
            code="step_not_allowed",
            params={"step": step, "status": status},
            current_status=status.code,
        )

    @classmethod
    def move_refused(cls, detail: str, *, status: Named, target: Named) -> TransitionNotAllowed:
        """The record does not move from `status` to `target`, both said in words."""
        return cls(detail, code="cannot_become", params={"status": status, "target": target})


class PreconditionFailed(Problem):
    """`If-Match` named a version that is no longer current: someone changed the
    resource since it was read. `current_etag` gives the current one; read it again
    before deciding to retry."""

    status, slug, title = 412, "precondition-failed", "The resource has changed"
    indonesian_title = "Sumber daya telah berubah"


class PreconditionRequired(Problem):
    """This change requires `If-Match` with the `ETag` last read, so that it cannot
    overwrite a change made since."""

    status, slug, title = 428, "precondition-required", "If-Match is required"
    indonesian_title = "If-Match wajib dikirim"


class UnsupportedMediaType(Problem):
    """The body is not in the media type the route reads: a route that takes JSON
    answers this to a body sent as anything else (form fields, plain text, XML, or no
    `Content-Type` at all); the problem's `expected` member names what to send."""

    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"
    indonesian_title = "Jenis media tidak didukung"
    indonesian_description = "Kirim isi dengan `Content-Type` yang disebut `expected`."

    @classmethod
    def expecting(cls, expected: str, sent: str | None) -> UnsupportedMediaType:
        said = f"Content-Type {sent}" if sent else "no Content-Type"
        return cls(
            f"This route reads {expected}; the request was sent with {said}.",
            errors=[
                field_error(
                    "#/headers/content-type",
                    invalid("content_type_expected", "Send {expected}.", expected=expected),
                )
            ],
            expected=expected,
        )


class PayloadTooLarge(Problem):
    """The body exceeds the limit of the route (the detail says how large it may be)."""

    status, slug, title = 413, "payload-too-large", "The request body is too large"
    indonesian_title = "Isi permintaan terlalu besar"

    @classmethod
    def over(cls, detail: str, max_bytes: int, pointer: str = "#/body") -> PayloadTooLarge:
        """More than `max_bytes` came at `pointer` (the body, a form's part)."""
        refusal = invalid("too_large", "more than {max_bytes} bytes", max_bytes=max_bytes)
        return cls(detail, errors=[field_error(pointer, refusal)])


class TooManyRequests(Problem):
    """Too many requests in a short time; wait the `Retry-After` seconds."""

    status, slug, title = 429, "too-many-requests", "Too many requests"
    indonesian_title = "Terlalu banyak permintaan"


class BadGateway(Problem):
    """The gateway could not reach the service behind it. Nothing was forwarded that
    is known to have been applied; retrying with the same `Idempotency-Key` is safe."""

    status, slug, title = 502, "bad-gateway", "The service is unreachable"
    indonesian_title = "Layanan tidak dapat dihubungi"


class GatewayTimeout(Problem):
    """The service did not answer within the gateway's time limit; the request may or
    may not have been applied, so retry with the same `Idempotency-Key`."""

    status, slug, title = 504, "gateway-timeout", "The service did not answer in time"
    indonesian_title = "Layanan tidak menjawab tepat waktu"


class ServiceUnavailable(Problem):
    """The service cannot work now (its database is unreachable, say); retry after
    `Retry-After` seconds. Nothing was changed."""

    status, slug, title = 503, "service-unavailable", "Temporarily unavailable"
    indonesian_title = "Sementara tidak tersedia"


def problem_response(
    problem: Problem, instance: str | None = None, language: Language = Language.id
) -> JSONResponse:
    return JSONResponse(
        problem.body(instance, language),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=problem.headers,
    )


def _pointer(loc: Sequence[str | int]) -> str:
    return "#/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in loc)


def _params(ctx: dict[str, Any] | None) -> dict[str, str | int | float | Named]:
    """The validation error's context a message's placeholders can take: its numbers
    and texts (`min_length`, `expected`), and a validator's named codes (`invalid`);
    an exception (a value error's) is not one."""
    return {
        name: value
        for name, value in (ctx or {}).items()
        if isinstance(value, str | int | float | Named) and not isinstance(value, bool)
    }


def validation_problem(exc: RequestValidationError) -> InvalidInput:
    """Each field's error: pointer, pydantic's English message, and its `code` (the
    error's type, stable across pydantic's wording) with `params` for clients that
    word it themselves."""
    errors = [
        _entry(
            _pointer(err.get("loc", ())),
            err.get("msg", "invalid"),
            err.get("type", "invalid"),
            _params(err.get("ctx")),
        )
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
        language = accepted_language(request.headers.get("accept-language"))
        return problem_response(exc, request.url.path, language)

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


# The words of a problem's code-valued params, and of a field error's: `labels` in the
# request's language, `labels_by_language` in each the API speaks.
_CODE_WORDS: dict[str, Any] = {
    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
    "labels_by_language": {
        "type": "object",
        "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": (
        "RFC 9457 problem details. `type` resolves to a page explaining the problem "
        "(`/problems/<slug>`, HTML or JSON); `title` is the same for every occurrence of "
        "a type, `detail` explains this one (in English); `code` names the specific "
        "reason, for a type raised for several, and `params` fill its wording (`labels` "
        "says each code-valued param in words, in the request's language, and "
        "`labels_by_language` in each language the API speaks, `id` and `en`); `errors` "
        "point at the fields to fix, each with pydantic's error type as `code` when the "
        "request failed validation, or APIK's own field code, with `params` (and "
        "`labels`, `labels_by_language` for code-valued ones) likewise."
    ),
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "code": {"type": "string"},
        "params": {"type": "object", "additionalProperties": True},
        **_CODE_WORDS,
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "pointer": {"type": "string"},
                    "detail": {"type": "string"},
                    "code": {"type": "string"},
                    "params": {"type": "object", "additionalProperties": True},
                    **_CODE_WORDS,
                },
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
