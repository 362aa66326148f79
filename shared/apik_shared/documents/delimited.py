"""CSV for people who open it in a spreadsheet, and for programs that read it.

Every file starts with a UTF-8 BOM: without it Excel reads UTF-8 as the machine's code
page and mangles names (`Ã©`). The default separator is `,`; a spreadsheet set to
Indonesian (or most of continental Europe) uses `,` as its decimal mark and expects `;`
between fields, so `?delimiter=semicolon` gives that variant, decimals written with a
comma too, and it opens as columns with numbers as numbers.

Headers (and the codes a list words, like statuses) are in Bahasa Indonesia unless
English is asked for: `?lang=en` (what the web app's download link carries: a plain link
cannot set a header), else the request's `Accept-Language`, else Indonesian. Each list
keeps its columns in one table, each header in both languages side by side (`Column`);
moments stay in the office's zone whatever the language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Depends, Query, Request, Response

from apik_shared.vocabulary.labels import Label, Language, accepted_language

MEDIA_TYPE = "text/csv"
BOM = "\ufeff"


class Delimiter(StrEnum):
    comma = "comma"
    semicolon = "semicolon"


CsvDelimiter = Annotated[
    Delimiter,
    Query(
        description="CSV only: `comma` (default) or `semicolon`, the separator a "
        "spreadsheet set to Indonesian expects (its decimals are written with a comma)."
    ),
]
Value = str | int | float | None
# One column's header: (in Bahasa Indonesia, in English).
Column = tuple[str, str]
# What a route declares for a list that answers `?format=csv` besides its JSON page.
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "the page, or all rows as CSV"}
}


def csv_language(
    request: Request,
    lang: Annotated[
        Language | None,
        Query(
            description="CSV only: the language of the headers and of the words for codes "
            "(`id`, `en`); without it, the request's `Accept-Language`, else `id`."
        ),
    ] = None,
) -> Language:
    if lang is not None:
        return lang
    return accepted_language(request.headers.get("accept-language"))


# A list route's parameter: the language its CSV is written in.
CsvLanguage = Annotated[Language, Depends(csv_language)]


def _text(value: Value, delimiter: Delimiter) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and delimiter is Delimiter.semicolon:
        return repr(value).replace(".", ",")
    return str(value)


def headers(columns: Sequence[Column], language: Language) -> list[str]:
    """The headers of a list's `columns` in `language`."""
    return [Label(*column).said_in(language) for column in columns]


def csv_bytes(
    headers: Sequence[str],
    rows: Sequence[Sequence[Value]],
    *,
    delimiter: Delimiter = Delimiter.comma,
) -> bytes:
    """The UTF-8 (with BOM) bytes of a CSV: `headers`, then `rows`, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=";" if delimiter is Delimiter.semicolon else ",", lineterminator="\r\n"
    )
    writer.writerow(headers)
    writer.writerows([_text(v, delimiter) for v in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def text_cell(text: str | None) -> str:
    """Free text as a cell that stays text: one starting like a formula (`=`, `+`, `-`,
    `@`) would run when the file is opened in a spreadsheet, so it gets a leading `'`."""
    if text is None:
        return ""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def csv_download(content: bytes, filename: str) -> Response:
    """A list's CSV as a file to save (`attachment`), not kept by shared caches: the
    lists it comes from are staff's working lists."""
    return Response(
        content,
        media_type=f"{MEDIA_TYPE}; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
