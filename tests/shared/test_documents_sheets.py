"""The document kit's XLSX and CSV writers, read back by openpyxl and the csv module."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from apik_shared.documents.delimited import (
    BOM,
    Delimiter,
    accepted_language,
    csv_bytes,
    headers,
)
from apik_shared.documents.spreadsheet import Sheet, Value, workbook, workbook_of
from apik_shared.vocabulary.labels import Language

HEADERS = ["Nama pengunjung", "Jumlah", "Rata-rata"]
# A vertical tab, a form feed, an escape and a unit separator: C0 controls XML 1.0
# cannot hold (no NUL: the inputs refuse it before it gets anywhere).
CONTROLLED = "Siti\x0bAminah\x0c\x1b\x1f"


def test_the_xlsx_opens_with_indonesian_headers_a_frozen_row_and_fitted_widths():
    rows: list[list[Value]] = [
        ["Budi", 3, 4.5],
        ["Nama yang cukup panjang untuk kolomnya", 12, None],
    ]
    book = load_workbook(io.BytesIO(workbook(sheet="Kunjungan 2026", headers=HEADERS, rows=rows)))
    sheet = book.active
    assert sheet is not None and sheet.title == "Kunjungan 2026"
    assert [c.value for c in sheet[1]] == HEADERS
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == rows
    # The longest value (38 characters) and two of air; the short one no narrower than 8.
    assert sheet.column_dimensions["A"].width == 40
    assert sheet.column_dimensions["B"].width == len("Jumlah") + 2
    assert sheet.column_dimensions["C"].width == len("Rata-rata") + 2


def test_control_characters_in_a_name_are_shown_not_fatal():
    content = workbook(sheet="Data", headers=HEADERS, rows=[[CONTROLLED, 1, 1.0]])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    assert sheet["A2"].value == "Siti\ufffdAminah\ufffd\ufffd\ufffd"


def test_text_that_looks_like_a_formula_stays_text():
    content = workbook(sheet="Data", headers=HEADERS, rows=[['=HYPERLINK("x","klik")', 1, 2]])
    cell = load_workbook(io.BytesIO(content)).active["A2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("x","klik")'


def test_a_sheet_name_loses_what_excel_forbids():
    content = workbook(sheet="Laporan [2026]: a/b?" + "x" * 40, headers=HEADERS, rows=[])
    title = load_workbook(io.BytesIO(content)).active.title
    assert title == ("Laporan _2026__ a_b_" + "x" * 40)[:31]


def test_a_workbook_of_several_sheets_keeps_their_order_and_each_its_own_header():
    content = workbook_of(
        [
            Sheet("Ringkasan", ["Uraian", "Jumlah"], [["Penilaian", 3]]),
            Sheet("Klinik/2025", ["Klinik"], [["=SUM(A1)"]]),
            Sheet("ringkasan", ["Lain"], []),  # the same name but for its case
        ]
    )
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Ringkasan", "Klinik_2025", "ringkasan (2)"]
    first, second = book["Ringkasan"], book["Klinik_2025"]
    assert [c.value for c in first[1]] == ["Uraian", "Jumlah"]
    assert first["B2"].value == 3 and first["A1"].font.b and first.freeze_panes == "A2"
    assert second["A2"].value == "=SUM(A1)" and second["A2"].data_type == "s"


def test_csv_starts_with_a_bom_and_separates_with_commas():
    content = csv_bytes(HEADERS, [["Budi, S.H.", 3, 4.5], ["Ani", None, 2.25]])
    assert content.startswith(BOM.encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [HEADERS, ["Budi, S.H.", "3", "4.5"], ["Ani", "", "2.25"]]


def test_the_semicolon_variant_writes_decimal_commas_as_indonesian_spreadsheets_read():
    content = csv_bytes(
        HEADERS, [["Budi; S.H.", 3, 4.5], ["Ani", 1000, 2.25]], delimiter=Delimiter.semicolon
    )
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Nama pengunjung;Jumlah;Rata-rata"
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [HEADERS, ["Budi; S.H.", "3", "4,5"], ["Ani", "1000", "2,25"]]


def test_headers_are_indonesian_unless_english_is_asked_for():
    columns = (("Kantor", "Office"), ("Diterima", "Received"))
    assert headers(columns, Language.id) == ["Kantor", "Diterima"]
    assert headers(columns, Language.en) == ["Office", "Received"]


def test_accept_language_picks_the_supported_language_of_highest_weight():
    for header, expected in (
        (None, Language.id),
        ("", Language.id),
        ("fr-FR, de;q=0.9", Language.id),
        ("en-GB,en;q=0.9", Language.en),
        ("EN", Language.en),
        ("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7", Language.id),
        ("fr;q=1, en;q=0.4, id;q=0.3", Language.en),
        ("en;q=0.2, id;q=0.8", Language.id),
        ("en;q=0, *", Language.id),
        ("en;q=oops, id;q=0.1", Language.id),
        ("*;q=1, en;q=0.5", Language.en),
    ):
        assert accepted_language(header) is expected, header
