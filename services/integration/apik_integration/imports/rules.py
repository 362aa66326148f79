"""Reading an office's old records: the sheet (CSV or XLSX), which column is which
field (the upload's mapping, or the usual Indonesian headers), and each row checked with
the field types intake uses. Pure: bytes in, records and errors out."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, Self, get_args

from pydantic import Field, ValidationError, model_validator
from pydantic_core import ErrorDetails

from apik_shared.documents.spreadsheet import open_workbook
from apik_shared.vocabulary.inputs import (
    FreeText,
    Input,
    Line,
    Nik,
    PersonName,
    RecordDate,
    invalid,
)
from apik_shared.vocabulary.labels import OUTCOMES
from apik_shared.vocabulary.nik import InvalidNik

HEADER_ROW = 1  # rows are numbered as the spreadsheet shows them: data starts at 2


class Format(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


class UnreadableSheet(ValueError):
    """The upload is no sheet this reads (the reason is for the uploader)."""


# Each field and the headers typical office spreadsheets give it (compared lower-cased,
# without punctuation or repeated spaces), first the Indonesian.
HEADERS: Mapping[str, tuple[str, ...]] = {
    "registration_number": (
        "nomor registrasi",
        "no registrasi",
        "no reg",
        "nomor agenda",
        "nomor laporan",
        "registration number",
    ),
    "received_on": ("tanggal diterima", "tgl diterima", "tanggal laporan", "received on"),
    "closed_on": ("tanggal selesai", "tgl selesai", "tanggal ditutup", "closed on"),
    "kind": ("jenis", "jenis laporan", "kind"),
    "reporter_name": ("nama pelapor", "pelapor", "reporter name"),
    "nik": ("nik", "nik pelapor", "no ktp"),
    "reported_agency": ("terlapor", "instansi", "instansi terlapor", "reported agency"),
    "substance": ("substansi", "substance"),
    "summary": ("uraian", "uraian laporan", "perihal", "ringkasan", "summary"),
    "status": ("status", "status akhir"),
}
REQUIRED = ("registration_number", "received_on", "summary")


def normal_header(header: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", header.lower())).strip()


def default_mapping(headers: list[str]) -> dict[str, str]:
    """Field → header, from the header names the sheet has (the first match wins)."""
    found: dict[str, str] = {}
    by_normal = {normal_header(h): h for h in reversed(headers) if h}
    for field, names in HEADERS.items():
        for name in names:
            if name in by_normal:
                found[field] = by_normal[name]
                break
    return found


def mapping_problems(mapping: Mapping[str, str], headers: list[str]) -> list[tuple[str, str]]:
    """(field, reason) for each mapped header the sheet lacks and each required field
    left unmapped."""
    problems = [
        (field, f"the sheet has no column {header!r}")
        for field, header in mapping.items()
        if header not in headers
    ]
    problems += [
        (field, "required: say which column holds it") for field in REQUIRED if field not in mapping
    ]
    return problems


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    return value


def read_sheet(content: bytes, kind: Format) -> tuple[list[str], Iterator[list[Any]]]:
    """The header row and the data rows (cells as the sheet gives them)."""
    if kind is Format.xlsx:
        try:
            book = open_workbook(content)
        except Exception as exc:  # openpyxl raises many kinds on a broken file
            raise UnreadableSheet("not a readable XLSX workbook") from exc
        rows = book.worksheets[0].iter_rows(values_only=True)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnreadableSheet("the CSV is not UTF-8") from exc
        sample = text[:4096]
        # Spreadsheets set to Indonesian write `;` between cells.
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        raise UnreadableSheet("the sheet is empty")
    headers = ["" if h is None else str(h).strip() for h in header]
    return headers, ([_cell(c) for c in row] for row in iterator)


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def as_date(value: Any) -> Any:
    """A spreadsheet's date as a date: XLSX cells are datetimes, CSV cells ISO 8601 or
    day first (`05/03/2019`, as Indonesian spreadsheets write them). Anything else is
    left for the field's own check to refuse."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and (match := _DAY_FIRST.match(value)):
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return value
    return value


