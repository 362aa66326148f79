"""The annual performance report (PDF, Bahasa Indonesia), like an office's press release.

Built from the same numbers the API returns (targets, achievements, breakdowns) and the
Indonesian definitions kept beside the English ones in `kpis/rules.py`, on the shared
document kit: the office's letterhead, its head's signature, page numbers, embedded
fonts, codes by their Indonesian names (`apik_shared.vocabulary.labels`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from apik_reporting.annual_report.views.prevention import definitions, prevention_section
from apik_reporting.breakdowns.rules import LOSS_KINDS, MONTH_COLUMNS, Dimension
from apik_reporting.exports.schemas import Cell
from apik_reporting.kpis.rules import BY_CODE, rounded
from apik_reporting.kpis.schemas import KpiItem
from apik_reporting.prevention.schemas import PreventionKpis
from apik_shared.documents.issuer import NATIONAL, Issuer
from apik_shared.documents.pdf import Document
from apik_shared.vocabulary.ikm import ELEMENTS, LABELS_ID, MUTU, Ikm
from apik_shared.vocabulary.indonesian import MONTHS, angka, tanggal
from apik_shared.vocabulary.labels import (
    AGENCY_TYPES,
    CHANNELS,
    OUTCOMES,
    SUBSTANCES,
    Label,
    label,
)

SECTIONS: tuple[tuple[Dimension, str, str], ...] = (
    (Dimension.substance, "Laporan yang diserahkan ke Pemeriksaan per substansi", "Substansi"),
    (Dimension.outcome, "Hasil penyelesaian laporan yang ditutup", "Hasil"),
    (Dimension.channel, "Laporan dan konsultasi teregistrasi per saluran", "Saluran"),
    (Dimension.agency_type, "Laporan per jenis instansi terlapor", "Jenis instansi"),
)
LABELS: Mapping[Dimension, Mapping[str, Label]] = {
    Dimension.substance: SUBSTANCES,
    Dimension.outcome: OUTCOMES,
    Dimension.channel: CHANNELS,
    Dimension.agency_type: AGENCY_TYPES,
}
MONTH_LABELS = {
    "lm_registered": "LM",
    "knl_recorded": "KNL",
    "reports_handed_over": "Diserahkan",
    "reports_closed": "Ditutup",
    "desk_visits": "Kunjungan",
}
LOSS_LABELS = {"prevented": "Dicegah", "recovered": "Dipulihkan"}


@dataclass(frozen=True)
class AnnualData:
    year: int
    office: str | None
    kpis: Sequence[KpiItem]
    breakdowns: Mapping[Dimension, Sequence[Mapping[str, Cell]]]
    generated_on: date  # in the issuer's zone (WIB for the national edition)
    ikm: Ikm | None = None  # the year's survey answers, per element (`ikm` is its index)
    issuer: Issuer = NATIONAL  # the office as the registry knows it
    prevention: PreventionKpis | None = None  # what `GET /prevention` answers


def annual_report(data: AnnualData) -> bytes:
    issuer = data.issuer
    title = f"Laporan Kinerja Tahunan {data.year}"
    pdf = Document(title=title, issuer=issuer)
    pdf.title_block(title.upper(), issuer.name)
    pdf.paragraph(
        f"{issuer.name}. Disusun dari data APIK pada {tanggal(data.generated_on)}: setiap "
        "angka dihitung dari peristiwa yang dicatat layanan, menurut definisi di akhir "
        "laporan."
    )
    pdf.heading("1. Capaian kinerja terhadap target")
    rows = [
        [BY_CODE[k.indicator].label, angka(k.target), angka(k.achieved), _pct(k.percent)]
        for k in data.kpis
    ]
    pdf.grid(["Indikator", "Target", "Capaian", "Persentase"], rows, [90, 30, 30, 30])
    pdf.ln(3)
    pdf.bars(
        "Persentase capaian terhadap target (garis merah: 100%)",
        [(BY_CODE[k.indicator].label, k.percent) for k in data.kpis if k.percent is not None],
        mark=100.0,
    )
    _ikm(pdf, data.ikm)
    for number, (dimension, heading, column) in enumerate(SECTIONS, start=3):
        items = data.breakdowns.get(dimension, [])
        pdf.heading(f"{number}. {heading}")
        labelled = [(_label(dimension, row), float(_count(row))) for row in items]
        if not labelled:
            pdf.paragraph("Tidak ada data pada tahun ini.")
            continue
        pdf.grid([column, "Jumlah"], [[n, angka(int(v))] for n, v in labelled], [150, 30])
        if dimension is Dimension.outcome:
            pdf.ln(2)
            pdf.bars("Hasil penyelesaian", labelled)
    pdf.heading(f"{len(SECTIONS) + 3}. Per bulan")
    months = data.breakdowns.get(Dimension.month, [])
    header = ["Bulan", *(MONTH_LABELS[c] for c in MONTH_COLUMNS)]
    pdf.grid(
        header,
        [[MONTHS[i], *(angka(m.get(c)) for c in MONTH_COLUMNS)] for i, m in enumerate(months)],
        [30, *([30.0] * len(MONTH_COLUMNS))],
    )
    _public_loss(pdf, len(SECTIONS) + 4, data)
    prevention_section(pdf, len(SECTIONS) + 5, data.prevention)
    pdf.heading("Definisi indikator")
    for k in data.kpis:
        indicator = BY_CODE[k.indicator]
        pdf.font(9, "B")
        pdf.cell(0, 5, indicator.label, new_x="LMARGIN", new_y="NEXT")
        pdf.paragraph(indicator.definisi, size=8.5)
    if data.prevention is not None:
        definitions(pdf)
    pdf.signature(data.generated_on)
    return pdf.bytes()


def _ikm(pdf: Document, ikm: Ikm | None) -> None:
    """The index with its grade and the average (NRR) of each of the nine elements."""
    pdf.heading("2. Indeks Kepuasan Masyarakat (IKM)")
    if ikm is None:
        pdf.paragraph("Belum ada survei kepuasan yang diisi pelapor pada tahun ini.")
        return
    index, responses = angka(rounded(ikm.index)), angka(ikm.responses)
    pdf.paragraph(
        f"IKM {index} dari {responses} responden: mutu pelayanan {ikm.grade} "
        f"({MUTU[ikm.grade].lower()})."
    )
    pdf.paragraph("Nilai rata-rata (NRR) per unsur pelayanan, skala 1 sampai 4:")
    rows = [[LABELS_ID[e], angka(rounded(float(ikm.nrr[e])))] for e in ELEMENTS]
    pdf.grid(["Unsur pelayanan", "NRR"], rows, [150, 30])


def loss_lines(rows: Sequence[Mapping[str, Cell]], *, offices: bool) -> list[list[str]]:
    """The public loss table's lines: per row of the breakdown (office when `offices`,
    substance, agency type) one line per kind it recorded, then each kind's total."""
    keys = ("office", "substance", "agency_type") if offices else ("substance", "agency_type")
    lines: list[list[str]] = []
    totals = {kind: [0, 0, 0] for kind in LOSS_KINDS}
    names = {"substance": SUBSTANCES, "agency_type": AGENCY_TYPES}
    for row in rows:
        where = " / ".join(_named(row.get(key), names.get(key)) for key in keys)
        for kind in LOSS_KINDS:
            sums = [_number(row.get(f"{kind}_{m}")) for m in ("cases", "people", "idr")]
            if sums[0]:
                totals[kind] = [a + b for a, b in zip(totals[kind], sums, strict=True)]
                lines.append([where, LOSS_LABELS[kind], *(angka(n) for n in sums)])
    for kind, sums in totals.items():
        lines.append(["Jumlah", LOSS_LABELS[kind], *(angka(n) for n in sums)])
    return lines


