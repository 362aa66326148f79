"""The printed forms, in Bahasa Indonesia: the check-in slip and the final visit form.

Each is the visit's office's: its times in the office's zone, marked WIB, WITA or WIT; the
final form under the office's letterhead (kop surat), with its head of office to sign.

fpdf2's built-in Helvetica covers Latin-1, which holds Indonesian; a character outside
it (a name typed in another script) is printed as `?` rather than failing the visitor's
form, since the form is a receipt and the record itself keeps the exact text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from apik_consultation.models import Visit
from apik_consultation.visits.service import Visitor
from apik_shared.vocabulary.indonesian import MONTHS

CATEGORIES = {"consultation": "Konsultasi", "complaint": "Pengaduan", "objection": "Sanggahan"}
RATINGS = {1: "Sangat buruk", 2: "Buruk", 3: "Cukup", 4: "Baik", 5: "Sangat baik"}
A6 = (105.0, 148.0)  # millimetres; fpdf2 names A3 to A5 only
# Indonesia's three zones by their IANA names (and the older aliases); a zone elsewhere
# prints the abbreviation the time-zone database gives it.
ZONES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Ujung_Pandang": "WITA",
    "Asia/Jayapura": "WIT",
}


@dataclass(frozen=True)
class Office:
    """The visit's office as its forms print it (from the office registry)."""

    code: str
    name: str
    timezone: str
    letterhead: tuple[str, ...] = ()  # the kop surat's lines
    head_name: str | None = None
    head_title: str | None = None


@dataclass(frozen=True)
class Signature:
    media_type: str
    content: bytes


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def tanggal(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def waktu(at: datetime, timezone: str) -> str:
    """An instant as the office's clock shows it: `17 Agustus 2026, 09:30 WITA`."""
    local = at.astimezone(ZoneInfo(timezone))
    zone = ZONES.get(timezone) or local.tzname() or timezone
    return f"{tanggal(local.date())}, {local:%H:%M} {zone}"


def lama(seconds: int) -> str:
    """A duration as people say it: `1 jam 5 menit 3 detik`."""
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} jam"] if hours else []
    if minutes or hours:
        parts.append(f"{minutes} menit")
    parts.append(f"{secs} detik")
    return " ".join(parts)


