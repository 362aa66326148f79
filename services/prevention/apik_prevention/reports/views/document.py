"""The prevention report as a PDF: the office's letterhead, a summary, one section per
activity, the notes on what counts, the head's signature."""

from __future__ import annotations

from typing import cast

from apik_prevention.assessments.schemas import UnitType
from apik_prevention.rapor.rules import nilai
from apik_prevention.reports.rules import EXPIRING_WITHIN_DAYS
from apik_prevention.reports.service import ReportData
from apik_prevention.reports.views import labels, programmes
from apik_shared.documents.pdf import Document
from apik_shared.vocabulary.indonesian import tanggal

NOTE_SIZE = 7.5


def _unit_type(code: str) -> str:
    try:
        return labels.UNIT_TYPE_NAMES[UnitType(code)]
    except ValueError:
        return code


def _assessments(pdf: Document, data: ReportData) -> None:
    pdf.heading("1. Penilaian kepatuhan penyelenggaraan pelayanan publik")
    if not data.assessments:
        pdf.paragraph("Tidak ada penilaian yang dipublikasikan dalam periode ini.")
        return
    total = len(data.assessments)
    pdf.grid(
        ["Hasil", "Jumlah", "Persentase"],
        [[label, str(n), labels.percent(100 * n / total)] for label, n in data.results],
        (60, 20, 20),
    )
    pdf.bars("Sebaran hasil penilaian", [(label, float(n)) for label, n in data.results])
    pdf.grid(
        ["Unit layanan", "Jenis", "Wilayah", "Nilai", "Hasil"],
        [
            [
                a.unit_name,
                _unit_type(a.unit_type),
                a.region,
                "-" if a.total is None else nilai(a.total),
                a.label or "-",
            ]
            for a in data.assessments
        ],
        (34, 16, 20, 10, 20),
        align=["L", "L", "L", "R", "L"],
        size=8,
    )


def _studies(pdf: Document, data: ReportData) -> None:
    pdf.heading("2. Kajian dan saran perbaikan")
    stages = ", ".join(
        f"{labels.STAGES.get(stage, stage)} {n}"
        for stage, n in sorted(data.studies_by_stage.items())
    )
    pdf.field(f"Kajian tahun {data.period.year}", stages or "Tidak ada")
    due, done = data.suggestions_due, data.suggestions_followed_up
    # Above the table, so a page break cannot leave it alone on the next page.
    pdf.field("Tingkat tindak lanjut", labels.percent(100 * done / due if due else None))
    if not data.studies:
        pdf.paragraph("Tidak ada saran perbaikan yang jatuh tempo dalam periode ini.")
        return
    rows = [
        [
            s.title,
            labels.STAGES.get(s.stage, s.stage),
            str(s.due),
            str(s.followed_up),
            str(s.not_followed_up),
            str(s.open),
        ]
        for s in data.studies
    ]
    rows.append(
        [
            "Jumlah",
            "",
            str(due),
            str(done),
            str(sum(s.not_followed_up for s in data.studies)),
            str(sum(s.open for s in data.studies)),
        ]
    )
    pdf.grid(
        ["Kajian", "Tahap", "Jatuh tempo", "Ditindaklanjuti", "Tidak", "Belum"],
        rows,
        (34, 18, 12, 16, 10, 10),
        align=["L", "L", "R", "R", "R", "R"],
    )


def _clinics(pdf: Document, data: ReportData) -> None:
    pdf.heading("3. Klinik pembinaan")
    if not data.clinics:
        pdf.paragraph("Tidak ada klinik yang diselenggarakan dalam periode ini.")
        return
    pdf.grid(
        ["Klinik", "Tanggal", "Peserta", "Hadir", "Dites", "N-gain kelas", "Rata-rata N-gain"],
        [
            [
                c.title,
                tanggal(c.held_on),
                str(c.participants),
                str(c.attended),
                str(c.tested),
                labels.gain(c.class_gain),
                labels.gain(c.mean_gain),
            ]
            for c in data.clinics
        ],
        (36, 18, 9, 8, 8, 10, 11),
        align=["L", "L", "R", "R", "R", "R", "R"],
    )
    pdf.field("N-gain kelas gabungan", labels.gain(data.clinic_class_gain), label_width=50)


