"""The public form's body: the report as JSON, or the report and its files in one
`multipart/form-data` request (a `report` part with the same JSON, `files` parts).

Everything is checked before anything is stored: a refused file (content sniffed, size,
name) refuses the whole request with a problem naming the part (`#/files/1`), so there is
no report without its files and no file without its report.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import FormData, Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.types import Message

from apik_intake.attachments.service import CheckedFile, check_file
from apik_intake.public.schemas import PublicReportCreate
from apik_shared.platform.problems import InvalidInput, PayloadTooLarge, Problem, validation_problem
from apik_shared.platform.uploads import inline_schema

JSON, MULTIPART = "application/json", "multipart/form-data"
REPORT_PART, FILES_PART = "report", "files"
# Room for the `report` part and the multipart framing, beyond the files themselves.
FORM_OVERHEAD_BYTES = 1024 * 1024


class UnsupportedBody(Problem):
    status, slug, title = 415, "unsupported-body", "Send the report as JSON or multipart/form-data"


@dataclass
class Submission:
    report: PublicReportCreate
    files: list[CheckedFile] = field(default_factory=list)
    # Where the report's fields are in this body, for problems found later.
    pointer: str = "#/body"


def relocated(problem: InvalidInput, pointer: str) -> InvalidInput:
    """A problem found by registration (which names `#/body/…`) under the report's part."""
    for error in problem.errors:
        if pointer != "#/body" and str(error.get("pointer", "")).startswith("#/body/"):
            error["pointer"] = pointer + error["pointer"].removeprefix("#/body")
    return problem


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").partition(";")[0].strip().lower()


def is_json(kind: str) -> bool:
    main, _, sub = kind.partition("/")
    return main == "application" and (sub == "json" or sub.endswith("+json"))


def _pointer(*parts: object) -> str:
    return "#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _report(raw: str | bytes, root: str) -> PublicReportCreate:
    """The report's JSON, with problems under `root` (`body` or the `report` part)."""
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise InvalidInput.field(
            _pointer(root), f"JSON decode error: {exc}", code="json_invalid"
        ) from exc
    try:
        return PublicReportCreate.model_validate(value)
    except ValidationError as exc:
        errors = [{**e, "loc": (root, *e["loc"])} for e in exc.errors()]
        raise validation_problem(RequestValidationError(errors)) from exc


async def read_json(request: Request) -> Submission:
    """The JSON form, refused where FastAPI would refuse it, under `#/body`."""
    body = await request.body()
    if not body:
        raise InvalidInput.field("#/body", "Field required", code="missing")
    return Submission(_report(body, "body"))


async def _limited(request: Request, max_bytes: int) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise PayloadTooLarge.over(f"The form may have at most {max_bytes} bytes.", max_bytes)
    return bytes(body)


def with_body(request: Request, body: bytes) -> Request:
    """The same request over a body already read (for `Idempotency`, which hashes it)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, receive)


async def _parse(headers: Headers, body: bytes, max_files: int) -> FormData:
    async def chunks() -> AsyncGenerator[bytes, None]:
        yield body

    # Generous part counts, so a few files too many are named by `read_multipart`; the
    # size of the body bounds the rest.
    parser = MultiPartParser(
        headers,
        chunks(),
        max_files=max_files + 16,
        max_fields=max_files + 16,
        max_part_size=FORM_OVERHEAD_BYTES,
    )
    try:
        return await parser.parse()
    except MultiPartException as exc:
        raise InvalidInput.field(
            "#/body", f"Not a readable form: {exc.message}", code="form_unreadable"
        ) from exc


async def _content(part: str | UploadFile) -> bytes:
    return part.encode() if isinstance(part, str) else await part.read()


async def read_multipart(
    request: Request, *, allowed: Sequence[str], max_file_bytes: int, max_files: int
) -> tuple[Submission, bytes]:
    """The report and its files, every file checked; and the body as read."""
    body = await _limited(request, max_file_bytes * max_files + FORM_OVERHEAD_BYTES)
    form = await _parse(request.headers, body, max_files)
    try:
        reports: list[str | UploadFile] = []
        files: list[str | UploadFile] = []
        for name, part in form.multi_items():
            if name == REPORT_PART:
                reports.append(part)
            elif name == FILES_PART:
                files.append(part)
            else:
                raise InvalidInput.field(
                    _pointer(name),
                    "Unknown part: send `report` and `files` only.",
                    code="extra_forbidden",
                )
        if len(reports) != 1:
            detail = "Send the report (JSON) in one `report` part."
            raise InvalidInput.field("#/report", detail, code="one_report_part")
        report = _report(await _content(reports[0]), REPORT_PART)
        if len(files) > max_files:
            raise InvalidInput.field(
                _pointer(FILES_PART, max_files),
                f"At most {max_files} files with the form.",
                code="too_long",
                max_length=max_files,
            )
        checked = _check_files([(p, await _content(p)) for p in files], allowed, max_file_bytes)
    finally:
        await form.close()
    return Submission(report, checked, pointer="#/report"), body


def _check_files(
    parts: Sequence[tuple[str | UploadFile, bytes]], allowed: Sequence[str], max_bytes: int
) -> list[CheckedFile]:
    """Every file checked; the problem names each refused one (the first one's status)."""
    checked: list[CheckedFile] = []
    refused: list[Problem] = []
    for index, (part, data) in enumerate(parts):
        pointer = _pointer(FILES_PART, index)
        try:
            if not isinstance(part, UploadFile):
                raise InvalidInput.field(
                    pointer, "Send a file here (a part with a filename).", code="not_a_file"
                )
            checked.append(
                check_file(
                    filename=part.filename or "",
                    data=data,
                    allowed=allowed,
                    max_bytes=max_bytes,
                    content_pointer=pointer,
                    name_pointer=pointer,
                )
            )
        except Problem as problem:
            refused.append(problem)
    if refused:
        first = refused[0]
        first.errors = [error for problem in refused for error in problem.errors]
        raise first
    return checked


def openapi_body() -> dict[str, Any]:
    """The two bodies the route takes, for the OpenAPI document."""
    report = inline_schema(PublicReportCreate)
    return {
        "requestBody": {
            "required": True,
            "content": {
                JSON: {"schema": report},
                MULTIPART: {
                    "schema": {
                        "type": "object",
                        "required": [REPORT_PART],
                        "properties": {
                            REPORT_PART: report,
                            FILES_PART: {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                                "description": (
                                    "PDF, images or office documents, judged by their content;"
                                    " at most APIK_PUBLIC_FORM_MAX_FILES (5) of them"
                                ),
                            },
                        },
                    },
                    "encoding": {REPORT_PART: {"contentType": JSON}},
                },
            },
        }
    }
