"""The rapor as a PDF (Bahasa Indonesia): the unit's score and result, the dimensions,
the weakest indicators, the change from last year and what to fix."""

from __future__ import annotations

from apik_prevention.assessments.rules import weakest
from apik_prevention.assessments.schemas import UnitType
from apik_prevention.rapor.rules import change, nilai
from apik_prevention.rapor.service import RaporData
from apik_shared.documents.pdf import Document

UNIT_TYPES = {
    UnitType.ministry: "Kementerian",
    UnitType.agency: "Lembaga",
    UnitType.province: "Pemerintah Provinsi",
    UnitType.regency: "Pemerintah Kabupaten",
    UnitType.city: "Pemerintah Kota",
    UnitType.land_office: "Kantor Pertanahan",
    UnitType.police_resort: "Kepolisian Resor",
    UnitType.village: "Pemerintah Desa",
    UnitType.other: "Lainnya",
}
STATUS = {
    "draft": "Draf (nilai sementara, belum dipublikasikan)",
    "plenary": "Pleno (nilai sementara, belum dipublikasikan)",
    "published": "Dipublikasikan",
}
ZONES = {"green": "Hijau", "yellow": "Kuning", "red": "Merah"}
UNCONFIRMED = "*"


def _mark(text: str, confirmed: bool) -> str:
    return text if confirmed else f"{text}{UNCONFIRMED}"


def render(data: RaporData, *, weakest_count: int) -> bytes:
    assessment, score, definition = data.assessment, data.score, data.definition
    pdf = Document(title=f"Rapor Penilaian {assessment.year}", issuer=data.issuer)
    pdf.title_block(
        "RAPOR PENILAIAN KEPATUHAN PENYELENGGARAAN PELAYANAN PUBLIK",
        f"Tahun {assessment.year}",
    )
    pdf.field("Unit layanan", assessment.unit_name)
    pdf.field("Jenis", UNIT_TYPES.get(UnitType(assessment.unit_type), assessment.unit_type))
    region = assessment.region + (f", {assessment.regency}" if assessment.regency else "")
    pdf.field("Wilayah", region)
    pdf.field("Skema", f"{definition.title} (versi {score.scheme_version})")
    pdf.field("Dasar hukum", definition.legal_basis.text)
    pdf.field("Status", STATUS.get(assessment.status, assessment.status))

    pdf.heading("Nilai dan hasil")
    pdf.field("Nilai", f"{nilai(score.total, score.decimals)} dari 100")
    result = score.result
    if result is None:
        pdf.field("Hasil", "Belum dapat ditetapkan: indikator belum lengkap")
        pdf.field("Belum dinilai", ", ".join(score.missing))
    else:
        pdf.field("Hasil", result.title)
        if result.zone:
            pdf.field("Zona", ZONES[result.zone.value])
    previous = data.previous
    if previous is None:
        pdf.field("Tahun sebelumnya", "Tidak ada penilaian yang dipublikasikan")
    else:
        said = change(score.total, previous.total, score.decimals)
        pdf.field(
            f"Tahun {previous.year}",
            f"{nilai(previous.total, score.decimals)} ({previous.label or '-'}); {said}",
        )

    pdf.heading("Nilai per dimensi")
    rows = [
        [
            _mark(d.name, d.confirmed),
            nilai(d.weight),
            nilai(d.score),
            nilai(d.contribution),
        ]
        for d in score.dimensions
    ]
    rows.append(["Jumlah", nilai(sum(d.weight for d in score.dimensions)), "", nilai(score.total)])
    pdf.grid(["Dimensi", "Bobot (%)", "Nilai (0-100)", "Sumbangan"], rows, (46, 18, 18, 18))

    lowest = weakest(score, weakest_count)
    pdf.heading("Indikator terlemah")
    if not lowest:
        pdf.paragraph("Semua indikator memperoleh nilai penuh.")
    else:
        pdf.grid(
            ["Kode", "Indikator", "Nilai", "Poin hilang"],
            [
                [i.code, _mark(i.text, i.confirmed), nilai(i.score or 0), nilai(i.lost)]
                for i in lowest
            ],
            (10, 62, 12, 16),
            align=["L", "L", "R", "R"],
        )
        pdf.heading("Yang perlu diperbaiki")
        for number, indicator in enumerate(lowest, start=1):
            advice = indicator.advice or indicator.text
            pdf.paragraph(f"{number}. {advice} ({indicator.code})")
    pdf.ln(2)
    # The note goes with the signature (about 45 mm): never a signature alone on a page.
    if pdf.will_page_break(60):
        pdf.add_page()
    pdf.paragraph(
        "Nilai dihitung dari jawaban yang telah divalidasi: nilai indikator adalah rata-rata "
        "jawaban pada skalanya (0-100), sumbangannya sebanding dengan bobot dimensi, "
        "variabel, dan indikator. Tanda * menandai unsur skema yang belum terkonfirmasi "
        "sumber resmi.",
        size=7.5,
        style="I",
    )
    pdf.signature(data.today)
    return pdf.bytes()
