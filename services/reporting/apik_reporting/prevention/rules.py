"""Pure rules of the prevention KPIs: shares, the clinics' gain categories and what each
figure means (English and Bahasa Indonesia, every key in both)."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from apik_shared.vocabulary.ngain import GainCategory, category

DEFINITIONS = {
    "assessments": (
        "assessment.published, in the year of publication (published_at, office's zone): "
        "how many, their average score, and how many per result (label, zone, grade) and "
        "per region"
    ),
    "suggestions": (
        "suggestion.followed_up, in the year it was followed up (followed_up_on): how many, "
        "how many after their due date, and the share on time"
    ),
    "clinics": (
        "clinic.completed, in the year the clinic was held (held_on): clinics, participants "
        "registered, attended, tested; the mean of the clinics' class gains (Hake) and of "
        "their mean individual gains, clinics without a defined gain left out; the clinics "
        "per class-gain category (high >= 0.7, medium >= 0.3, low, undefined)"
    ),
    "focal_points": (
        "focal_point.activated / .deactivated: focal points activated in the year (each "
        "once, however often), of which reactivated, deactivations in the year, and per "
        "regency those activated and those active on 31 December (their last change by "
        "then an activation)"
    ),
    "agreements": (
        "agreement.activated / .ended: agreements that came into force in the year, in "
        "force at some time in it, in force on 31 December, expired and terminated in it; "
        "per kind (MoU, PKS)"
    ),
}
DEFINITIONS_ID = {
    "assessments": (
        "Penilaian kepatuhan yang dipublikasikan (assessment.published) pada tahun itu "
        "menurut tanggal publikasi di zona waktu kantor: jumlah, rata-rata nilai, jumlah per "
        "hasil (predikat, zona, kategori) dan per wilayah"
    ),
    "suggestions": (
        "Saran perbaikan yang ditindaklanjuti (suggestion.followed_up) pada tahun itu: "
        "jumlah, yang melewati batas waktu, dan persentase tepat waktu"
    ),
    "clinics": (
        "Klinik pembinaan yang diselesaikan (clinic.completed) menurut tanggal "
        "penyelenggaraan: jumlah klinik, peserta terdaftar, hadir, mengikuti kedua tes; "
        "rata-rata N-gain kelas (Hake) dan rata-rata N-gain individu, klinik tanpa N-gain "
        "tidak dihitung; jumlah klinik per kategori N-gain kelas (tinggi >= 0,7, sedang "
        ">= 0,3, rendah, tidak terdefinisi)"
    ),
    "focal_points": (
        "Focal point yang diaktifkan pada tahun itu (masing-masing sekali), di antaranya "
        "yang diaktifkan kembali, penonaktifan pada tahun itu, dan per kabupaten/kota yang "
        "diaktifkan serta yang aktif pada 31 Desember"
    ),
    "agreements": (
        "Nota kesepahaman (MoU) dan perjanjian kerja sama (PKS): yang mulai berlaku pada "
        "tahun itu, yang berlaku pada suatu waktu di tahun itu, yang berlaku pada 31 "
        "Desember, yang berakhir dan yang diakhiri lebih awal pada tahun itu; per jenis"
    ),
}


def share(part: int, whole: int) -> float | None:
    """part / whole, 0..1 rounded to four places; None when whole is 0."""
    return round(part / whole, 4) if whole else None


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the defined values, three decimals; None without any."""
    defined = [v for v in values if v is not None]
    return round(sum(defined) / len(defined), 3) if defined else None


def gain_categories(gains: Iterable[float | None]) -> dict[str, int]:
    """How many clinics fall in each class-gain category (every category, zeros too). The
    events carry gains rounded to three decimals, exact enough for the edges 0.3 and 0.7."""
    counts = dict.fromkeys((c.value for c in GainCategory), 0)
    for gain in gains:
        exact = None if gain is None else Fraction(str(gain))
        counts[category(exact).value] += 1
    return counts
