"""Applications as reviewers read them: the applicant as the reader may see them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_internship.applications import service
from apik_internship.applications.rules import ApplicationStatus, allowed_actions
from apik_internship.applications.schemas import ApplicantShown, ApplicationPublic
from apik_internship.applications.service import ApplicantAccess, LetterContent
from apik_internship.applications.service.listing import ApplicationExport
from apik_internship.models import Application
from apik_shared.documents.delimited import Column, Delimiter, csv_bytes, headers, text_cell
from apik_shared.documents.pdf import Document
from apik_shared.documents.qr import verification_block
from apik_shared.platform.auth import Role
from apik_shared.platform.etag import etag_for
from apik_shared.vocabulary.indonesian import tanggal
from apik_shared.vocabulary.labels import (
    INSTITUTION_KINDS,
    INTERN_UNITS,
    Label,
    Language,
    label,
)


async def listed(
    session: AsyncSession,
    access: ApplicantAccess,
    applications: Sequence[Application],
    purpose: str,
) -> list[ApplicationPublic]:
    shown = await service.shown(
        session=session, access=access, applications=applications, purpose=purpose
    )
    reviewer = access.actor.has_any(Role.intern_supervisor, Role.head)
    supervisor = access.actor.has_any(Role.intern_supervisor)
    return [
        ApplicationPublic.model_validate(
            {
                **a.model_dump(),
                "applicant": shown[a.id],
                "actions": allowed_actions(
                    ApplicationStatus(a.status),
                    reviewer=reviewer,
                    supervisor=supervisor,
                    in_full=access.in_full(a),
                ),
            },
            from_attributes=True,
        )
        for a in applications
    ]


# The queue as a spreadsheet for the office's staff: headers and codes by their names in
# Bahasa Indonesia (or English, when asked), the day submitted and decided in the zone of
# the application's office with its offset. The applicant as the reader may see them
# (masked or in full).
APPLICATION_STATUSES: Mapping[str, Label] = {
    "submitted": Label("Diajukan", "Awaiting decision"),
    "accepted": Label("Diterima", "Accepted"),
    "declined": Label("Ditolak", "Declined"),
}
CSV_COLUMNS: tuple[Column, ...] = (
    ("Nama pemohon", "Applicant's name"),
    ("Email", "Email"),
    ("Telepon", "Phone"),
    ("Bidang studi", "Field of study"),
    ("Asal instansi", "Institution"),
    ("Jenis instansi", "Kind of institution"),
    ("Program", "Programme"),
    ("Unit yang diminta", "Units asked for"),
    ("Unit penempatan", "Unit placed in"),
    ("Mulai", "Start"),
    ("Selesai", "End"),
    ("Status", "Status"),
    ("Alasan penolakan", "Reason for declining"),
    ("Diajukan", "Submitted"),
    ("Diputuskan", "Decided"),
    ("Kantor", "Office"),
)


def to_csv(
    export: ApplicationExport,
    applicants: Mapping[uuid.UUID, ApplicantShown],
    *,
    language: Language = Language.id,
    delimiter: Delimiter = Delimiter.comma,
) -> bytes:
    lines = []
    for a in export.rows:
        zone = export.calendars[a.office].zone
        who = applicants[a.id]
        lines.append(
            [
                text_cell(who.name),
                text_cell(who.email),
                text_cell(who.phone),
                text_cell(who.study),
                text_cell(a.institution),
                label(INSTITUTION_KINDS, a.institution_kind, language),
                text_cell(a.programme),
                "; ".join(label(INTERN_UNITS, u, language) for u in a.units),
                label(INTERN_UNITS, a.unit, language) if a.unit else "",
                a.period_start.isoformat(),
                a.period_end.isoformat(),
                label(APPLICATION_STATUSES, a.status, language),
                text_cell(a.reason),
                a.submitted_at.astimezone(zone).isoformat(),
                a.decided_at.astimezone(zone).isoformat() if a.decided_at else "",
                a.office,
            ]
        )
    return csv_bytes(headers(CSV_COLUMNS, language), lines, delimiter=delimiter)


async def answer(
    session: AsyncSession, access: ApplicantAccess, application: Application, purpose: str
) -> JSONResponse:
    """One application, with its version as `ETag` (for the next decision's `If-Match`)."""
    [body] = await listed(session, access, [application], purpose)
    return JSONResponse(
        body.model_dump(mode="json"), headers={"ETag": etag_for(application.version)}
    )


def acceptance_letter_pdf(letter: LetterContent) -> bytes:
    """The acceptance letter, in Bahasa Indonesia, signed by the head of office on the
    day of the decision (in the office's zone), with the QR code to its public check."""
    application, applicant, issuer = letter.application, letter.applicant, letter.issuer
    pdf = Document(title="Surat Penerimaan Magang", issuer=issuer)
    pdf.title_block("SURAT PENERIMAAN MAGANG", f"Nomor verifikasi: {letter.code}")
    pdf.paragraph(
        f"Yang bertanda tangan di bawah ini, {issuer.head_title or 'Kepala Kantor'} pada"
        f" {issuer.name}, menerangkan bahwa:",
        size=10,
    )
    pdf.ln(2)
    pdf.field("Nama", applicant.get("name"), size=10)
    pdf.field("Bidang studi", applicant.get("study"), size=10)
    pdf.field("Asal instansi", application.institution, size=10)
    pdf.field("Jenis instansi", label(INSTITUTION_KINDS, application.institution_kind), size=10)
    pdf.field("Program", application.programme, size=10)
    pdf.ln(2)
    period = f"{tanggal(application.period_start)} sampai dengan {tanggal(application.period_end)}"
    pdf.paragraph(
        f"diterima untuk melaksanakan magang di {issuer.name} pada unit"
        f" {label(INTERN_UNITS, application.unit)}, selama periode {period}.",
        size=10,
    )
    pdf.ln(2)
    pdf.paragraph(
        "Selama magang, peserta wajib mematuhi tata tertib kantor, membaca buku panduan"
        " magang dan menjaga kerahasiaan laporan masyarakat yang diketahuinya. Apabila"
        " peserta mengalami kekerasan atau pelecehan, peserta dapat menekan Tombol Merah"
        " (Red Button) kapan saja.",
        size=10,
    )
    pdf.ln(2)
    pdf.paragraph("Demikian surat ini dibuat untuk dipergunakan sebagaimana mestinya.", size=10)
    decided = application.decided_at or application.submitted_at
    pdf.signature(decided.astimezone(ZoneInfo(issuer.timezone)).date())
    verification_block(pdf, url=letter.url, code=letter.code)
    return pdf.bytes()
