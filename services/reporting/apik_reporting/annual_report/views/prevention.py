"""The annual report's prevention section: the same figures `GET /prevention` answers
(assessments, suggestions, clinics, focal points, agreements), in Bahasa Indonesia, with
their definitions. Counts, published results and regencies only, never a person."""

from __future__ import annotations

from typing import cast

from apik_reporting.prevention.rules import DEFINITIONS_ID
from apik_reporting.prevention.schemas import PreventionKpis
from apik_shared.documents.pdf import Document
from apik_shared.vocabulary.indonesian import angka

GAIN_CATEGORIES = {
    "high": "Tinggi",
    "medium": "Sedang",
    "low": "Rendah",
    "undefined": "Tidak terdefinisi",
}
KINDS = {"mou": "Nota Kesepahaman (MoU)", "pks": "Perjanjian Kerja Sama (PKS)"}
TOPICS = {
    "assessments": "Penilaian kepatuhan",
    "suggestions": "Saran perbaikan",
    "clinics": "Klinik pembinaan",
    "focal_points": "Focal point",
    "agreements": "Kerja sama",
}
LABEL_WIDTH = 85


def _share(value: float | None) -> str:
    """A 0..1 share as a percentage, one decimal."""
    return "-" if value is None else f"{angka(round(100 * value, 1))}%"


def _gain(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}".replace(".", ",")


def summary(k: PreventionKpis) -> list[tuple[str, str]]:
    """The section's lines (label, value)."""
    a, s, c, f, g = k.assessments, k.suggestions, k.clinics, k.focal_points, k.agreements
    categories = ", ".join(
        f"{name} {c.class_gain_categories.get(code, 0)}" for code, name in GAIN_CATEGORIES.items()
    )
    return [
        ("Penilaian kepatuhan dipublikasikan", angka(a.published)),
        ("Rata-rata nilai penilaian", "-" if a.average_total is None else angka(a.average_total)),
        ("Saran perbaikan ditindaklanjuti", angka(s.followed_up)),
        ("Melewati batas waktu (tepat waktu)", f"{angka(s.late)} ({_share(s.on_time_rate)})"),
        ("Klinik pembinaan diselesaikan", angka(c.completed)),
        (
            "Peserta terdaftar / hadir / dites",
            f"{angka(c.participants)} / {angka(c.attended)} / {angka(c.tested)}",
        ),
        ("Rata-rata N-gain kelas", _gain(c.class_gain_mean)),
        ("Klinik per kategori N-gain kelas", categories),
        ("Focal point diaktifkan (diaktifkan kembali)", f"{f.activated} ({f.reactivated})"),
        ("Penonaktifan focal point", angka(f.deactivated)),
        ("Focal point aktif pada 31 Desember", angka(f.active_at_year_end)),
        ("Kerja sama mulai berlaku", angka(g.activated)),
        ("Kerja sama berlaku pada 31 Desember", angka(g.in_force_at_year_end)),
        ("Kerja sama berakhir / diakhiri", f"{angka(g.expired)} / {angka(g.terminated)}"),
    ]


def prevention_section(pdf: Document, number: int, kpis: PreventionKpis | None) -> None:
    pdf.heading(f"{number}. Pencegahan maladministrasi")
    if kpis is None:
        pdf.paragraph("Data pencegahan tidak tersedia.")
        return
    for label, value in summary(kpis):
        pdf.field(label, value, label_width=LABEL_WIDTH)
    if kpis.assessments.results:
        pdf.ln(2)
        pdf.grid(
            ["Hasil penilaian yang dipublikasikan", "Jumlah"],
            [[r.label or "-", angka(r.count)] for r in kpis.assessments.results],
            [150, 30],
        )
    if kpis.focal_points.regencies:
        pdf.ln(2)
        pdf.grid(
            ["Kabupaten/kota", "Focal point diaktifkan", "Aktif pada 31 Desember"],
            [
                [r.regency or "-", angka(r.activated), angka(r.active_at_year_end)]
                for r in kpis.focal_points.regencies
            ],
            [90, 45, 45],
        )
    if kpis.agreements.kinds:
        pdf.ln(2)
        pdf.grid(
            ["Jenis kerja sama", "Mulai", "Berlaku", "31 Des", "Berakhir", "Diakhiri"],
            [
                [
                    KINDS.get(k.kind or "", k.kind or "-"),
                    *(
                        angka(n)
                        for n in (
                            k.activated,
                            k.in_force_during_year,
                            k.in_force_at_year_end,
                            k.expired,
                            k.terminated,
                        )
                    ),
                ]
                for k in kpis.agreements.kinds
            ],
            [60, 24, 24, 24, 24, 24],
        )


def definitions(pdf: Document) -> None:
    """The prevention figures' definitions, after the indicators', the last one kept with
    the signature that follows (about 50 mm): never a signature alone on a page."""
    last = list(DEFINITIONS_ID)[-1]
    for key, text in DEFINITIONS_ID.items():
        if key == last:
            pdf.font(8.5)
            lines = pdf.multi_cell(0, 8.5 * 0.5, text, dry_run=True, output="LINES")
            if pdf.will_page_break(5 + len(cast(list[str], lines)) * 8.5 * 0.5 + 55):
                pdf.add_page()
        pdf.font(9, "B")
        pdf.cell(0, 5, f"Pencegahan: {TOPICS.get(key, key)}", new_x="LMARGIN", new_y="NEXT")
        pdf.paragraph(text, size=8.5)
