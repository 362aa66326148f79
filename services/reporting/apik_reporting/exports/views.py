"""The same tables as the JSON answers, as CSV or XLSX when the client asks (`Accept`).

The XLSX is written here too, with no dependency: an .xlsx is a zip of a few XML parts
(ECMA-376). Strings are written inline (`t="inlineStr"`), so no shared-strings table is
needed; numbers as plain values.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from fastapi import Request, Response

from apik_reporting.exports.schemas import Cell

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


# The XLSX writer: one sheet of strings and numbers.
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OOXML}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_OOXML}.worksheet+xml"/></Types>'
)


def _relationship(kind: str, target: str) -> str:
    return (
        f'{_XML}<Relationships xmlns="{_RELS_NS}">'
        f'<Relationship Id="rId1" Type="{_DOC_RELS}/{kind}" Target="{target}"/>'
        "</Relationships>"
    )


_ROOT_RELS = _relationship("officeDocument", "xl/workbook.xml")
_WORKBOOK_RELS = _relationship("worksheet", "worksheets/sheet1.xml")
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_WORKBOOK = (
    f'{_XML}<workbook xmlns="{_MAIN_NS}" xmlns:r="{_DOC_RELS}">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_SHEET = f'{_XML}<worksheet xmlns="{_MAIN_NS}"><sheetData>{{rows}}</sheetData></worksheet>'


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _cell(ref: str, value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = escape(str(value))
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def _sheet_name(name: str) -> str:
    # Excel forbids []:*?/\ in sheet names and allows 31 characters.
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31]
    return escape(cleaned or "Sheet1", {'"': "&quot;"})


def workbook(rows: Sequence[Sequence[Cell]], *, sheet: str = "Sheet1") -> bytes:
    """The .xlsx bytes of one sheet holding `rows` (the first is usually the header)."""
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{column_letter(c)}{r}", v) for c, v in enumerate(row))
        xml_rows.append(f'<row r="{r}">{cells}</row>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name=_sheet_name(sheet)))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", _SHEET.format(rows="".join(xml_rows)))
    return buffer.getvalue()