# What an old status text says of the record: one of the closure outcomes examination's
# `case.closed` names (`apik_shared.vocabulary.labels.OUTCOMES`), `closed` (closed, the
# outcome not kept by the old application) or `open` (still in process when exported).
CLOSED, OPEN = "closed", "open"
OutcomeCode = Literal[
    "resolved_by_agency",
    "conciliation",
    "no_maladministration",
    "in_court",
    "withdrawn",
    "not_authority",
    "no_data",
    "recommendation",
    "closed",
    "open",
]
OUTCOME_CODES: tuple[str, ...] = get_args(OutcomeCode)
# The office's usual words (compared as `normal_header` writes them), extended or
# overridden by the upload's `mapping.outcomes`. "Selesai" alone names no outcome.
DEFAULT_OUTCOMES: Mapping[str, str] = {
    **{normal_header(label.indonesian): code for code, label in OUTCOMES.items()},
    "selesai": CLOSED,
    "ditutup": CLOSED,
    "tutup": CLOSED,
    "tuntas": CLOSED,
    "closed": CLOSED,
    "proses": OPEN,
    "dalam proses": OPEN,
    "diproses": OPEN,
    "pemeriksaan": OPEN,
    "dalam pemeriksaan": OPEN,
    "belum selesai": OPEN,
    "open": OPEN,
    "dicabut": "withdrawn",
    "ditarik": "withdrawn",
    "dicabut pelapor": "withdrawn",
    "bukan kewenangan": "not_authority",
    "tidak ditemukan maladministrasi": "no_maladministration",
    "tidak terbukti": "no_maladministration",
    "konsiliasi": "conciliation",
    "mediasi": "conciliation",
    "rekomendasi": "recommendation",
    "tidak lengkap": "no_data",
    "data tidak lengkap": "no_data",
    "diselesaikan instansi terlapor": "resolved_by_agency",
    "ditindaklanjuti instansi terlapor": "resolved_by_agency",
    "pengadilan": "in_court",
}


def outcome_table(given: Mapping[str, str] | None) -> dict[str, str]:
    """The defaults with the upload's own words over them (keys compared normalised)."""
    return {**DEFAULT_OUTCOMES, **{normal_header(k): v for k, v in (given or {}).items()}}


class StatusRefused(ValueError):
    """A status text the outcome table cannot take, with the reason's code."""

    def __init__(self, code: ReasonCode, status: str, message: str) -> None:
        super().__init__(message)
        self.code: ReasonCode = code
        self.status = status


def outcome_of(status: str | None, closed: bool, table: Mapping[str, str]) -> str | None:
    """The closure outcome the old status text names (None: closed without one, or
    open). A text the table does not know, or one that contradicts the closure date,
    raises ValueError with the reason."""
    if status is None:
        return None
    code = table.get(normal_header(status))
    if code is None:
        raise StatusRefused(
            "unknown_status",
            status,
            f"unknown status {status!r}: say in mapping.outcomes which outcome it means",
        )
    if code == OPEN:
        if closed:
            raise StatusRefused(
                "open_status_closed",
                status,
                f"the status {status!r} says in process, yet a closure date is given",
            )
        return None
    return None if code == CLOSED else code


class Kind(StrEnum):
    LM = "LM"
    RCO = "RCO"
    KNL = "KNL"
    TEMBUSAN = "TEMBUSAN"


class ImportedRecord(Input):
    """One old record, checked with intake's field types."""

    registration_number: Annotated[Line, Field(min_length=1, max_length=64)]
    received_on: RecordDate
    closed_on: RecordDate | None = None
    kind: Kind = Kind.LM
    reporter_name: PersonName | None = None
    nik: Nik | None = None
    reported_agency: Annotated[Line, Field(max_length=300)] | None = None
    substance: Annotated[Line, Field(max_length=64)] | None = None
    summary: Annotated[FreeText, Field(min_length=1, max_length=20_000)]
    status: Annotated[Line, Field(max_length=100)] | None = None
    # Not a column: what `status` means, from the upload's outcome table (`outcome_of`).
    outcome: str | None = None

    @model_validator(mode="after")
    def _closed_after_received(self) -> Self:
        if self.closed_on is not None and self.closed_on < self.received_on:
            raise invalid("closed_before_received", f"closed_on: {CLOSED_BEFORE_RECEIVED}")
        return self


