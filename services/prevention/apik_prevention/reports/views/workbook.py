"""The prevention report as an XLSX workbook: a sheet per section, numbers as numbers
(dates as dates), so the office can sum and filter them."""

from __future__ import annotations

from apik_prevention.assessments.schemas import UnitType
from apik_prevention.reports.rules import EXPIRING_WITHIN_DAYS
from apik_prevention.reports.service import ReportData
from apik_prevention.reports.views import labels, programmes
from apik_shared.documents.spreadsheet import Sheet, workbook_of


def _unit_type(code: str) -> str:
    try:
        return labels.UNIT_TYPE_NAMES[UnitType(code)]
    except ValueError:
        return code


def render_xlsx(data: ReportData) -> bytes:
    summary = Sheet(
        "Ringkasan",
        ["Uraian", "Nilai"],
        [
            ["Kantor", data.issuer.name],
            ["Laporan", f"Pencegahan Maladministrasi {data.period.title}"],
            *([label, value] for label, value in labels.summary(data)),
            ["Disusun", data.today],
            *(["Catatan", note] for note in labels.NOTES),
        ],
    )
    assessments = Sheet(
        "Penilaian",
        [
            "Unit layanan",
            "Jenis",
            "Wilayah",
            "Tahun penilaian",
            "Nilai",
            "Hasil",
            "Tanggal publikasi",
        ],
        [
            [
                a.unit_name,
                _unit_type(a.unit_type),
                a.region,
                a.year,
                a.total,
                a.label,
                a.published_on,
            ]
            for a in data.assessments
        ],
    )
    results = Sheet("Sebaran hasil", ["Hasil", "Jumlah"], [[k, n] for k, n in data.results])
    studies = Sheet(
        "Saran perbaikan",
        ["Kajian", "Tahap", "Jatuh tempo", "Ditindaklanjuti", "Tidak ditindaklanjuti", "Belum"],
        [
            [
                s.title,
                labels.STAGES.get(s.stage, s.stage),
                s.due,
                s.followed_up,
                s.not_followed_up,
                s.open,
            ]
            for s in data.studies
        ],
    )
    clinics = Sheet(
        "Klinik",
        [
            "Klinik",
            "Tanggal",
            "Tempat",
            "Peserta",
            "Hadir",
            "Dites",
            "N-gain kelas",
            "Rata-rata N-gain individu",
        ],
        [
            [
                c.title,
                c.held_on,
                c.place,
                c.participants,
                c.attended,
                c.tested,
                c.class_gain,
                c.mean_gain,
            ]
            for c in data.clinics
        ],
    )
    focal = Sheet(
        "Focal point",
        ["Kabupaten/kota", "Aktif", "Diundang", "Nonaktif", "Diaktifkan dalam periode"],
        [[r.regency, r.active, r.invited, r.inactive, r.activated] for r in data.regencies],
    )
    agreements = Sheet(
        "Kerja sama",
        [
            "Jenis",
            "Nomor",
            "Judul",
            "Mulai berlaku",
            "Berakhir",
            f"Berakhir dalam {EXPIRING_WITHIN_DAYS} hari",
        ],
        [
            [
                labels.KINDS.get(a.kind, a.kind),
                a.number,
                a.title,
                a.starts_on,
                a.ends_on,
                "Ya" if a.expiring else "Tidak",
            ]
            for a in data.agreements
        ],
    )
    core = [summary, assessments, results, studies, clinics, focal, agreements]
    return workbook_of([*core, *programmes.sheets(data.programmes)])
