"""The certificate as staff read it, and as it prints: in Bahasa Indonesia, landscape,
with the office's letterhead, the head's signature and the QR code to its check."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from fpdf.enums import XPos, YPos

from apik_internship.certificates import rules
from apik_internship.certificates.schemas import CertificatePublic
from apik_internship.certificates.service import CertificateContent, verification_code
from apik_internship.models import Certificate
from apik_shared.documents.pdf import Document
from apik_shared.documents.qr import verification_block
from apik_shared.vocabulary.indonesian import tanggal
from apik_shared.vocabulary.labels import INTERN_UNITS, label


def public(certificate: Certificate, code_key: bytes) -> CertificatePublic:
    return CertificatePublic(
        **certificate.model_dump(exclude={"verify_hash"}),
        verification_code=verification_code(code_key, certificate.id),
        attendance_percent=rules.percent(certificate.days_present, certificate.working_days),
        logbook_percent=rules.percent(certificate.logbook_approved, certificate.working_days),
    )


def certificate_pdf(content: CertificateContent) -> bytes:
    certificate, application, issuer = content.certificate, content.application, content.issuer
    pdf = Document(title="Sertifikat Magang", issuer=issuer, orientation="landscape")
    pdf.ln(2)
    pdf.title_block("SERTIFIKAT", f"Nomor verifikasi: {content.code}", size=22)
    pdf.font(11)
    pdf.cell(0, 7, "diberikan kepada", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.font(18, "B")
    pdf.multi_cell(
        0, 10, content.applicant.get("name") or "-", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.font(11)
    pdf.multi_cell(
        0,
        6,
        f"{application.institution} - {application.programme}",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)
    period = f"{tanggal(application.period_start)} sampai dengan {tanggal(application.period_end)}"
    attendance = _number(rules.percent(certificate.days_present, certificate.working_days))
    unit = label(INTERN_UNITS, application.unit)
    pdf.multi_cell(
        0,
        6,
        f"atas keberhasilannya menyelesaikan magang di {issuer.name} pada unit {unit}"
        f" selama periode {period}, dengan kehadiran {attendance}% dari"
        f" {certificate.working_days} hari kerja dan nilai akhir {certificate.evaluation_score}.",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    issued = certificate.issued_at.astimezone(ZoneInfo(issuer.timezone)).date()
    pdf.signature(issued)
    verification_block(pdf, url=content.url, code=content.code, size=26)
    return pdf.bytes()


def _number(value: float) -> str:
    """`87,5`, `100` (Indonesian decimal comma)."""
    return f"{value:g}".replace(".", ",")
