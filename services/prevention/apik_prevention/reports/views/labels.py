"""The Indonesian words both renderings of a report use, and its notes on what counts."""

from __future__ import annotations

from apik_prevention.rapor.rules import nilai
from apik_prevention.rapor.views import UNIT_TYPES
from apik_prevention.reports.rules import EXPIRING_WITHIN_DAYS, Period
from apik_prevention.reports.service import ReportData
from apik_prevention.reports.views import programmes
from apik_shared.vocabulary.indonesian import tanggal

# Also what the views print for a unit's type (the rapor's words).
UNIT_TYPE_NAMES = UNIT_TYPES

STAGES = {
    "topic": "Usulan topik",
    "proposal": "Proposal (KAK)",
    "fieldwork": "Pengumpulan data",
    "drafting": "Penyusunan laporan",
    "review": "Reviu",
    "published": "Dipublikasikan",
}
KINDS = {"mou": "Nota Kesepahaman (MoU)", "pks": "Perjanjian Kerja Sama (PKS)"}
NOTES = (
    "Penilaian kepatuhan: yang dipublikasikan dalam periode (tanggal publikasi menurut zona "
    "waktu kantor), dengan nilai dan hasil sebagaimana dipublikasikan.",
    "Saran perbaikan: yang batas waktunya jatuh dalam periode, dengan keadaannya saat laporan "
    "dibuat; tingkat tindak lanjut = ditindaklanjuti / jatuh tempo.",
    "Klinik pembinaan: yang diselenggarakan dalam periode dan telah diselesaikan. N-gain "
    "kelas (Hake) = (%post - %pre) / (100 - %pre) dari rata-rata peserta yang mengikuti "
    "kedua tes; tinggi >= 0,7, sedang >= 0,3, rendah < 0,3.",
    "Focal point: keadaan pada akhir periode (perubahan status terakhir sampai tanggal itu) "
    "per kabupaten/kota, dan yang diaktifkan dalam periode.",
    "Kerja sama: yang berlaku pada akhir periode; ditandai akan berakhir bila berakhir dalam "
    f"{EXPIRING_WITHIN_DAYS} hari sesudahnya.",
    "Publikasi: berita, opini dan siaran pers yang terbit dalam periode (tanggal terbit "
    "menurut zona waktu kantor).",
    "Media sosial: unggahan bertanggal dalam periode, dengan angka jangkauan, tayangan dan "
    "interaksi sebagaimana terakhir dicatat atau diimpor.",
    "Inovasi: yang tercatat dengan tahun mulai sampai tahun periode, menurut keadaannya saat "
    "laporan dibuat; tabel memuat yang dimulai dalam periode.",
    "Desa anti maladministrasi: desa yang diusulkan untuk tahun periode menurut tahapnya saat "
    "laporan dibuat; tabel memuat desa yang ditetapkan dengan keputusan kepala dalam periode.",
    "Sahabat Ombudsman: jumlah saja, tanpa nama; anggota aktif = dikukuhkan sampai akhir "
    "periode dan berstatus aktif saat laporan dibuat; peserta pelatihan = anggota per "
    "pelatihan yang diselenggarakan dalam periode.",
)


def span(period: Period) -> str:
    return f"{tanggal(period.first)} s.d. {tanggal(period.last)}"


def gain(value: float | None) -> str:
    return "-" if value is None else nilai(value, 3)


def percent(value: float | None) -> str:
    return "-" if value is None else f"{nilai(value, 1)}%"


def summary(data: ReportData) -> list[tuple[str, str]]:
    """The summary's lines (label, value), the same in the PDF and the workbook."""
    due, done = data.suggestions_due, data.suggestions_followed_up
    rate = round(100 * done / due, 1) if due else None
    expiring = sum(1 for a in data.agreements if a.expiring)
    return [
        ("Periode", span(data.period)),
        ("Penilaian kepatuhan dipublikasikan", str(len(data.assessments))),
        ("Saran perbaikan jatuh tempo", str(due)),
        ("Saran ditindaklanjuti", f"{done} ({percent(rate)})"),
        ("Klinik pembinaan", str(len(data.clinics))),
        (
            "Peserta klinik (hadir)",
            f"{sum(c.participants for c in data.clinics)} "
            f"({sum(c.attended for c in data.clinics)})",
        ),
        ("N-gain kelas gabungan", gain(data.clinic_class_gain)),
        ("Focal point aktif (akhir periode)", str(sum(r.active for r in data.regencies))),
        ("Focal point diaktifkan", str(sum(r.activated for r in data.regencies))),
        ("Kerja sama berlaku (akhir periode)", str(len(data.agreements))),
        (f"Berakhir dalam {EXPIRING_WITHIN_DAYS} hari", str(expiring)),
        ("Kerja sama mulai berlaku", str(data.agreements_activated)),
        (
            "Kerja sama berakhir / diakhiri",
            f"{data.agreements_expired} / {data.agreements_terminated}",
        ),
        *programmes.summary(data.programmes),
    ]
