"""Imports of an office's old records (issue 20): `POST /imports` (multipart: the sheet
in `file`, CSV or XLSX, and an optional `mapping`, JSON) answers the dry run's report;
`POST /imports/{id}/run` hands the valid rows to intake; `GET /imports/{id}` shows the
progress."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from apik_integration.deps import AUTH, Cipher, CurrentSettings, Manager
from apik_integration.imports import service
from apik_integration.imports.rules import RowError
from apik_integration.imports.schemas import (
    ImportMapping,
    ImportPublic,
    ImportSummary,
    RowErrorPublic,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import check_if_match, set_etag
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    Problem,
    field_error,
    problem_responses,
    validation_problem,
)
from apik_shared.platform.routing import ServiceRouter, created
from apik_shared.platform.uploads import inline_schema
from apik_shared.vocabulary.field_errors import invalid

router = ServiceRouter(tags=["imports"])
IMPORTS = "/imports"
MULTIPART = "multipart/form-data"
FILE_PART, MAPPING_PART = "file", "mapping"


class UnsupportedBody(Problem):
    status, slug, title = 415, "unsupported-body", "Send the import as multipart/form-data"


def _body() -> dict[str, Any]:
    schema = {
        "type": "object",
        "required": [FILE_PART],
        "properties": {
            FILE_PART: {
                "type": "string",
                "format": "binary",
                "description": "the old records: CSV (UTF-8, `,` or `;`) or XLSX (first sheet),"
                " one header row",
            },
            MAPPING_PART: inline_schema(ImportMapping),
        },
    }
    content = {"schema": schema, "encoding": {MAPPING_PART: {"contentType": "application/json"}}}
    return {"requestBody": {"required": True, "content": {MULTIPART: content}}}


def _too_large(max_bytes: int) -> PayloadTooLarge:
    return PayloadTooLarge.over(
        f"The upload may have at most {max_bytes} bytes.", max_bytes, "#/file"
    )


def _refuse_declared_size(request: Request, max_bytes: int) -> None:
    """Refused before anything is read, when the client says how large it is."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)


async def _limited(request: Request, max_bytes: int) -> bytes:
    body = await request.body()
    if len(body) > max_bytes:
        raise _too_large(max_bytes)
    return body


async def _form(request: Request, max_bytes: int) -> tuple[str, bytes, ImportMapping | None]:
    kind = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if kind != MULTIPART:
        raise UnsupportedBody(
            f"The body is {kind or 'of no stated type'}.",
            errors=[
                field_error(
                    "#/headers/content-type",
                    invalid("content_type_expected", "not {expected}", expected=MULTIPART),
                )
            ],
        )
    body = await _limited(request, max_bytes)

    async def chunks() -> Any:
        yield body

    parser = MultiPartParser(
        request.headers, chunks(), max_files=1, max_fields=2, max_part_size=max_bytes
    )
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise InvalidInput.field(
            "#/body", f"Not a readable form: {exc.message}", code="unreadable_form"
        ) from exc
    try:
        unknown = [name for name in form if name not in (FILE_PART, MAPPING_PART)]
        if unknown:
            raise InvalidInput.field(
                f"#/{unknown[0]}",
                "Unknown part: send `file` and `mapping`.",
                code="extra_forbidden",
            )
        upload = form.get(FILE_PART)
        if not isinstance(upload, UploadFile):
            raise InvalidInput.field(
                f"#/{FILE_PART}", "Send the sheet as a file in `file`.", code="one_file"
            )
        content = await upload.read()
        raw = form.get(MAPPING_PART)
        mapping = None
        if raw is not None:
            text = raw if isinstance(raw, str) else (await raw.read()).decode("utf-8", "replace")
            mapping = _mapping(text)
    finally:
        await form.close()
    # The name is shown back: printable characters only.
    name = "".join(c for c in upload.filename or "" if c.isprintable()).strip()
    return name or "upload", content, mapping


def _mapping(text: str) -> ImportMapping:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InvalidInput.field(
            f"#/{MAPPING_PART}", f"JSON decode error: {exc}", code="json_invalid"
        ) from exc
    try:
        return ImportMapping.model_validate(value)
    except ValidationError as exc:
        errors = [{**e, "loc": (MAPPING_PART, *e["loc"])} for e in exc.errors()]
        raise validation_problem(RequestValidationError(errors)) from exc


