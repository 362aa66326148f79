"""The same tables as the JSON answers, as CSV or XLSX when the client asks (`Accept`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import Request, Response

from apik_reporting.xlsx import MEDIA_TYPE as XLSX
from apik_reporting.xlsx import workbook

CSV = "text/csv"
# Declared on each route that can export, so clients see the alternatives in the docs.
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {CSV: {"schema": {"type": "string"}}, XLSX: {"schema": {"type": "string"}}}}
}


def wanted_format(request: Request) -> str | None:
    """CSV or XLSX when the Accept header names it; otherwise None (JSON)."""
    accept = request.headers.get("accept", "").lower()
    types = {part.split(";")[0].strip() for part in accept.split(",")}
    if XLSX in types:
        return XLSX
    if CSV in types:
        return CSV
    return None


def _text(value: Any) -> str:
    # The JSON's numbers as JSON writes them, so a CSV reads back to the same values.
    return "" if value is None else str(value)


def tabular(
    request: Request,
    *,
    name: str,
    columns: Sequence[str],
    items: Sequence[Mapping[str, Any]],
) -> Response | None:
    """The export the client asked for, or None to answer in JSON."""
    media_type = wanted_format(request)
    if media_type is None:
        return None
    rows = [[item.get(column) for column in columns] for item in items]
    if media_type == CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([[_text(v) for v in row] for row in rows])
        content, filename = buffer.getvalue().encode(), f"{name}.csv"
        media_type = f"{CSV}; charset=utf-8"
    else:
        content, filename = workbook([list(columns), *rows], sheet=name), f"{name}.xlsx"
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
