"""The annual performance report (PDF, Bahasa Indonesia), like an office's press release.

Built from the same numbers the API returns (targets, achievements, breakdowns) and the
Indonesian definitions kept beside the English ones in `kpis/rules.py`. fpdf2's built-in
Helvetica covers Latin-1, which holds Indonesian; anything outside it prints as `?`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from apik_reporting.breakdowns.rules import LOSS_KINDS, MONTH_COLUMNS, Dimension
from apik_reporting.exports.schemas import Cell
from apik_reporting.kpis.rules import BY_CODE, rounded
from apik_reporting.kpis.schemas import KpiItem
from apik_shared.vocabulary.ikm import ELEMENTS, LABELS_ID, MUTU, Ikm
from apik_shared.vocabulary.indonesian import MONTHS as MONTHS_ID

MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
BULAN = MONTHS_ID
OUTCOMES = {
    "resolved_by_agency": "Maladministrasi ditemukan, diselesaikan instansi terlapor",
    "conciliation": "Selesai melalui konsiliasi atau mediasi",
    "no_maladministration": "Tidak ditemukan maladministrasi",
    "in_court": "Masuk objek pemeriksaan pengadilan",
    "withdrawn": "Dicabut pelapor",
    "not_authority": "Bukan kewenangan",
    "no_data": "Pelapor tidak melengkapi data",
    "recommendation": "Rekomendasi",
    "unspecified": "Tidak disebutkan",
}
SECTIONS: tuple[tuple[Dimension, str, str], ...] = (
    (Dimension.substance, "Laporan yang diserahkan ke Pemeriksaan per substansi", "Substansi"),
    (Dimension.outcome, "Hasil penyelesaian laporan yang ditutup", "Hasil"),
    (Dimension.channel, "Laporan dan konsultasi teregistrasi per saluran", "Saluran"),
    (Dimension.agency_type, "Laporan per jenis instansi terlapor", "Jenis instansi"),
)
MONTH_LABELS = {
    "lm_registered": "LM",
    "knl_recorded": "KNL",
    "reports_handed_over": "Diserahkan",
    "reports_closed": "Ditutup",
    "desk_visits": "Kunjungan",
}
LOSS_LABELS = {"prevented": "Dicegah", "recovered": "Dipulihkan"}
BAR = (31, 119, 180)
WIDTH = 180.0  # A4 less 15 mm margins


@dataclass(frozen=True)
class AnnualData:
    year: int
    office: str | None
    kpis: Sequence[KpiItem]
    breakdowns: Mapping[Dimension, Sequence[Mapping[str, Cell]]]
    generated_on: date
    ikm: Ikm | None = None  # the year's survey answers, per element (`ikm` is its index)


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def angka(value: Cell) -> str:
    """A number as written in Indonesian: 1.234 and 107,1; nothing as a dash."""
    if value is None:
        return "-"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".").translate({44: 46, 46: 44})
    return str(value)


def tanggal(day: date) -> str:
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


class _Report(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.set_title(title)
        self.set_creator("APIK")
        self.set_lang("id")
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=15)
        self.add_page()

    def heading(self, text: str, size: int = 12) -> None:
        if self.get_y() > 250:
            self.add_page()
        self.ln(3)
        self.set_font("Helvetica", "B", size)
        self.cell(0, 8, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text: str, size: float = 9) -> None:
        self.set_font("Helvetica", "", size)
        self.multi_cell(0, 4.5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def grid(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        self.set_font("Helvetica", "B", 8.5)
        self.set_fill_color(230, 236, 245)
        for text, width in zip(header, widths, strict=True):
            self.cell(width, 6, _latin1(text), border=1, fill=True)
        self.ln()
        self.set_font("Helvetica", "", 8.5)
        for row in rows:
            if self.get_y() > 270:
                self.add_page()
            for i, (text, width) in enumerate(zip(row, widths, strict=True)):
                self.cell(width, 5.5, _latin1(text), border=1, align="L" if i == 0 else "R")
            self.ln()

    def bars(
        self, title: str, bars: Sequence[tuple[str, float]], *, mark: float | None = None
    ) -> None:
        """A horizontal bar chart; `mark` draws a reference line (100 % of target)."""
        if not bars:
            return
        if self.get_y() + 10 + 6 * len(bars) > 280:
            self.add_page()
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 6, _latin1(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        label_width, area = 60.0, WIDTH - 80.0
        top = max([v for _, v in bars] + [mark or 0]) or 1
        self.set_font("Helvetica", "", 8)
        y0 = self.get_y()
        for i, (label, value) in enumerate(bars):
            y = y0 + i * 6
            self.set_xy(self.l_margin, y)
            self.cell(label_width, 5, _latin1(label[:40]))
            self.set_fill_color(*BAR)
            self.rect(self.l_margin + label_width, y + 0.8, area * value / top, 3.6, style="F")
            self.set_xy(self.l_margin + label_width + area * value / top + 1, y)
            self.cell(20, 5, angka(value))
        if mark is not None:
            x = self.l_margin + label_width + area * mark / top
            self.set_draw_color(200, 40, 40)
            self.line(x, y0, x, y0 + 6 * len(bars))
            self.set_draw_color(0, 0, 0)
        self.set_xy(self.l_margin, y0 + 6 * len(bars) + 2)


def annual_report(data: AnnualData) -> bytes:
    where = f"Kantor {data.office}" if data.office else "Nasional (seluruh kantor)"
    title = f"Laporan Kinerja Tahunan {data.year}"
    pdf = _Report(f"{title} - {where}")
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, _latin1(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.paragraph(
        f"{where}. Disusun dari data APIK pada {tanggal(data.generated_on)}: setiap angka "
        "dihitung dari peristiwa yang dicatat layanan, menurut definisi di akhir laporan."
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
    pdf.heading("Definisi indikator")
    for k in data.kpis:
        indicator = BY_CODE[k.indicator]
        pdf.set_font("Helvetica", "B", 9)
        pdf.cell(0, 5, _latin1(indicator.label), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.paragraph(indicator.definisi, size=8.5)
    return bytes(pdf.output())


def _ikm(pdf: _Report, ikm: Ikm | None) -> None:
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
    for row in rows:
        where = " / ".join(_named(row.get(key)) for key in keys)
        for kind in LOSS_KINDS:
            sums = [_number(row.get(f"{kind}_{m}")) for m in ("cases", "people", "idr")]
            if sums[0]:
                totals[kind] = [a + b for a, b in zip(totals[kind], sums, strict=True)]
                lines.append([where, LOSS_LABELS[kind], *(angka(n) for n in sums)])
    for kind, sums in totals.items():
        lines.append(["Jumlah", LOSS_LABELS[kind], *(angka(n) for n in sums)])
    return lines


def _public_loss(pdf: _Report, number: int, data: AnnualData) -> None:
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


def _named(value: Cell) -> str:
    text = str(value or "unspecified")
    return "tidak disebutkan" if text == "unspecified" else text.replace("_", " ")


def _number(value: Cell) -> int:
    return value if isinstance(value, int) else 0


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{angka(value)}%"


def _label(dimension: Dimension, row: Mapping[str, Cell]) -> str:
    key = str(row.get(dimension.value) or "unspecified")
    if dimension is Dimension.outcome:
        return OUTCOMES.get(key, key)
    return "Tidak disebutkan" if key == "unspecified" else key.replace("_", " ")


def _count(row: Mapping[str, Cell]) -> int:
    value = row.get("count")
    return value if isinstance(value, int) else 0
