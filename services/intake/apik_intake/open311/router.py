"""Open311 GeoReport v2 under `/api/v1/intake/public/open311/v2/`, which the gateway
also serves as `/open311/v2/` (turning the spec's `api_key` into a token for `POST`).

The one place where errors are not problem+json: an Open311 client reads the spec's
list, `[{"code": 400, "description": "…"}]` or `<errors><error>…`, in the format of the
path it called. The routes stay out of the OpenAPI document for the same reason: the
spec is their contract, and `discovery.json` their entry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from apik_intake.deps import Cipher, CurrentSettings, IndexKey, TrackingKey
from apik_intake.open311 import rules, service
from apik_intake.open311.rules import Format, Open311Failure, SpecError, format_of
from apik_intake.open311.rules.tokens import token_key
from apik_intake.open311.schemas import Discovery, Endpoint, Open311Request
from apik_intake.open311.views import answer, spec_errors
from apik_shared.platform.auth import CurrentPrincipal
from apik_shared.platform.db import DbSession, TransactionalRoute
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import Problem, Unauthorized
from apik_shared.platform.routing import ServiceRouter

PREFIX = "/public/open311/v2"
# Where Open311 clients are told to go: the gateway's own path for the facade.
PUBLIC_PATH = "/open311/v2"
FORM = "application/x-www-form-urlencoded"


class Open311Route(TransactionalRoute):
    """Any refusal of an Open311 route in the spec's format; the transaction was
    rolled back before it is rendered, so a refused request changes nothing."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def run(request: Request) -> Response:
            fmt = Format.xml if request.url.path.endswith(".xml") else Format.json
            try:
                return await handler(request)
            except Open311Failure as failure:
                return spec_errors(fmt, failure.errors)
            except RequestValidationError as exc:
                return spec_errors(fmt, _validation(exc.errors()))
            except Unauthorized:
                # The spec's word for a missing or wrong key: 403.
                return spec_errors(fmt, [SpecError(403, "api_key: missing or not valid.")])
            except Problem as problem:
                response = spec_errors(fmt, [SpecError(problem.status, problem.detail)])
                response.headers.update(problem.headers)  # a 429's or 503's Retry-After
                return response
            except StarletteHTTPException as exc:
                return spec_errors(fmt, [SpecError(exc.status_code, str(exc.detail))])

        return run


router = ServiceRouter(
    prefix=PREFIX, tags=["open311"], route_class=Open311Route, include_in_schema=False
)


def _validation(errors: Any) -> list[SpecError]:
    found = []
    for error in errors:
        where = [str(part) for part in error.get("loc", ()) if part not in ("body", "query")]
        if len(where) > 1 and where[0] == "attribute":
            name = f"attribute[{where[1]}]"
        else:
            name = where[0] if where else "request"
        found.append(SpecError(400, f"{name}: {error.get('msg', 'not valid')}"))
    return found or [SpecError(400, "The request is not valid.")]


def _language(request: Request) -> bool:
    return rules.english(request.headers.get("accept-language"))


def _only(request: Request, *names: str) -> str | None:
    """The query's `jurisdiction_id`; any other parameter is refused, named."""
    unknown = [n for n in request.query_params if n not in names]
    if unknown:
        raise Open311Failure([SpecError(400, f"{n}: not a parameter here.") for n in unknown])
    return request.query_params.get("jurisdiction_id") or None


@router.get("/discovery.{fmt}")
async def open311_discovery(fmt: str, request: Request) -> Response:
    """Where the endpoint is and what it speaks (the spec's service discovery)."""
    kind = format_of(fmt)
    _only(request)
    proto = request.headers.get("x-forwarded-proto") or request.url.scheme
    host = request.headers.get("x-forwarded-host") or request.url.netloc
    endpoint = Endpoint(
        specification=rules.SPECIFICATION,
        url=f"{proto}://{host}{PUBLIC_PATH}",
        changeset=rules.DEFINITIONS_CHANGED,
        type="production",
        formats=[rules.MEDIA_TYPES[f].split(";")[0] for f in (Format.xml, Format.json)],
    )
    discovery = Discovery(
        changeset=rules.DEFINITIONS_CHANGED,
        # No address is made up here: the office named by `jurisdiction_id` answers.
        contact="Ombudsman Republik Indonesia: kantor perwakilan sesuai jurisdiction_id.",
        key_service="api_key diterbitkan administrator kantor perwakilan (klien API).",
        endpoints=[endpoint],
    )
    return answer(kind, "discovery", discovery.model_dump())


@router.get("/services.{fmt}")
async def open311_services(
    fmt: str, request: Request, session: DbSession, settings: CurrentSettings
) -> Response:
    """The substances an office takes reports under (`jurisdiction_id`), or the
    national catalogue."""
    kind = format_of(fmt)
    office = _only(request, "jurisdiction_id")
    found = await service.services(
        session=session, settings=settings, office_code=office, in_english=_language(request)
    )
    return answer(kind, "services", found)


