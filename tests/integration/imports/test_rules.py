"""Reading an old sheet: headers recognised, dates as offices write them, every bad
cell named by row and column."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

import pytest
from openpyxl import Workbook
from pydantic_core import ErrorDetails

from apik_integration.imports import rules
from tests.integration.builders import OLD_HEADERS, VALID_NIK, old_record, sheet_csv

MAPPING = rules.default_mapping(OLD_HEADERS)
COLUMNS = {field: OLD_HEADERS.index(header) for field, header in MAPPING.items()}


def check(cells: Sequence[object]) -> rules.ImportedRecord | list[rules.RowError]:
    return rules.check_row(7, list(cells), COLUMNS, MAPPING)


def test_the_usual_indonesian_headers_map_themselves() -> None:
    assert MAPPING == {
        "registration_number": "Nomor Registrasi",
        "received_on": "Tanggal Diterima",
        "closed_on": "Tanggal Selesai",
        "reporter_name": "Nama Pelapor",
        "nik": "NIK",
        "reported_agency": "Terlapor",
        "substance": "Substansi",
        "summary": "Uraian",
        "status": "Status",
    }
    assert rules.default_mapping(["No. Reg", "Tgl. Diterima", "Instansi"]) == {
        "registration_number": "No. Reg",
        "received_on": "Tgl. Diterima",
        "reported_agency": "Instansi",
    }


def test_a_mapping_names_missing_columns_and_unmapped_required_fields() -> None:
    problems = rules.mapping_problems({"registration_number": "Nomor"}, ["Nomor", "Tanggal"])
    assert problems == [
        ("received_on", "required: say which column holds it"),
        ("summary", "required: say which column holds it"),
    ]
    assert rules.mapping_problems({"summary": "Isi"}, ["Uraian"])[0] == (
        "summary",
        "the sheet has no column 'Isi'",
    )


def test_a_good_row_keeps_its_dates_day_first() -> None:
    row = old_record(
        "KAB-2019-001", "05/03/2019", NIK=VALID_NIK, **{"Tanggal Selesai": "2019-06-30"}
    )
    record = check(row)
    assert isinstance(record, rules.ImportedRecord)
    assert record.received_on == date(2019, 3, 5)
    assert record.closed_on == date(2019, 6, 30)
    assert record.nik == VALID_NIK
    assert record.reporter_name == "Siti Aminah"


@pytest.mark.parametrize(
    ("overrides", "column", "reason", "code", "params"),
    [
        ({"NIK": "12345"}, "NIK", "a NIK has exactly 16 digits", "nik_invalid", {}),
        (
            {"Tanggal Diterima": "31/02/2020"},
            "Tanggal Diterima",
            "Input should be a valid date",
            "not_a_date",
            {},
        ),
        ({"Tanggal Diterima": ""}, "Tanggal Diterima", "Field required", "required", {}),
        ({"Uraian": ""}, "Uraian", "Field required", "required", {}),
        ({"Uraian": "   "}, "Uraian", "Field required", "required", {}),
        (
            {"Tanggal Selesai": "01/01/2019"},
            "Tanggal Selesai",
            "the closure is before the receipt",
            "closed_before_received",
            {},
        ),
        (
            {"Nama Pelapor": "Siti\x00"},
            "Nama Pelapor",
            "control character",
            "control_character",
            {},
        ),
        ({"Terlapor": "Dinas\nKota"}, "Terlapor", "one line", "multiline", {}),
        ({"Terlapor": "x" * 301}, "Terlapor", "at most 300", "too_long", {"max": 300}),
        (
            {"Tanggal Diterima": "05/03/1850"},
            "Tanggal Diterima",
            "year between",
            "implausible_year",
            {"min": 1900, "max": 2200},
        ),
        (
            {"Status": "Entah"},
            "Status",
            "unknown status 'Entah'",
            "unknown_status",
            {"status": "Entah"},
        ),
        (
            {"Status": "Dalam proses", "Tanggal Selesai": "2019-06-30"},
            "Status",
            "says in process",
            "open_status_closed",
            {"status": "Dalam proses"},
        ),
    ],
)
def test_a_bad_cell_is_named_by_row_column_and_a_reason_with_its_code(
    overrides: dict[str, str], column: str, reason: str, code: str, params: dict[str, object]
) -> None:
    errors = check(old_record("KAB-2019-002", "05/03/2019", **overrides))
    assert isinstance(errors, list)
    assert [(e.row, e.column) for e in errors] == [(7, column)]
    assert reason.lower() in errors[0].reason.lower()
    assert (errors[0].code, errors[0].params) == (code, params)
    assert errors[0].code in rules.REASON_CODES


def test_a_kind_outside_the_list_names_the_kinds_it_may_be() -> None:
    cells = [*old_record("KAB-2019-003", "05/03/2019"), "XYZ"]
    columns = {**COLUMNS, "kind": len(cells) - 1}
    errors = rules.check_row(7, cells, columns, {**MAPPING, "kind": "Jenis"})
    assert isinstance(errors, list)
    assert [e.column for e in errors] == ["Jenis"]
    assert [(e.code, e.params) for e in errors] == [
        ("not_a_kind", {"allowed": "LM, RCO, KNL, TEMBUSAN"})
    ]


@pytest.mark.parametrize(
    ("kind", "ctx", "reason"),
    [
        ("control_character", {}, ("control_character", {})),
        ("multiline", {}, ("multiline", {})),
        (
            "implausible_year",
            {"min": 1900, "max": 2200},
            ("implausible_year", {"min": 1900, "max": 2200}),
        ),
        ("nik_length", {}, ("nik_invalid", {})),
        ("nik_province", {"province": "99"}, ("nik_invalid", {})),
    ],
)
def test_a_shared_type_s_own_code_is_the_row_s_reason(
    kind: str, ctx: dict[str, object], reason: tuple[str, dict[str, object]]
) -> None:
    # The shared field types name their codes (apik_shared.vocabulary): a row's reason
    # reads the code, never the English, which may change.
    error: ErrorDetails = {
        "type": kind,
        "loc": ("x",),
        "msg": "Worded otherwise",
        "input": "x",
        "ctx": ctx,
    }
    assert rules.reason_of(error) == reason


def test_a_reason_not_foreseen_is_invalid_with_its_english_kept() -> None:
    code, params = rules.reason_of(
        {
            "type": "int_parsing",
            "loc": ("row",),
            "msg": "Input should be a valid integer",
            "input": "x",
        }
    )
    assert (code, params) == ("invalid", {})


def test_a_csv_with_semicolons_reads_as_indonesian_spreadsheets_write_it() -> None:
    content = sheet_csv([old_record("A-1", "02/01/2020")], sep=";")
    headers, rows = rules.read_sheet(content, rules.Format.csv)
    assert headers == OLD_HEADERS
    assert next(iter(rows))[:2] == ["A-1", "02/01/2020"]


def test_an_xlsx_gives_its_dates_as_dates() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nomor Registrasi", "Tanggal Diterima", "Uraian"])
    sheet.append(["B-1", datetime(2020, 1, 2), "Surat tidak dibalas."])
    buffer = io.BytesIO()
    book.save(buffer)
    headers, rows = rules.read_sheet(buffer.getvalue(), rules.Format.xlsx)
    mapping = rules.default_mapping(headers)
    columns = {f: headers.index(h) for f, h in mapping.items()}
    record = rules.check_row(2, next(rows), columns, mapping)
    assert isinstance(record, rules.ImportedRecord)
    assert record.received_on == date(2020, 1, 2)


def test_a_broken_workbook_is_unreadable() -> None:
    with pytest.raises(rules.UnreadableSheet):
        rules.read_sheet(b"PK\x03\x04 not really", rules.Format.xlsx)


def test_old_status_texts_become_outcomes_by_default_and_by_the_upload() -> None:
    defaults = rules.outcome_table(None)
    assert rules.outcome_of("Dicabut", True, defaults) == "withdrawn"
    assert rules.outcome_of("  BUKAN kewenangan. ", True, defaults) == "not_authority"
    assert rules.outcome_of("Tidak ditemukan maladministrasi", True, defaults) == (
        "no_maladministration"
    )
    # Closed without a kept outcome, or still open: no outcome.
    assert rules.outcome_of("Selesai", True, defaults) is None
    assert rules.outcome_of("Dalam proses", False, defaults) is None
    assert rules.outcome_of(None, True, defaults) is None
    own = rules.outcome_table({"Tuntas": "recommendation", "Beres": "conciliation"})
    assert rules.outcome_of("tuntas", True, own) == "recommendation"  # overrides the default
    assert rules.outcome_of("Beres", True, own) == "conciliation"
    with pytest.raises(ValueError, match="unknown status 'Beres'"):
        rules.outcome_of("Beres", True, defaults)
    with pytest.raises(ValueError, match="in process, yet a closure date"):
        rules.outcome_of("Proses", True, defaults)
    # Every default means an outcome the vocabulary knows, or closed / open.
    assert set(defaults.values()) <= set(rules.OUTCOME_CODES)


def test_the_outcome_codes_are_the_closure_outcomes_and_closed_and_open() -> None:
    from apik_shared.vocabulary.labels import OUTCOMES

    assert set(rules.OUTCOME_CODES) == {*OUTCOMES, rules.CLOSED, rules.OPEN}


def test_an_unknown_status_is_the_rows_error_on_its_column() -> None:
    errors = check(old_record("LAMA-1", "05/03/2019", Status="Entah"))
    assert isinstance(errors, list)
    assert [(e.row, e.column) for e in errors] == [(7, "Status")]
    record = check(old_record("LAMA-1", "05/03/2019", Status="Dicabut"))
    assert isinstance(record, rules.ImportedRecord) and record.outcome == "withdrawn"
