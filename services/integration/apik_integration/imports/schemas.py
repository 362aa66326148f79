"""The import's form part (`mapping`) and its answers: the dry run's report and the
run's progress are one shape, read at any time."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from apik_integration.imports.rules import OutcomeCode, ReasonCode
from apik_shared.vocabulary.inputs import Input, Line

Header = Annotated[Line, Field(min_length=1, max_length=200)]
OldStatus = Annotated[Line, Field(min_length=1, max_length=100)]


class ImportMapping(Input):
    """Which column of the sheet holds each field (the header as written). Without it,
    the usual Indonesian headers are recognised (`nomor registrasi`, `tanggal diterima`,
    `tanggal selesai`, `jenis`, `nama pelapor`, `NIK`, `terlapor`/`instansi`, `substansi`,
    `uraian`, `status`). Required, mapped or recognised: the registration number, the
    date received and the summary."""

    registration_number: Header | None = None
    received_on: Header | None = None
    closed_on: Header | None = None
    kind: Header | None = None
    reporter_name: Header | None = None
    nik: Header | None = None
    reported_agency: Header | None = None
    substance: Header | None = None
    summary: Header | None = None
    status: Header | None = None
    outcomes: dict[OldStatus, OutcomeCode] | None = Field(
        default=None,
        description="What each of the office's old status texts means (compared without"
        " case or punctuation), over the defaults (`Selesai`/`Ditutup`: closed, outcome not"
        " kept; `Proses`: open; `Dicabut`: withdrawn; `Bukan kewenangan`: not_authority;"
        " the Indonesian names of the outcomes…): a closure outcome, `closed` (closed, no"
        " outcome kept) or `open` (in process). A status text neither knows is the row's"
        " error in the dry run.",
    )

    def columns(self) -> dict[str, str]:
        return {k: v for k, v in self.model_dump(exclude={"outcomes"}).items() if v is not None}


class RowErrorPublic(BaseModel):
    row: int = Field(description="the row's number as the spreadsheet shows it (header: 1)")
    column: str = Field(description="the column's header (the field, when no column holds it)")
    code: ReasonCode = Field(
        description="why, as a stable code for a client to word in its own language "
        "(`invalid`: a reason without a code of its own; `detail` says it)"
    )
    params: dict[str, str | int] = Field(
        description="the code's placeholders: `max` (too_long), `min` and `max` "
        "(implausible_year), `allowed` (not_a_kind), `status` (unknown_status, "
        "open_status_closed), `row` (duplicate_number: the row holding the number first)"
    )
    detail: str = Field(description="the reason in English")
    reason: str = Field(description="the same as `detail`, kept for older clients")


class ImportSummary(BaseModel):
    """One past upload in the office's list: its state and counts, without the errors
    (`GET /imports/{id}` has them)."""

    id: uuid.UUID
    filename: str
    format: Literal["csv", "xlsx"]
    status: Literal["checked", "running", "done"]
    total_rows: int
    invalid_rows: int
    valid_rows: int
    sent_rows: int
    waiting_rows: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    version: int = Field(description="the import's version, for `If-Match` on `…/run`")


class ImportPublic(BaseModel):
    id: uuid.UUID
    office: str
    filename: str
    format: Literal["csv", "xlsx"]
    status: Literal["checked", "running", "done"] = Field(
        description="`checked`: the dry run's report, nothing sent; `running`: rows being"
        " handed to intake; `done`: every valid row handed over (the upload dropped)"
    )
    mapping: dict[str, str] = Field(description="field → the sheet's header, as used")
    outcomes: dict[str, str] = Field(
        description="the upload's own status texts → outcome (`mapping.outcomes`), over"
        " the defaults"
    )
    total_rows: int
    invalid_rows: int
    valid_rows: int
    sent_rows: int = Field(description="valid rows handed to intake so far (the progress)")
    waiting_rows: int
    errors: list[RowErrorPublic] = Field(description="every invalid row's errors, by row")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
