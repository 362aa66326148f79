"""Shaping letters' and the archive's rows into bodies, and the lending list into a PDF
to print and sign (on the shared document kit)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from apik_intake.models import ArchiveFile, ArchiveLoan
from apik_intake.records.rules import is_overdue
from apik_intake.records.schemas import ArchiveFilePublic, LoanPublic
from apik_shared.documents.delimited import Column, Delimiter, csv_bytes, headers, text_cell
from apik_shared.documents.issuer import Issuer
from apik_shared.documents.pdf import Document
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.indonesian import tanggal
from apik_shared.vocabulary.labels import Label, Language


def archive_file(row: ArchiveFile, on_loan: bool) -> ArchiveFilePublic:
    return ArchiveFilePublic(**row.model_dump(exclude={"created_by"}), on_loan=on_loan)


def loan(row: ArchiveLoan, of_file: ArchiveFile, today: date) -> LoanPublic:
    return LoanPublic(
        **row.model_dump(exclude={"office"}),
        file_code=of_file.code,
        file_title=of_file.title,
        overdue=is_overdue(row.due_on, row.returned_at, today),
    )


STATES = {
    "open": "Sedang dipinjam",
    "overdue": "Terlambat dikembalikan",
    "returned": "Sudah dikembalikan",
    "all": "Semua peminjaman",
}


def loans_pdf(
    *,
    office: str,
    issuer: Issuer,
    state: str,
    now: datetime,
    rows: Sequence[tuple[ArchiveLoan, ArchiveFile]],
    calendars: Mapping[str, OfficeCalendar],
    national: bool = False,
) -> bytes:
    """The lending list to print and sign (Daftar Peminjaman Arsip), under the reader's
    office's letterhead. The list is dated on the reader's office's calendar; each loan
    is late by its own office's. `calendars` holds the reader's office and every row's
    (`service.Loans`); a national reader's list names each loan's office."""
    today = calendars[office].local_date(now)
    pdf = Document(title="Daftar Peminjaman Arsip", issuer=issuer, orientation="landscape")
    pdf.title_block(
        "DAFTAR PEMINJAMAN ARSIP",
        f"{STATES.get(state, state)} - keadaan per {tanggal(today)}",
    )
    lines = []
    for n, (row, f) in enumerate(rows, 1):
        # The days lent and returned as the office lived them, not UTC's.
        local_date = calendars[row.office].local_date
        late = is_overdue(row.due_on, row.returned_at, local_date(now))
        lines.append(
            [
                str(n),
                *([row.office] if national else []),
                f.code,
                f.title,
                row.borrower,
                tanggal(local_date(row.borrowed_at)),
                tanggal(row.due_on),
                tanggal(local_date(row.returned_at)) if row.returned_at else "-",
                "TERLAMBAT" if late else "",
            ]
        )
    header = ["No", *(["Kantor"] if national else []), "Kode berkas", "Judul berkas"]
    header += ["Peminjam", "Dipinjam", "Jatuh tempo", "Dikembalikan", "Keterangan"]
    widths = [6, *([12] if national else []), 20, 46, 30, 25, 25, 25, 17]
    aligns = ["R", *(["L"] * (len(header) - 1))]
    if lines:
        pdf.grid(header, lines, widths, align=aligns)
    else:
        pdf.paragraph("Tidak ada peminjaman arsip pada keadaan ini.")
    pdf.ln(1)
    pdf.paragraph(f"Jumlah: {len(lines)} peminjaman.", size=8.5)
    pdf.signature(today)
    return pdf.bytes()


# The lending list as a spreadsheet: the columns of the printed list, headers in Bahasa
# Indonesia (or English, when asked), moments in the zone of each loan's office with its
# offset (it sorts, and spreadsheets and programs parse it alike). The borrower is in it
# as in the list and the printed list every reader of the archive sees: a colleague's
# name, not a reporter's.
LOAN_CSV_COLUMNS: tuple[Column, ...] = (
    ("Kantor", "Office"),
    ("Kode berkas", "File code"),
    ("Judul berkas", "File title"),
    ("Peminjam", "Borrower"),
    ("Keperluan", "Purpose"),
    ("Dipinjam", "Borrowed"),
    ("Jatuh tempo", "Due"),
    ("Dikembalikan", "Returned"),
    ("Dipinjamkan oleh", "Lent by"),
    ("Diterima oleh", "Received by"),
    ("Keterangan", "Remarks"),
)
_LATE = Label("Terlambat", "Late")


def loans_csv(
    rows: Sequence[tuple[ArchiveLoan, ArchiveFile]],
    calendars: Mapping[str, OfficeCalendar],
    now: datetime,
    *,
    language: Language = Language.id,
    delimiter: Delimiter = Delimiter.comma,
) -> bytes:
    lines = []
    for row, f in rows:
        calendar = calendars[row.office]
        late = is_overdue(row.due_on, row.returned_at, calendar.local_date(now))
        lines.append(
            [
                row.office,
                text_cell(f.code),
                text_cell(f.title),
                text_cell(row.borrower),
                text_cell(row.purpose),
                row.borrowed_at.astimezone(calendar.zone).isoformat(),
                row.due_on.isoformat(),
                row.returned_at.astimezone(calendar.zone).isoformat() if row.returned_at else "",
                row.lent_by,
                row.received_by,
                _LATE.said_in(language) if late else "",
            ]
        )
    return csv_bytes(headers(LOAN_CSV_COLUMNS, language), lines, delimiter=delimiter)