@router.get("/services/{service_code}.{fmt}")
async def open311_service_definition(
    service_code: str, fmt: str, request: Request, session: DbSession, settings: CurrentSettings
) -> Response:
    """The attributes a report under this substance takes (the same for every one)."""
    kind = format_of(fmt)
    office = _only(request, "jurisdiction_id")
    found = await service.definition(
        session=session,
        settings=settings,
        code=service_code,
        office_code=office,
        in_english=_language(request),
    )
    return answer(kind, "service_definition", found)


@router.post("/requests.{fmt}", status_code=201)
async def open311_file_request(
    fmt: str,
    request: Request,
    session: DbSession,
    actor: CurrentPrincipal,
    cipher: Cipher,
    index_key: IndexKey,
    settings: CurrentSettings,
    tracking_key: TrackingKey,
) -> Response:
    """Files a report (LM) on the `open311` channel, as the API client the gateway
    found behind `api_key`. A retry of the same form by the same client answers the
    first receipt (the form's hash is the key when no `Idempotency-Key` is sent: an
    Open311 client cannot send one)."""
    kind = format_of(fmt)
    body = await request.body()
    data = _submission(await _pairs(request, body))
    idempotency = Idempotency(session, request, caller=actor.subject)
    if idempotency.key is None:
        idempotency.key = "open311:" + hashlib.sha256(body).hexdigest()
    if (replay := await idempotency.begin()) is not None:
        headers = {k: v for k, v in replay.headers.items() if k.lower() == "location"}
        headers["Idempotent-Replayed"] = "true"
        stored = json.loads(bytes(replay.body))
        return answer(kind, "service_requests", stored, status=replay.status_code, headers=headers)
    receipt = await service.file_request(
        session=session,
        cipher=cipher,
        index_key=index_key,
        settings=settings,
        actor=actor,
        data=data,
        token_key=token_key(tracking_key),
    )
    content = [receipt.model_dump()]
    base = request.url.path.rsplit("/", 1)[0]
    location = f"{base}/requests/{receipt.service_request_id}.{kind}"
    # `created()`'s bookkeeping, by hand: the answer is JSON or XML, rendered below, and
    # a replay renders the kept JSON in the format its own path asks for.
    await idempotency.remember(201, content, headers={"Location": location})
    return answer(kind, "service_requests", content, status=201, headers={"Location": location})


async def _pairs(request: Request, body: bytes) -> list[tuple[str, str]]:
    """The form's fields, url-encoded (the spec's) or multipart without files; blank
    fields count as not given."""
    media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if media == FORM:
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            raise Open311Failure.one(400, "The form is not UTF-8.") from None
    elif media == "multipart/form-data":
        form = await request.form()
        files = [name for name, value in form.multi_items() if isinstance(value, UploadFile)]
        if files:
            raise Open311Failure.one(400, f"{files[0]}: no uploads here; give media_url.")
        pairs = [(name, str(value)) for name, value in form.multi_items()]
    else:
        raise Open311Failure.one(400, f"Send the form as {FORM}.")
    return [(name, value) for name, value in pairs if value.strip()]


def _submission(pairs: list[tuple[str, str]]) -> Open311Request:
    try:
        return Open311Request.model_validate(rules.form_fields(pairs))
    except ValidationError as exc:
        raise Open311Failure(_validation(exc.errors())) from None


@router.get("/requests.{fmt}")
async def open311_list_requests(
    fmt: str, request: Request, session: DbSession, settings: CurrentSettings
) -> Response:
    """Reports filed through Open311: by number (`service_request_id`, comma-separated),
    or by substance, status and dates (the last 90 days by default), newest first."""
    kind = format_of(fmt)
    filters = rules.request_filter(list(request.query_params.multi_items()), datetime.now(UTC))
    found = await service.find_requests(
        session=session, settings=settings, filters=filters, in_english=_language(request)
    )
    return answer(kind, "service_requests", found)


@router.get("/requests/{service_request_id}.{fmt}")
async def open311_get_request(
    service_request_id: str, fmt: str, request: Request, session: DbSession
) -> Response:
    kind = format_of(fmt)
    _only(request, "jurisdiction_id")
    found = await service.find_request(
        session=session, number=service_request_id, in_english=_language(request)
    )
    return answer(kind, "service_requests", found)


@router.get("/tokens/{token}.{fmt}")
async def open311_get_token(
    token: str, fmt: str, request: Request, session: DbSession, tracking_key: TrackingKey
) -> Response:
    """The request a `POST requests` token names: its `service_request_id` and the token
    (the spec's answer to a queued request; here the number is known at once)."""
    kind = format_of(fmt)
    _only(request, "jurisdiction_id")
    found = await service.find_token(session=session, token=token, key=token_key(tracking_key))
    return answer(kind, "service_requests", found)


@router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def open311_unknown(rest: str, request: Request) -> Response:
    """What the spec does not define here: its 404, in its format."""
    raise Open311Failure.one(404, f"No Open311 method {request.method} {PUBLIC_PATH}/{rest}.")