def _public_loss(pdf: Document, number: int, data: AnnualData) -> None:
    pdf.heading(f"{number}. Kerugian publik yang dicegah dan dipulihkan")
    pdf.paragraph(
        "Dicatat Pemeriksaan saat laporan ditutup, menurut tahun penutupan; per "
        + ("kantor, " if data.office is None else "")
        + "substansi dan jenis instansi terlapor."
    )
    national = data.office is None
    where = "Kantor / substansi / jenis instansi" if national else "Substansi / jenis instansi"
    rows = loss_lines(data.breakdowns.get(Dimension.public_loss, []), offices=national)
    header = [where, "Kerugian publik", "Laporan", "Orang", "Rupiah"]
    pdf.grid(header, rows, [80, 30, 18, 18, 34])


def _named(value: Cell, names: Mapping[str, Label] | None = None) -> str:
    """A code by its Indonesian name (`labels`); an office by its code."""
    text = None if value is None else str(value)
    return label(names, text) if names is not None else text or label({}, None)


def _number(value: Cell) -> int:
    return value if isinstance(value, int) else 0


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{angka(value)}%"


def _label(dimension: Dimension, row: Mapping[str, Cell]) -> str:
    code = row.get(dimension.value)
    return label(LABELS[dimension], None if code is None else str(code))


def _count(row: Mapping[str, Cell]) -> int:
    value = row.get("count")
    return value if isinstance(value, int) else 0
