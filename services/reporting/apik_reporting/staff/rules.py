"""What the staff activity and the national roll-up mean, written once (pure: no FastAPI,
no database). The API and the exports show these definitions verbatim, in English (the
precise one naming the events) and in Bahasa Indonesia (`*_ID`, what the office reads).
"""

from __future__ import annotations

from apik_reporting.kpis.rules import INDICATORS

STAFF_COLUMNS = (
    "person",
    "username",
    "reports_verified",
    "reports_rejected",
    "consultations_answered",
    "cases_closed",
    "visits_served",
    "desk_avg_rating",
)
STAFF_DEFINITION = (
    "Per person, the year's work as the events name them: reports accepted at the plenary "
    "(report.verified decided_by, year of verified_at) and rejected (report.rejected "
    "decided_by), consultations answered (consultation.recorded answered_by, year of "
    "answered_at), cases closed (case.closed examiner_id, year of the last closure), desk "
    "visits served, rated or not, and the average of their ratings (visit.ended and "
    "visit.completed officer, year of check-in). "
    "A person is the gateway's subject (the token's sub, e.g. user:<id>), the one "
    "identifier every service shares: intake publishes it beside the username "
    "(decided_by_subject, answered_by_subject), examination's examiner_id is one, the desk "
    "publishes officer_subject when the officer ended or rated the visit. Where the events "
    "carry a username only (older events, a visit a supervisor ended and rated), the "
    "username counts for "
    "the subject it is seen with elsewhere in the year's rows, or stands on its own. "
    "username is the name seen with the subject (none for someone seen by subject only)."
)
ROLLUP_DEFINITION = (
    "Each office's achievements for the year, one row per office with any fact; the last "
    "row, office 'national', is every office together. Indicators as in /kpis."
)
STAFF_DEFINITION_ID = (
    "Per orang, pekerjaan pada tahun itu sebagaimana tercatat dalam peristiwa: laporan yang "
    "diterima rapat pleno (report.verified decided_by, menurut tanggal putusan) dan yang "
    "ditolak (report.rejected decided_by), konsultasi yang dijawab (consultation.recorded "
    "answered_by, menurut tanggal jawaban), laporan yang ditutup (case.closed examiner_id, "
    "menurut tanggal penutupan terakhir), kunjungan meja layanan yang dilayani, dinilai atau "
    "tidak, serta rata-rata nilainya (petugas pada visit.ended dan visit.completed, menurut "
    "tanggal kedatangan). "
    "Seseorang dikenali dari subjek gateway (sub pada token, mis. user:<id>), satu-satunya "
    "tanda pengenal yang sama di semua layanan: PVL menerbitkannya di samping nama pengguna "
    "(decided_by_subject, answered_by_subject), examiner_id Pemeriksaan adalah subjek, dan "
    "meja layanan menerbitkan officer_subject bila petugas itu yang mengakhiri atau menilai "
    "kunjungan. Bila peristiwa hanya memuat nama pengguna (peristiwa lama, atau kunjungan "
    "yang diakhiri dan dinilai oleh penyelia), nama pengguna itu dihitung untuk subjek yang "
    "menyertainya di baris lain tahun itu, atau berdiri sendiri. "
    "username adalah nama yang terlihat bersama subjek (kosong bagi orang yang hanya "
    "dikenali dari subjeknya)."
)
ROLLUP_DEFINITION_ID = (
    "Capaian setiap kantor pada tahun itu, satu baris per kantor yang memiliki data; baris "
    "terakhir, kantor 'national', adalah gabungan semua kantor. Indikator sesuai /kpis."
)
NATIONAL_ROW = "national"
ROLLUP_COLUMNS = ("office", *(indicator.code for indicator in INDICATORS))