def _focal_points(pdf: Document, data: ReportData) -> None:
    pdf.heading("4. Focal point per kabupaten/kota")
    if not data.regencies:
        pdf.paragraph("Tidak ada focal point yang tercatat sampai akhir periode.")
        return
    rows = [
        [r.regency, str(r.active), str(r.invited), str(r.inactive), str(r.activated)]
        for r in data.regencies
    ]
    rows.append(
        [
            "Jumlah",
            *(
                str(sum(getattr(r, k) for r in data.regencies))
                for k in ("active", "invited", "inactive", "activated")
            ),
        ]
    )
    pdf.grid(
        ["Kabupaten/kota", "Aktif", "Diundang", "Nonaktif", "Diaktifkan dalam periode"],
        rows,
        (40, 12, 12, 12, 24),
    )


def _agreements(pdf: Document, data: ReportData) -> None:
    pdf.heading("5. Kerja sama (MoU dan PKS)")
    pdf.field("Mulai berlaku", str(data.agreements_activated), label_width=50)
    pdf.field(
        "Berakhir / diakhiri",
        f"{data.agreements_expired} / {data.agreements_terminated}",
        label_width=50,
    )
    if not data.agreements:
        pdf.paragraph("Tidak ada kerja sama yang berlaku pada akhir periode.")
        return
    pdf.grid(
        ["Jenis", "Nomor", "Judul", "Berlaku", "Berakhir"],
        [
            [
                a.kind.upper(),
                a.number or "-",
                a.title,
                tanggal(a.starts_on),
                tanggal(a.ends_on) + (" *" if a.expiring else ""),
            ]
            for a in data.agreements
        ],
        (8, 16, 38, 17, 21),
        align=["L", "L", "L", "L", "L"],
    )
    pdf.paragraph(f"* berakhir dalam {EXPIRING_WITHIN_DAYS} hari setelah akhir periode.", size=7.5)


def _height(pdf: Document, paragraphs: list[str], size: float) -> float:
    """How tall `paragraphs` print (as `Document.paragraph` does), in mm."""
    pdf.font(size)
    lines = sum(
        len(
            cast(
                list[str],
                pdf.multi_cell(0, size * 0.5, text, dry_run=True, output="LINES"),
            )
        )
        for text in paragraphs
    )
    return lines * size * 0.5


def render_pdf(data: ReportData) -> bytes:
    period, issuer = data.period, data.issuer
    title = f"Laporan {period.kind.capitalize()} Pencegahan Maladministrasi {period.title}"
    pdf = Document(title=title, issuer=issuer)
    pdf.title_block(f"LAPORAN {period.kind.upper()} PENCEGAHAN MALADMINISTRASI", period.title)
    pdf.paragraph(
        f"{issuer.name}. Disusun dari data APIK pada {tanggal(data.today)} untuk periode "
        f"{labels.span(period)}; cara menghitung setiap angka dijelaskan di akhir laporan."
    )
    pdf.heading("Ringkasan")
    for label, value in labels.summary(data)[1:]:
        pdf.field(label, value, label_width=80)
    _assessments(pdf, data)
    _studies(pdf, data)
    _clinics(pdf, data)
    _focal_points(pdf, data)
    _agreements(pdf, data)
    programmes.sections(pdf, data.programmes, period.year)
    # The notes go with the signature (about 50 mm with the heading's): never a signature
    # alone on a page. Measured, since the notes grow with the sections.
    notes = [f"{number}. {note}" for number, note in enumerate(labels.NOTES, start=1)]
    if pdf.will_page_break(_height(pdf, notes, NOTE_SIZE) + 60):
        pdf.add_page()
    pdf.heading("Catatan")
    for note in notes:
        pdf.paragraph(note, size=NOTE_SIZE)
    pdf.signature(data.today)
    return pdf.bytes()
