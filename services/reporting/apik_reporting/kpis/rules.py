"""What each indicator means, written once (pure: no FastAPI, no database).

The API, the exports and the annual report show these definitions verbatim. A year is
the office's calendar year, in the office's own zone (`read_model/service/projection.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic_core import PydanticCustomError

from apik_reporting.breakdowns.rules import Loss, loss_totals
from apik_shared.vocabulary.field_errors import invalid

Better = Literal["higher", "lower"]
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_TARGET = 999_999_999  # any count, duration or rating an office could set
# An amount of rupiah: up to what the targets column holds (Numeric(14, 2)).
MAX_IDR_TARGET = 999_999_999_999
# Public reports: a rapid-response report (RCO) is a public report on the fast track.
PUBLIC_REPORT_KINDS = ("LM", "RCO")
CONSULTATION_KIND = "KNL"


@dataclass(frozen=True)
class Indicator:
    code: str
    unit: Literal["count", "percent", "days", "minutes", "rating", "index", "idr"]
    definition: str
    # The annual report is in Bahasa Indonesia: its name and definition, kept beside
    # the English so that one change updates both.
    label: str = ""
    definisi: str = ""
    better: Better = "higher"
    # False while no event carries what it measures: the API shows 0 and says why.
    available: bool = True

    @property
    def additive(self) -> bool:
        """Counts and amounts add up across offices; averages and shares do not."""
        return self.unit in ("count", "idr")


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "knl_recorded",
        "count",
        "Consultations (KNL) answered and closed at intake: intake's consultation.recorded "
        "events, one per consultation. The year is that of registration (registered_at), "
        "when the consultation was received.",
        label="KNL tercatat",
        definisi=(
            "Konsultasi Non Laporan yang dijawab dan ditutup di PVL (peristiwa "
            "consultation.recorded); tahun menurut tanggal registrasi."
        ),
    ),
    Indicator(
        "lm_registered",
        "count",
        "Public reports registered: report.registered events of kind LM or RCO, one per "
        "report. The year is that of registration (registered_at).",
        label="LM teregistrasi",
        definisi=(
            "Laporan Masyarakat (jenis LM atau RCO) yang diregistrasi (report.registered); "
            "tahun menurut tanggal registrasi."
        ),
    ),
    Indicator(
        "reports_handed_over",
        "count",
        "Reports the plenary accepted and handed to examination (regular or rapid-response "
        "track): report.verified events, one per report. The year is that of the decision "
        "(verified_at).",
        label="Laporan diserahkan ke Pemeriksaan",
        definisi=(
            "Laporan yang diterima rapat pleno dan diserahkan ke Keasistenan Pemeriksaan "
            "(report.verified); tahun menurut tanggal putusan."
        ),
    ),
    Indicator(
        "reports_closed",
        "count",
        "Cases closed by examination: case.closed events, one per case. The year is that "
        "of the closure (closed_at); a case reopened and closed again counts once, in the "
        "year of its last closure, with its last outcome. An office's old records brought "
        "in by an import count in the year their old application closed them "
        "(report.imported closed_at).",
        label="Laporan selesai (ditutup)",
        definisi=(
            "Laporan yang ditutup oleh Pemeriksaan (case.closed); tahun menurut tanggal "
            "penutupan; laporan yang dibuka kembali dihitung sekali, pada penutupan "
            "terakhir; arsip lama yang diimpor dihitung pada tahun penutupannya di aplikasi "
            "lama (report.imported)."
        ),
    ),
    Indicator(
        "reports_in_process",
        "count",
        "Cases still open at the end of the year: opened (case.opened) on or before 31 "
        "December and not closed (case.closed) by then.",
        better="lower",
        label="Laporan dalam proses akhir tahun",
        definisi=(
            "Laporan yang dibuka Pemeriksaan sampai 31 Desember dan belum ditutup pada tanggal itu."
        ),
    ),
    Indicator(
        "closed_within_sla_pct",
        "percent",
        "Share of the cases closed in the year whose SLA clock was met at closure "
        "(case.closed durations.sla_state = met), in percent.",
        label="Selesai tepat waktu (%)",
        definisi=("Persentase laporan yang ditutup pada tahun itu dalam batas waktu SLA."),
    ),
    Indicator(
        "avg_working_days_to_close",
        "days",
        "Average working days from opening to closure (case.closed durations.working_days, "
        "in the office's calendar) of the cases closed in the year. Lower is better: the "
        "percentage is target / achieved.",
        better="lower",
        label="Rata-rata hari kerja penyelesaian",
        definisi=(
            "Rata-rata hari kerja sejak laporan dibuka sampai ditutup, bagi laporan yang "
            "ditutup pada tahun itu; makin kecil makin baik."
        ),
    ),
    Indicator(
        "desk_visits",
        "count",
        "Visits served at the consultation desk (AMER), rated or not: one per visit "
        "(visit.ended, or visit.completed when it comes first or alone). The year is that "
        "of the check-in (checked_in_at).",
        label="Kunjungan meja layanan",
        definisi=(
            "Kunjungan yang dilayani di meja konsultasi, dinilai atau tidak "
            "(visit.ended, visit.completed); tahun menurut tanggal kedatangan."
        ),
    ),
    Indicator(
        "desk_avg_duration_minutes",
        "minutes",
        "Average service duration, timed at the desk (visit.ended or visit.completed "
        "duration_seconds / 60), of the year's visits. Lower is better: the percentage is "
        "target / achieved.",
        better="lower",
        label="Rata-rata lama layanan (menit)",
        definisi=("Rata-rata lama layanan yang diukur di meja layanan; makin kecil makin baik."),
    ),
    Indicator(
        "desk_avg_rating",
        "rating",
        "Average rating the visitors gave, 1 (very bad) to 5 (very good), of the year's "
        "rated visits (visit.completed rating); visits left unrated are not in it.",
        label="Rata-rata penilaian layanan (1-5)",
        definisi=(
            "Rata-rata nilai yang diberikan pengunjung, 1 (sangat buruk) sampai 5 (sangat "
            "baik), dari kunjungan yang dinilai."
        ),
    ),
    Indicator(
        "ikm",
        "index",
        "Community satisfaction index (IKM) of the reporters whose cases examination "
        "closed: their answers to the satisfaction survey (case.surveyed, one per case), "
        "nine elements each rated 1 to 4. Per element the average of the year's answers "
        "(NRR); the index is 25 x the sum of the nine NRR / 9, rounded half-up to two "
        "decimals: A 88.31-100 very good, B 76.61-88.30 good, C 65.00-76.60 poor, "
        "D 25.00-64.99 not good. The year is that of the answer (answered_at); none "
        "without answers. Every office together is the index of all their answers.",
        label="Indeks Kepuasan Masyarakat (IKM)",
        definisi=(
            "Indeks kepuasan pelapor atas penanganan laporannya: jawaban survei kepuasan "
            "setelah laporan ditutup (case.surveyed), sembilan unsur bernilai 1 sampai 4. "
            "Per unsur dihitung nilai rata-rata (NRR) jawaban tahun itu; IKM = 25 x jumlah "
            "NRR sembilan unsur / 9, dibulatkan dua desimal: A 88,31-100 sangat baik, "
            "B 76,61-88,30 baik, C 65,00-76,60 kurang baik, D 25,00-64,99 tidak baik. "
            "Tahun menurut tanggal pengisian survei."
        ),
    ),
    Indicator(
        "public_loss_prevented_idr",
        "idr",
        "Public loss prevented (kerugian publik yang dicegah), in rupiah: the sum of "
        "case.closed public_loss.amount_idr of kind prevented, of the cases closed in the "
        "year (year of the last closure, whose loss counts). Cases and people affected, per "
        "substance and agency type: the public_loss breakdown.",
        label="Kerugian publik yang dicegah (Rp)",
        definisi=(
            "Jumlah kerugian publik yang dicegah (rupiah) yang dicatat Pemeriksaan saat "
            "laporan ditutup (case.closed public_loss, jenis prevented); tahun menurut "
            "tanggal penutupan terakhir."
        ),
    ),
    Indicator(
        "public_loss_recovered_idr",
        "idr",
        "Public loss recovered (kerugian publik yang dipulihkan), in rupiah: the sum of "
        "case.closed public_loss.amount_idr of kind recovered, of the cases closed in the "
        "year (year of the last closure, whose loss counts). Cases and people affected, per "
        "substance and agency type: the public_loss breakdown.",
        label="Kerugian publik yang dipulihkan (Rp)",
        definisi=(
            "Jumlah kerugian publik yang dipulihkan (rupiah) yang dicatat Pemeriksaan saat "
            "laporan ditutup (case.closed public_loss, jenis recovered); tahun menurut "
            "tanggal penutupan terakhir."
        ),
    ),
)
BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}
LOSS_INDICATORS = {
    "prevented": "public_loss_prevented_idr",
    "recovered": "public_loss_recovered_idr",
}


def loss_achievements(found: Iterable[Loss]) -> dict[str, int]:
    """The public loss indicators' values: each kind's amount, over everything found."""
    totals = loss_totals(found)
    return {code: totals[kind].idr for kind, code in LOSS_INDICATORS.items()}


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def rounded(value: Decimal | float | int | None, places: int = 2) -> float | None:
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def percent(achieved: float | None, target: float | None, better: Better) -> float | None:
    """Achievement against target in percent, one decimal; None without a target.

    Lower-is-better indicators invert the ratio, so beating the target is over 100 too.
    """
    if target is None or achieved is None:
        return None
    if better == "higher":
        return rounded(Decimal(str(achieved)) * 100 / Decimal(str(target)), 1) if target else None
    return rounded(Decimal(str(target)) * 100 / Decimal(str(achieved)), 1) if achieved else None


def target_problems(targets: dict[str, float]) -> list[tuple[str, PydanticCustomError]]:
    """(indicator code, why) for each unknown code or impossible value."""
    problems = []
    for code, value in targets.items():
        if (refusal := _target_refusal(code, value)) is not None:
            problems.append((code, refusal))
    return problems


def _target_refusal(code: str, value: float) -> PydanticCustomError | None:
    indicator = BY_CODE.get(code)
    if indicator is None:
        known = ", ".join(BY_CODE)
        return invalid("unknown_kpi", "Not an indicator; known: {known}.", known=known)
    if indicator.unit == "idr" and not 0 <= value <= MAX_IDR_TARGET:
        return invalid(
            "out_of_range", "An amount target is between 0 and {max}.", min=0, max=MAX_IDR_TARGET
        )
    if indicator.unit != "idr" and not 0 <= value <= MAX_TARGET:
        return invalid("out_of_range", "A target is between 0 and {max}.", min=0, max=MAX_TARGET)
    if indicator.unit in ("percent", "index") and value > 100:
        return invalid(
            "less_than_equal", "A {unit} target is at most 100.", unit=indicator.unit, le=100
        )
    if indicator.unit == "rating" and not 1 <= value <= 5:
        return invalid("out_of_range", "A rating target is between 1 and 5.", min=1, max=5)
    return None
