"""Shaping letters' and the archive's rows into bodies and the printable lending list."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from apik_intake.models import ArchiveFile, ArchiveLoan
from apik_intake.records.rules import is_overdue
from apik_intake.records.schemas import ArchiveFilePublic, LoanPublic
from apik_shared.vocabulary.calendar import OfficeCalendar


def archive_file(row: ArchiveFile, on_loan: bool) -> ArchiveFilePublic:
    return ArchiveFilePublic(**row.model_dump(exclude={"created_by"}), on_loan=on_loan)


def loan(row: ArchiveLoan, of_file: ArchiveFile, today: date) -> LoanPublic:
    return LoanPublic(
        **row.model_dump(exclude={"office"}),
        file_code=of_file.code,
        file_title=of_file.title,
        overdue=is_overdue(row.due_on, row.returned_at, today),
    )


def loans_page(
    *,
    office: str,
    state: str,
    now: datetime,
    rows: Sequence[tuple[ArchiveLoan, ArchiveFile]],
    calendars: Mapping[str, OfficeCalendar],
) -> str:
    """The lending list as a page to print (Daftar Peminjaman Arsip). The page is dated on
    the reader's office's calendar; each loan is late by its own office's. `calendars`
    holds the reader's office and every row's (`service.Loans`)."""
    today = calendars[office].local_date(now)
    cells = []
    for n, (row, f) in enumerate(rows, 1):
        # The days lent and returned as the office lived them, not UTC's.
        local_date = calendars[row.office].local_date
        late = is_overdue(row.due_on, row.returned_at, local_date(now))
        values = [
            str(n),
            f.code,
            f.title,
            row.borrower,
            local_date(row.borrowed_at).isoformat(),
            row.due_on.isoformat(),
            local_date(row.returned_at).isoformat() if row.returned_at else "",
            "TERLAMBAT" if late else "",
        ]
        cells.append("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in values) + "</tr>")
    heads = ["No", "Kode", "Judul berkas", "Peminjam", "Dipinjam", "Jatuh tempo", "Kembali", ""]
    return (
        "<!doctype html><html lang='id'><meta charset='utf-8'>"
        f"<title>Daftar Peminjaman Arsip {html.escape(office)}</title>"
        "<style>table{border-collapse:collapse}td,th{border:1px solid #000;padding:4px}</style>"
        f"<h1>Daftar Peminjaman Arsip — {html.escape(office)}</h1>"
        f"<p>Per {today.isoformat()} ({html.escape(state)})</p><table><tr>"
        + "".join(f"<th>{h}</th>" for h in heads)
        + "</tr>"
        + "".join(cells)
        + "</table></html>"
    )
