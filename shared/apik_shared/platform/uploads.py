"""An uploaded file judged by its content, never by its name or declared type: sniffed,
searched for macros and for a second type, its name cleaned. One check for every
service that takes files from outside (intake's attachments, the internship service's
institution letters), so that a hole closed in one is closed in both.

The pure rules are in `apik_shared.vocabulary.files`; this module turns what they find
into the problems a route answers (naming the part or parameter refused).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel

from apik_shared.platform.problems import InvalidInput, PayloadTooLarge, Problem, field_error
from apik_shared.vocabulary.field_errors import invalid
from apik_shared.vocabulary.files import (
    UNKNOWN,
    clean_filename,
    extension_fits,
    macro_extension,
    macros_in,
    sniff,
    two_types,
)

# A route that takes a file as its whole body names it in the query (`?filename=ktp.pdf`)
# and declares the body with `openapi_extra=FILE_BODY` (FastAPI cannot see a raw body).
Filename = Annotated[
    str, Query(min_length=1, max_length=255, description="the file's name, e.g. surat.pdf")
]
FILE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


class UnsupportedAttachment(Problem):
    """The file's content is not of a kind the route accepts (its bytes are checked,
    not only its name or declared type); the detail names the accepted kinds."""

    status, slug, title = 415, "unsupported-media-type", "This kind of file is not accepted"
    indonesian_title = "Jenis berkas ini tidak diterima"
    indonesian_description = "Kirim berkas dengan jenis yang disebut pada `detail`."
    # `content_not_accepted` (`media_type`: what the content is), `name_mismatch`
    # (`name`, `media_type`: the name's extension says another kind than the content).
    reasons = ("content_not_accepted", "name_mismatch")


def check_filename(filename: str, pointer: str = "#/query/filename") -> str:
    """The name as stored (`clean_filename`: what would break a header or fool a reader
    removed); refused when it names folders (browsers send the plain name, so a path is
    a client's mistake or a probe) or when nothing of a name is left."""
    name = clean_filename(filename)
    if not name or any(separator in filename for separator in "/\\"):
        raise InvalidInput.field(
            pointer, "Give the file's plain name, e.g. ktp.pdf.", code="file_name_not_plain"
        )
    return name


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed every check, ready to store."""

    name: str
    media_type: str
    data: bytes
    sha256: str


def check_file(
    *,
    filename: str,
    data: bytes,
    allowed: Sequence[str],
    max_bytes: int,
    content_pointer: str = "#/body",
    name_pointer: str = "#/query/filename",
) -> CheckedFile:
    """The name, size and content (sniffed, never trusted from the name) of one file; a
    problem naming the pointers given (the upload's body and query, or a form's part)."""
    name = check_filename(filename, name_pointer)
    if not data:
        raise InvalidInput.field(content_pointer, "The file is empty.", code="file_empty")
    if len(data) > max_bytes:
        raise PayloadTooLarge.over(
            f"An attachment may have at most {max_bytes} bytes.", max_bytes, content_pointer
        )
    media_type = sniff(data)
    # Before the type check: a macro-laden .doc or an HTML page with a PDF header is
    # refused as what it is, not merely as a type we do not take.
    if (macros := macros_in(data, media_type)) is not None:
        raise InvalidInput.field(
            content_pointer,
            f"Office files with macros are not accepted: this one has {macros}.",
            code="file_has_macros",
            macros=macros,
        )
    if (both := two_types(data, media_type)) is not None:
        raise InvalidInput.field(
            content_pointer,
            f"The file is {both} at once; send a plain scan or document.",
            code="file_two_types",
            both=both,
        )
    if macro_extension(name):
        raise InvalidInput.field(
            name_pointer, "Office files with macros are not accepted.", code="macro_file_name"
        )
    if media_type == UNKNOWN or media_type not in allowed:
        raise UnsupportedAttachment(
            f"The content is {media_type}, which is not accepted.",
            code="content_not_accepted",
            params={"media_type": media_type},
            errors=[
                field_error(
                    content_pointer,
                    invalid(
                        "content_not_accepted",
                        "content is {media_type}",
                        media_type=media_type,
                    ),
                )
            ],
        )
    if not extension_fits(name, media_type):
        raise UnsupportedAttachment(
            f"The file is named {name!r} but its content is {media_type}.",
            code="name_mismatch",
            params={"name": name, "media_type": media_type},
            errors=[
                field_error(
                    name_pointer,
                    invalid(
                        "name_mismatch",
                        "content is {media_type}",
                        name=name,
                        media_type=media_type,
                    ),
                )
            ],
        )
    return CheckedFile(name, media_type, data, hashlib.sha256(data).hexdigest())


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with its `$defs` inlined (no recursive models here), to
    stand in an operation's body without a component of its own: the JSON part of a
    multipart form that also carries files."""
    schema = model.model_json_schema()
    defs: dict[str, Any] = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                rest = {k: resolve(v) for k, v in node.items() if k != "$ref"}
                return {**resolve(defs[ref.removeprefix("#/$defs/")]), **rest}
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    result: dict[str, Any] = resolve(schema)
    return result
