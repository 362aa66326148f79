"""The public form's body: `multipart/form-data` with an `application` part (JSON,
`ApplicationCreate`) and a `letter` part (the institution's letter, a file).

Everything is checked before anything is stored; a problem names the part
(`#/application/applicant/email`, `#/letter`). The file is judged by its content
(`apik_shared.platform.uploads`, as intake's attachments are).
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Sequence
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from apik_internship.applications.schemas import ApplicationCreate
from apik_shared.platform.problems import (
    InvalidInput,
    PayloadTooLarge,
    Problem,
    field_error,
    validation_problem,
)
from apik_shared.platform.uploads import CheckedFile, check_file, inline_schema
from apik_shared.vocabulary.field_errors import invalid

MULTIPART = "multipart/form-data"
APPLICATION_PART, LETTER_PART = "application", "letter"
# Room for the `application` part and the multipart framing, beyond the letter itself.
FORM_OVERHEAD_BYTES = 256 * 1024


class UnsupportedBody(Problem):
    status, slug, title = 415, "unsupported-body", "Send the application as multipart/form-data"


async def _limited(request: Request, max_bytes: int) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise PayloadTooLarge.over(f"The form may have at most {max_bytes} bytes.", max_bytes)
    return bytes(body)


async def _parse(request: Request, body: bytes, max_part_bytes: int) -> FormData:
    async def chunks() -> AsyncGenerator[bytes, None]:
        yield body

    parser = MultiPartParser(
        request.headers, chunks(), max_files=4, max_fields=4, max_part_size=max_part_bytes
    )
    try:
        return await parser.parse()
    except MultiPartException as exc:
        raise InvalidInput.field(
            "#/body", f"Not a readable form: {exc.message}", code="unreadable_form"
        ) from exc


def _application(raw: str | bytes) -> ApplicationCreate:
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise InvalidInput.field(
            f"#/{APPLICATION_PART}", f"JSON decode error: {exc}", code="json_invalid"
        ) from exc
    try:
        return ApplicationCreate.model_validate(value)
    except ValidationError as exc:
        errors = [{**e, "loc": (APPLICATION_PART, *e["loc"])} for e in exc.errors()]
        raise validation_problem(RequestValidationError(errors)) from exc


async def read_form(
    request: Request, *, allowed: Sequence[str], max_letter_bytes: int
) -> tuple[ApplicationCreate, CheckedFile]:
    """The application and its letter, both checked."""
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
    body = await _limited(request, max_letter_bytes + FORM_OVERHEAD_BYTES)
    form = await _parse(request, body, max_letter_bytes + FORM_OVERHEAD_BYTES)
    try:
        parts: dict[str, list[str | UploadFile]] = {APPLICATION_PART: [], LETTER_PART: []}
        for name, part in form.multi_items():
            if name not in parts:
                raise InvalidInput.field(
                    f"#/{name}",
                    "Unknown part: send `application` and `letter` only.",
                    code="extra_forbidden",
                )
            parts[name].append(part)
        if len(parts[APPLICATION_PART]) != 1:
            raise InvalidInput.field(
                f"#/{APPLICATION_PART}",
                "Send the application (JSON) in one `application` part.",
                code="one_part",
            )
        letters = parts[LETTER_PART]
        if len(letters) != 1 or not isinstance(letters[0], UploadFile):
            raise InvalidInput.field(
                f"#/{LETTER_PART}",
                "Send the institution's letter as one file in `letter`.",
                code="one_file",
            )
        raw = parts[APPLICATION_PART][0]
        application = _application(raw if isinstance(raw, str) else await raw.read())
        letter = letters[0]
        checked = check_file(
            filename=letter.filename or "",
            data=await letter.read(),
            allowed=allowed,
            max_bytes=max_letter_bytes,
            content_pointer=f"#/{LETTER_PART}",
            name_pointer=f"#/{LETTER_PART}",
        )
    finally:
        await form.close()
    return application, checked


def openapi_body() -> dict[str, Any]:
    """The form, for the OpenAPI document."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                MULTIPART: {
                    "schema": {
                        "type": "object",
                        "required": [APPLICATION_PART, LETTER_PART],
                        "properties": {
                            APPLICATION_PART: inline_schema(ApplicationCreate),
                            LETTER_PART: {
                                "type": "string",
                                "format": "binary",
                                "description": "the institution's letter: PDF, JPEG or PNG,"
                                " judged by its content (APIK_LETTER_TYPES)",
                            },
                        },
                    },
                    "encoding": {APPLICATION_PART: {"contentType": "application/json"}},
                }
            },
        }
    }
