"""The printed forms, in Bahasa Indonesia: the check-in slip and the final visit form.

Each is the visit's office's, on the shared document kit: its letterhead (kop surat)
from the office registry, its times in the office's zone marked WIB, WITA or WIT, page
numbers, embedded fonts (a name typed in any Latin script prints as typed), and on the
final form the visitor's signature beside the head of office's acknowledgement.
"""

from __future__ import annotations

from dataclasses import dataclass

from apik_consultation.models import Visit
from apik_consultation.visits.service import Visitor
from apik_shared.documents.issuer import Issuer
from apik_shared.documents.pdf import A6, Document
from apik_shared.vocabulary.indonesian import tanggal, waktu
from apik_shared.vocabulary.labels import RATINGS, VISIT_CATEGORIES, words

__all__ = ["Signature", "final_form", "lama", "slip", "tanggal", "waktu"]


@dataclass(frozen=True)
class Signature:
    media_type: str
    content: bytes


def lama(seconds: int) -> str:
    """A duration as people say it: `1 jam 5 menit 3 detik`."""
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} jam"] if hours else []
    if minutes or hours:
        parts.append(f"{minutes} menit")
    parts.append(f"{secs} detik")
    return " ".join(parts)


def _category(code: str) -> str:
    return words(VISIT_CATEGORIES).get(code, code)


def slip(visit: Visit, visitor: Visitor, *, office: Issuer) -> bytes:
    """The check-in slip: the queue ticket, handed to the visitor at check-in."""
    pdf = Document(
        title=f"Tanda Terima Kunjungan {visit.ticket:03d}", issuer=office, page_format=A6, margin=8
    )
    pdf.title_block("TANDA TERIMA KUNJUNGAN", size=10)
    pdf.font(28, "B")
    pdf.cell(0, 12, f"{visit.ticket:03d}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.font(7.5)
    pdf.cell(0, 4, "Nomor antrean", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.field("Kantor", office.name, 26, size=8)
    pdf.field("Nama", visitor.name, 26, size=8)
    pdf.field("Instansi", visit.institution or "-", 26, size=8)
    pdf.field("Layanan", _category(visit.category), 26, size=8)
    pdf.field("Waktu datang", waktu(visit.checked_in_at, office.timezone), 26, size=8)
    if visit.tender_reference:
        pdf.field("Paket tender", visit.tender_reference, 26, size=8)
    pdf.ln(2)
    pdf.paragraph("Silakan menunggu hingga nomor Anda dipanggil.", size=7, style="I")
    return pdf.bytes()


def final_form(
    visit: Visit, visitor: Visitor, *, signature: Signature | None, office: Issuer
) -> bytes:
    """The form the visitor takes home: outcome, rating and the service's duration."""
    timezone = office.timezone
    pdf = Document(title=f"Formulir Layanan Kunjungan {visit.ticket:03d}", issuer=office)
    pdf.title_block(
        "FORMULIR HASIL LAYANAN KONSULTASI, PENGADUAN DAN SANGGAHAN",
        f"{office.name} - Nomor antrean {visit.ticket:03d}",
    )
    pdf.ln(2)
    pdf.field("Nama pengunjung", visitor.name)
    pdf.field("Instansi", visit.institution or "-")
    pdf.field("Jenis layanan", _category(visit.category))
    if visit.requested_category != visit.category:
        pdf.field(
            "Catatan",
            "Sanggahan melewati batas waktu sehingga diterima sebagai pengaduan.",
        )
    if visit.tender_reference:
        pdf.field("Paket tender", visit.tender_reference)
    pdf.field("Uraian", visit.description)
    pdf.field("Petugas", visit.officer_name or visit.officer or "-")
    pdf.field("Waktu datang", waktu(visit.checked_in_at, timezone))
    if visit.started_at:
        pdf.field("Mulai dilayani", waktu(visit.started_at, timezone))
    if visit.ended_at:
        pdf.field("Selesai dilayani", waktu(visit.ended_at, timezone))
    pdf.field("Lama layanan", lama(visit.duration_seconds or 0))
    pdf.field("Hasil layanan", visit.outcome or "-")
    if visit.rating is not None:
        pdf.field("Penilaian", f"{visit.rating} dari 5 ({RATINGS[visit.rating].indonesian})")
        pdf.field("Komentar", visit.rating_comment or "-")
    else:
        pdf.field("Penilaian", "Belum dinilai")
    # The visitor signs on the left; the head of office acknowledges on the right, on
    # the day of the visit as the office's calendar has it.
    pdf.signature(
        visit.day,
        left=("Pengunjung,", visitor.name),
        left_image=signature.content if signature is not None else None,
        acknowledge=True,
    )
    return pdf.bytes()