async def _public(
    session: DbSession, job: Any, errors: list[RowError] | None = None
) -> ImportPublic:
    counts = await service.progress(session=session, job=job)
    if errors is None:
        errors = await service.row_errors(session=session, job=job)
    return ImportPublic(
        id=job.id,
        office=job.office,
        filename=job.filename,
        format=job.format,
        status=job.status,
        mapping=job.mapping,
        outcomes=job.outcomes,
        total_rows=job.total_rows,
        invalid_rows=job.invalid_rows,
        valid_rows=job.total_rows - job.invalid_rows,
        sent_rows=counts.sent,
        waiting_rows=counts.waiting,
        errors=[
            RowErrorPublic(
                row=e.row,
                column=e.column,
                code=e.code,
                params=e.params,
                detail=e.reason,
                reason=e.reason,
            )
            for e in errors
        ],
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


@router.post(
    IMPORTS,
    status_code=201,
    response_model=ImportPublic,
    responses=problem_responses(*AUTH, InvalidInput, PayloadTooLarge, UnsupportedBody),
    openapi_extra=_body(),
)
async def check_import(
    request: Request, session: DbSession, actor: Manager, cipher: Cipher, settings: CurrentSettings
) -> Response:
    """The dry run: reads the sheet, maps its columns, checks every row with intake's
    field types (NIK, dates, lengths) and answers every error (row, column, reason).
    Nothing is sent anywhere; the checked rows wait, sealed, for `…/run`."""
    _refuse_declared_size(request, settings.import_max_bytes)
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    filename, content, mapping = await _form(request, settings.import_max_bytes)
    job, errors = await service.check_upload(
        session=session,
        cipher=cipher,
        actor=actor,
        filename=filename,
        content=content,
        mapping=mapping.columns() if mapping else None,
        max_rows=settings.import_max_rows,
        outcomes=mapping.outcomes if mapping else None,
    )
    body = await _public(session, job, errors)
    return await created(
        idempotency, body, location=f"{request.url.path}/{job.id}", version=job.version
    )


@router.get(
    IMPORTS,
    response_model=Page[ImportSummary],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_imports(
    session: DbSession,
    actor: Manager,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[ImportSummary]:
    """The office's imports, newest first: each upload's state and counts (checked,
    running or done; rows valid, invalid, handed to intake, waiting)."""
    rows, next_cursor = await service.list_imports(
        session=session, actor=actor, cursor=cursor, limit=limit
    )
    return Page(
        items=[
            ImportSummary(
                id=job.id,
                filename=job.filename,
                format=job.format,
                status=job.status,
                total_rows=job.total_rows,
                invalid_rows=job.invalid_rows,
                valid_rows=job.total_rows - job.invalid_rows,
                sent_rows=counts.sent,
                waiting_rows=counts.waiting,
                created_at=job.created_at,
                started_at=job.started_at,
                finished_at=job.finished_at,
                version=job.version,
            )
            for job, counts in rows
        ],
        next_cursor=next_cursor,
    )


@router.get(
    IMPORTS + "/{import_id}",
    response_model=ImportPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_import(
    import_id: uuid.UUID, response: Response, session: DbSession, actor: Manager
) -> ImportPublic:
    """The import's report and progress: rows sent to intake, waiting, invalid."""
    job = await service.get_import(session=session, import_id=import_id, actor=actor)
    set_etag(response, job.version)
    return await _public(session, job)


@router.post(
    IMPORTS + "/{import_id}/run",
    status_code=202,
    response_model=ImportPublic,
    responses=problem_responses(*AUTH, NotFound, PreconditionFailed, service.ImportsNotConfigured),
)
async def run_import(
    import_id: uuid.UUID,
    request: Request,
    response: Response,
    session: DbSession,
    actor: Manager,
    settings: CurrentSettings,
) -> ImportPublic:
    """Hands the valid rows to intake, in the background (follow `GET /imports/{id}`);
    invalid rows are left out. Running it again changes nothing: each row goes once,
    and intake registers each old number once. `If-Match` is checked when sent."""
    job = await service.get_import(
        session=session, import_id=import_id, actor=actor, for_update=True
    )
    check_if_match(request, job.version)
    service.start_run(job=job, configured=bool(settings.transfer_keys), now=datetime.now(UTC))
    await session.flush()
    set_etag(response, job.version)
    return await _public(session, job)
