"""CSV for people who open it in a spreadsheet, and for programs that read it.

Every file starts with a UTF-8 BOM: without it Excel reads UTF-8 as the machine's code
page and mangles names (`Ã©`). The default separator is `,`; a spreadsheet set to
Indonesian (or most of continental Europe) uses `,` as its decimal mark and expects `;`
between fields, so `?delimiter=semicolon` gives that variant, decimals written with a
comma too, and it opens as columns with numbers as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Query, Response

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
# What a route declares for a list that answers `?format=csv` besides its JSON page.
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "the page, or all rows as CSV"}
}


def _text(value: Value, delimiter: Delimiter) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and delimiter is Delimiter.semicolon:
        return repr(value).replace(".", ",")
    return str(value)


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
