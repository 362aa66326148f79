"""XLSX through openpyxl: one sheet or several (a report's sections), Indonesian headers,
widths, a frozen header row.

Cells are made safe for every spreadsheet program: XML 1.0 has no place for most C0
control characters (a vertical tab pasted into a name once produced a file Excel and
LibreOffice refused), so each is shown as U+FFFD, visibly, while the record keeps the
exact text; and text starting with `=` is stored as text, never as a formula.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

# openpyxl is imported inside the functions that write a workbook, not here: it costs
# ~0.2 CPU-s, and every service imported it at start whether or not anyone exported.
# tests/shared/test_lazy_imports.py checks a service's start imports none of it.
if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

Value = str | int | float | date | datetime | None
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPLACEMENT = "\ufffd"
MIN_WIDTH, MAX_WIDTH = 8, 60  # characters
_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))
# The characters XML 1.0 cannot hold: openpyxl's ILLEGAL_CHARACTERS_RE, copied so that
# cleaning a cell needs no openpyxl (a test checks the two stay equal).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def safe_text(text: str) -> str:
    """`text` with each character XML 1.0 cannot hold (C0 controls but tab, LF, CR)
    replaced by U+FFFD."""
    return ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, text)


def sheet_name(name: str) -> str:
    # Excel forbids []:*?/\ in sheet names and allows 31 characters.
    return safe_text(name).translate(_SHEET_FORBIDDEN)[:31] or "Data"


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its name, the header row and the rows under it; `widths`
    in characters to choose them, else each column as wide as its longest value."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Value]]
    widths: Sequence[float] | None = None


def open_workbook(content: bytes) -> Workbook:
    """The workbook an uploaded .xlsx holds, read-only and with cached values instead of
    formulas. Raises whatever openpyxl raises on a broken file (many kinds)."""
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content), read_only=True, data_only=True)


def workbook(
    *,
    sheet: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Value]],
    widths: Sequence[float] | None = None,
) -> bytes:
    """The .xlsx bytes of one sheet: the bold header row frozen above `rows`; each
    column as wide as its longest value (`widths` in characters to choose instead)."""
    return workbook_of([Sheet(sheet, headers, rows, widths)])


def workbook_of(sheets: Sequence[Sheet]) -> bytes:
    """The .xlsx bytes of several sheets in order (a report's sections), each laid out as
    `workbook` lays out its one. Names that clash after Excel's rules get a number."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None  # a new workbook has one sheet
    book.remove(first)
    taken: set[str] = set()
    for sheet in sheets:
        name = sheet_name(sheet.name)
        number = 2
        while name.lower() in taken:
            suffix = f" ({number})"
            name, number = sheet_name(sheet.name)[: 31 - len(suffix)] + suffix, number + 1
        taken.add(name.lower())
        _fill(book.create_sheet(name), sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(ws: Worksheet, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append([safe_text(h) for h in sheet.headers])
    for values in sheet.rows:
        ws.append([safe_text(v) if isinstance(v, str) else v for v in values])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E6ECF5")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text a visitor typed is never a formula
    ws.freeze_panes = "A2"
    chosen = sheet.widths or _fitted(sheet.headers, sheet.rows)
    for index, width in enumerate(chosen, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _fitted(headers: Sequence[str], rows: Sequence[Sequence[Value]]) -> list[float]:
    widths = [float(len(h)) for h in headers]
    for values in rows:
        for i, value in enumerate(values[: len(widths)]):
            longest = max((len(part) for part in str(value or "").splitlines()), default=0)
            widths[i] = max(widths[i], float(longest))
    return [min(max(w + 2, MIN_WIDTH), MAX_WIDTH) for w in widths]