# Why a row is refused, as a code a client words in its own language (the web app's
# catalogue), with `params` filling its placeholders; `reason` keeps the English.
ReasonCode = Literal[
    "required",
    "too_long",
    "not_a_date",
    "implausible_year",
    "not_a_kind",
    "control_character",
    "multiline",
    "nik_invalid",
    "closed_before_received",
    "unknown_status",
    "open_status_closed",
    "duplicate_number",
    "invalid",
]
REASON_CODES: tuple[str, ...] = get_args(ReasonCode)
Params = dict[str, str | int]


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the sheet's header (or the field, when no column holds it)
    reason: str
    code: ReasonCode = "invalid"
    params: Params = dataclass_field(default_factory=dict)


CLOSED_BEFORE_RECEIVED = "the closure is before the receipt"
# Refusals that are reasons of a row as they are, by their code: the shared field
# types' (apik_shared.vocabulary) and the row's own dates' order.
_AS_THEY_ARE: dict[str, ReasonCode] = {
    c: c for c in ("control_character", "multiline", "implausible_year", "closed_before_received")
}


def _nik_refused(error: ErrorDetails) -> bool:
    """`Nik`'s own refusal: a ValueError from the NIK's error, or one naming a code."""
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, InvalidNik) or isinstance(getattr(cause, "__cause__", None), InvalidNik):
        return True
    return error["loc"][:1] == ("nik",) and not error["type"].endswith("_type")


def reason_of(error: ErrorDetails) -> tuple[ReasonCode, Params]:
    """A validation error's code and parameters; `invalid` for one not foreseen (its
    English reason still says what is wrong)."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing" or kind == "string_too_short":  # a text only spaces is empty
        return "required", {}
    if kind in ("string_too_long", "too_long"):  # a plain text, or one checked after
        return "too_long", {"max": int(ctx.get("max_length", 0))}
    if kind == "enum":
        return "not_a_kind", {"allowed": ", ".join(k.value for k in Kind)}
    if kind in _AS_THEY_ARE:
        return _AS_THEY_ARE[kind], {k: v for k, v in ctx.items() if isinstance(v, str | int)}
    if kind.startswith("nik_"):  # `Nik`: which part is wrong (nik_length, nik_province…)
        return "nik_invalid", {}
    if kind.startswith("date_"):
        return "not_a_date", {}
    if _nik_refused(error):
        return "nik_invalid", {}
    return "invalid", {}


DATE_FIELDS = ("received_on", "closed_on")


def _values(cells: list[Any], columns: Mapping[str, int]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field, index in columns.items():
        value = _cell(cells[index]) if index < len(cells) else None
        if value is None:
            continue
        if field in DATE_FIELDS:
            value = as_date(value)
        elif field == "kind" and isinstance(value, str):
            value = value.upper()
        elif not isinstance(value, str | date):
            value = str(value)  # a number typed in a text column (a NIK, a number)
        values[field] = value
    return values


def check_row(
    row: int,
    cells: list[Any],
    columns: Mapping[str, int],
    mapping: Mapping[str, str],
    outcomes: Mapping[str, str] = DEFAULT_OUTCOMES,
) -> ImportedRecord | list[RowError]:
    """The row as a record (its status's outcome resolved), or every reason it is not
    one, each naming its column."""
    try:
        record = ImportedRecord.model_validate(_values(cells, columns))
    except ValidationError as exc:
        errors = []
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else ""
            reason = str(error["msg"]).removeprefix("Value error, ")
            if not name and reason.startswith("closed_on: "):
                name, reason = "closed_on", reason.removeprefix("closed_on: ")
            code, params = reason_of(error)
            errors.append(RowError(row, mapping.get(name, name), reason, code, params))
        return errors
    try:
        outcome = outcome_of(record.status, record.closed_on is not None, outcomes)
    except StatusRefused as exc:
        column = mapping.get("status", "status")
        return [RowError(row, column, str(exc), exc.code, {"status": exc.status})]
    return record.model_copy(update={"outcome": outcome})


def is_blank(cells: list[Any]) -> bool:
    return all(c is None for c in cells)
