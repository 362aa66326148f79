"""The certificate as staff read it, and as it prints: in Bahasa Indonesia, landscape,
with the office's letterhead, the head's signature and the QR code to its check."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from apik_internship.certificates import rules
from apik_internship.certificates.schemas import CertificatePublic
from apik_internship.certificates.service import CertificateContent, verification_code
from apik_internship.models import Certificate
from apik_shared.documents import certificate as shared_certificate
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
    """The intern's certificate, in the shared layout: the institution and programme, the
    unit, the period, attendance and the final score."""
    certificate, application, issuer = content.certificate, content.application, content.issuer
    period = f"{tanggal(application.period_start)} sampai dengan {tanggal(application.period_end)}"
    attendance = _number(rules.percent(certificate.days_present, certificate.working_days))
    unit = label(INTERN_UNITS, application.unit)
    return shared_certificate.certificate_pdf(
        issuer=issuer,
        title="Sertifikat Magang",
        code=content.code,
        holder=content.applicant.get("name") or "-",
        affiliation=f"{application.institution} - {application.programme}",
        statement=(
            f"atas keberhasilannya menyelesaikan magang di {issuer.name} pada unit {unit}"
            f" selama periode {period}, dengan kehadiran {attendance}% dari"
            f" {certificate.working_days} hari kerja dan nilai akhir"
            f" {certificate.evaluation_score}."
        ),
        issued_on=certificate.issued_at.astimezone(ZoneInfo(issuer.timezone)).date(),
        url=content.url,
    )


def _number(value: float) -> str:
    """`87,5`, `100` (Indonesian decimal comma)."""
    return f"{value:g}".replace(".", ",")