class _Form(FPDF):
    def __init__(self, title: str, page_format: str | tuple[float, float]) -> None:
        super().__init__(format=page_format)
        self.set_title(title)
        self.set_creator("APIK")
        self.set_lang("id")
        self.set_auto_page_break(auto=True, margin=12)
        self.add_page()

    def heading(self, text: str, size: int = 13) -> None:
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, size * 0.5, _latin1(text), align="C", new_x=XPos.LMARGIN)
        self.ln(2)

    def letterhead(self, office: Office) -> None:
        """The office's kop surat: its lines centred and ruled off (none, no header)."""
        if not office.letterhead:
            return
        for number, line in enumerate(office.letterhead):
            self.set_font("Helvetica", "B" if number == 0 else "", 12 if number == 0 else 9)
            self.multi_cell(0, 5, _latin1(line), align="C", new_x=XPos.LMARGIN)
        self.ln(1)
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_line_width(0.2)
        self.ln(5)

    def row(self, label: str, value: str, label_width: float = 42) -> None:
        self.set_font("Helvetica", "B", 9)
        self.cell(label_width, 5.5, _latin1(label))
        self.set_font("Helvetica", "", 9)
        self.multi_cell(
            0, 5.5, _latin1(value or "-"), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def bytes(self) -> bytes:
        return bytes(self.output())


def slip(visit: Visit, visitor: Visitor, *, office: Office) -> bytes:
    """The check-in slip: the queue ticket, handed to the visitor at check-in."""
    pdf = _Form(f"Tanda Terima Kunjungan {visit.ticket:03d}", A6)
    pdf.heading("TANDA TERIMA KUNJUNGAN", 11)
    pdf.set_font("Helvetica", "B", 28)
    pdf.cell(0, 14, f"{visit.ticket:03d}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 8)
    pdf.cell(0, 5, "Nomor antrean", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.row("Kantor", office.name, 28)
    pdf.row("Nama", visitor.name, 28)
    pdf.row("Instansi", visit.institution or "-", 28)
    pdf.row("Layanan", CATEGORIES.get(visit.category, visit.category), 28)
    pdf.row("Waktu datang", waktu(visit.checked_in_at, office.timezone), 28)
    if visit.tender_reference:
        pdf.row("Paket tender", visit.tender_reference, 28)
    pdf.ln(2)
    pdf.set_font("Helvetica", "I", 7)
    pdf.multi_cell(0, 4, "Silakan menunggu hingga nomor Anda dipanggil.", align="C")
    return pdf.bytes()


def final_form(
    visit: Visit, visitor: Visitor, *, signature: Signature | None, office: Office
) -> bytes:
    """The form the visitor takes home: outcome, rating and the service's duration."""
    timezone = office.timezone
    pdf = _Form(f"Formulir Layanan Kunjungan {visit.ticket:03d}", "A4")
    pdf.letterhead(office)
    pdf.heading("FORMULIR HASIL LAYANAN KONSULTASI, PENGADUAN DAN SANGGAHAN")
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 5, _latin1(f"{office.name} - Nomor antrean {visit.ticket:03d}"), align="C")
    pdf.ln(9)
    pdf.row("Nama pengunjung", visitor.name)
    pdf.row("Instansi", visit.institution or "-")
    pdf.row("Jenis layanan", CATEGORIES.get(visit.category, visit.category))
    if visit.requested_category != visit.category:
        pdf.row(
            "Catatan",
            "Sanggahan melewati batas waktu sehingga diterima sebagai pengaduan.",
        )
    if visit.tender_reference:
        pdf.row("Paket tender", visit.tender_reference)
    pdf.row("Uraian", visit.description)
    pdf.row("Petugas", visit.officer or "-")
    pdf.row("Waktu datang", waktu(visit.checked_in_at, timezone))
    if visit.started_at:
        pdf.row("Mulai dilayani", waktu(visit.started_at, timezone))
    if visit.ended_at:
        pdf.row("Selesai dilayani", waktu(visit.ended_at, timezone))
    pdf.row("Lama layanan", lama(visit.duration_seconds or 0))
    pdf.row("Hasil layanan", visit.outcome or "-")
    if visit.rating is not None:
        pdf.row("Penilaian", f"{visit.rating} dari 5 ({RATINGS[visit.rating]})")
        pdf.row("Komentar", visit.rating_comment or "-")
    else:
        pdf.row("Penilaian", "Belum dinilai")
    pdf.ln(6)
    _signatures(pdf, visitor, signature, office)
    return pdf.bytes()


def _signatures(pdf: _Form, visitor: Visitor, signature: Signature | None, office: Office) -> None:
    """The visitor signs on the left; the head of office, when the registry names one,
    acknowledges on the right (Mengetahui), the two names on one line."""
    top, half = pdf.get_y(), (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(half, 5, "Tanda tangan pengunjung,", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if signature is not None:
        pdf.image(io.BytesIO(signature.content), w=50)
    else:
        pdf.ln(18)
    names = pdf.get_y()
    if office.head_name is not None:
        right = pdf.l_margin + half
        pdf.set_xy(right, top)
        pdf.cell(half, 5, "Mengetahui,", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        if office.head_title:
            pdf.multi_cell(half, 5, _latin1(office.head_title), align="C", new_x=XPos.LEFT)
        names = max(names, pdf.get_y() + 18)
        pdf.set_xy(right, names)
        pdf.cell(half, 5, _latin1(f"( {office.head_name} )"), align="C")
    pdf.set_xy(pdf.l_margin, names)
    pdf.cell(half, 5, _latin1(f"( {visitor.name} )"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
