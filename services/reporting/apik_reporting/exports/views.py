"""The same tables as the JSON answers, as CSV or XLSX when the client asks (`Accept`).

The JSON keeps the codes programs read; an export is for office staff, so its headers
and coded cells are in Bahasa Indonesia (the shared labels), its indicators' definitions
the Indonesian ones. Files are written by the shared document kit: XLSX through openpyxl,
CSV with a BOM and `?delimiter=semicolon` for spreadsheets set to Indonesian.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from fastapi import Request, Response

from apik_reporting.breakdowns.rules import LOSS_COLUMNS, MONTH_COLUMNS
from apik_reporting.exports.schemas import Cell
from apik_reporting.kpis.rules import BY_CODE
from apik_reporting.staff.rules import NATIONAL_ROW
from apik_shared.documents import delimited, spreadsheet
from apik_shared.documents.delimited import Delimiter
from apik_shared.vocabulary.indonesian import MONTHS
from apik_shared.vocabulary.labels import (
    AGENCY_TYPES,
    CHANNELS,
    OUTCOMES,
    SUBSTANCES,
    Label,
    label,
)

CSV = delimited.MEDIA_TYPE
XLSX = spreadsheet.MEDIA_TYPE
# Declared on each route that can export, so clients see the alternatives in the docs.
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {CSV: {"schema": {"type": "string"}}, XLSX: {"schema": {"type": "string"}}}}
}
HEADERS: Mapping[str, str] = {
    "office": "Kantor",
    "year": "Tahun",
    "indicator": "Indikator",
    "unit": "Satuan",
    "target": "Target",
    "achieved": "Capaian",
    "percent": "Persentase capaian",
    "definition": "Definisi",
    "substance": "Substansi",
    "outcome": "Hasil penyelesaian",
    "channel": "Saluran",
    "agency_type": "Jenis instansi terlapor",
    "month": "Bulan",
    "count": "Jumlah",
    "lm_registered": "LM teregistrasi",
    "knl_recorded": "KNL tercatat",
    "reports_handed_over": "Diserahkan ke Pemeriksaan",
    "reports_closed": "Ditutup",
    "desk_visits": "Kunjungan meja layanan",
    "person": "Pegawai (subjek)",
    "username": "Nama pengguna",
    "reports_verified": "Laporan diterima pleno",
    "reports_rejected": "Laporan ditolak",
    "consultations_answered": "Konsultasi dijawab",
    "cases_closed": "Kasus ditutup",
    "visits_served": "Kunjungan dilayani",
    "desk_avg_rating": "Rata-rata penilaian layanan",
    # The public-loss breakdown (breakdowns.rules.LOSS_COLUMNS).
    "prevented_cases": "Kasus kerugian dicegah",
    "prevented_people": "Orang terdampak (dicegah)",
    "prevented_idr": "Kerugian publik yang dicegah (Rp)",
    "recovered_cases": "Kasus kerugian dipulihkan",
    "recovered_people": "Orang terdampak (dipulihkan)",
    "recovered_idr": "Kerugian publik yang dipulihkan (Rp)",
}
UNITS = {
    "count": "jumlah",
    "percent": "persen",
    "days": "hari kerja",
    "minutes": "menit",
    "rating": "nilai 1-5",
    "index": "indeks",
    "idr": "rupiah",
}
assert set(MONTH_COLUMNS) <= set(HEADERS) and set(LOSS_COLUMNS) <= set(HEADERS)


def header(column: str) -> str:
    """A column's Indonesian header: an indicator's name, or its code as a last resort."""
    if column in HEADERS:
        return HEADERS[column]
    indicator = BY_CODE.get(column)
    return indicator.label if indicator is not None else column


def _month(value: Cell) -> Cell:
    # The breakdown's `2025-03` as `Maret 2025`.
    year, _, month = str(value).partition("-")
    return f"{MONTHS[int(month) - 1]} {year}" if month.isdigit() else value


def _indicator(value: Cell) -> Cell:
    indicator = BY_CODE.get(str(value))
    return indicator.label if indicator is not None else value


def _labelled(names: Mapping[str, Label]) -> Callable[[Cell], Cell]:
    return lambda value: label(names, None if value is None else str(value))


CELLS: Mapping[str, Callable[[Cell], Cell]] = {
    "indicator": _indicator,
    "unit": lambda value: UNITS.get(str(value), value),
    "substance": _labelled(SUBSTANCES),
    "outcome": _labelled(OUTCOMES),
    "channel": _labelled(CHANNELS),
    "agency_type": _labelled(AGENCY_TYPES),
    "month": _month,
}


def exported_row(
    columns: Sequence[str], item: Mapping[str, Any], offices: Mapping[str, str] | None = None
) -> list[Cell]:
    """One item's cells as an export shows them: codes named, definitions Indonesian,
    offices by their names (`offices`: the registry's, code to name)."""
    cells: list[Cell] = []
    for column in columns:
        value = item.get(column)
        if column == "definition" and (indicator := BY_CODE.get(str(item.get("indicator")))):
            value = indicator.definisi or value
        elif column == "office":
            value = "Nasional" if value == NATIONAL_ROW else (offices or {}).get(str(value), value)
        elif column in CELLS:
            value = CELLS[column](value)
        cells.append(value)
    return cells


def wanted_format(request: Request) -> str | None:
    """CSV or XLSX when the Accept header names it; otherwise None (JSON)."""
    accept = request.headers.get("accept", "").lower()
    types = {part.split(";")[0].strip() for part in accept.split(",")}
    if XLSX in types:
        return XLSX
    if CSV in types:
        return CSV
    return None


def tabular(
    request: Request,
    *,
    name: str,
    columns: Sequence[str],
    items: Sequence[Mapping[str, Any]],
    delimiter: Delimiter = Delimiter.comma,
    offices: Mapping[str, str] | None = None,
) -> Response | None:
    """The export the client asked for, or None to answer in JSON."""
    media_type = wanted_format(request)
    if media_type is None:
        return None
    headers = [header(c) for c in columns]
    rows = [exported_row(columns, item, offices) for item in items]
    if media_type == CSV:
        content = delimited.csv_bytes(headers, rows, delimiter=delimiter)
        filename, media_type = f"{name}.csv", f"{CSV}; charset=utf-8"
    else:
        content = spreadsheet.workbook(sheet=name, headers=headers, rows=rows)
        filename = f"{name}.xlsx"
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
