"""The Indonesian names of the codes the services exchange, in one place (pure).

Events, APIs and the read model carry stable English codes (`walk_in`, `education`); what
an office prints or exports for its staff says them in Bahasa Indonesia. Every printed
document and export takes its labels from here, so a code reads the same everywhere.

Substances (sectors) are an office's own list, kept by intake (`/reference/substances`,
editable); `SUBSTANCES` holds the seventeen intake starts with, by the same names. A code
an office added later prints as its code, readably (`label`).

An export asked for in English (a list's CSV with `lang=en`) says the codes it words
with the `*_EN` tables below, the words the web app's English screens use.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Language(StrEnum):
    """The languages an export is written in: Bahasa Indonesia first."""

    id = "id"
    en = "en"


UNSPECIFIED = "Tidak disebutkan"
UNSPECIFIED_EN = "Not stated"

# Intake's starting catalogue (its first migration), name_id by code.
SUBSTANCES: Mapping[str, str] = {
    "education": "Pendidikan",
    "population_administration": "Administrasi Kependudukan",
    "village": "Desa",
    "electricity": "Ketenagalistrikan",
    "social_assistance": "Bantuan Sosial",
    "tax": "Perpajakan",
    "drinking_water": "Air Minum",
    "civil_service": "Kepegawaian",
    "land": "Pertanahan",
    "banking": "Perbankan",
    "licensing": "Perizinan",
    "trade": "Perdagangan",
    "cooperative": "Koperasi",
    "transport": "Perhubungan",
    "agriculture_food": "Pertanian dan Pangan",
    "judiciary": "Peradilan",
    "labour": "Ketenagakerjaan",
}
CHANNELS: Mapping[str, str] = {
    "web": "Situs web",
    "email": "Surel",
    "whatsapp": "WhatsApp",
    "phone": "Telepon",
    "walk_in": "Datang langsung",
    "letter": "Surat",
    "social_media": "Media sosial",
    "outreach": "Jemput bola (PVL OTS)",
    "portal": "SP4N-LAPOR!",
    "open311": "Aplikasi mitra (Open311)",
    "community": "Sahabat Ombudsman",
    "imported": "Impor arsip lama",
}
KINDS: Mapping[str, str] = {
    "LM": "Laporan Masyarakat",
    "RCO": "Respon Cepat Ombudsman",
    "KNL": "Konsultasi Non Laporan",
    "TEMBUSAN": "Tembusan",
}
REPORT_STATUSES: Mapping[str, str] = {
    "registered": "Teregistrasi",
    "awaiting_completion": "Menunggu kelengkapan",
    "formally_verified": "Lolos verifikasi formil",
    "materially_verified": "Lolos verifikasi materiil",
    "accepted": "Diserahkan ke Pemeriksaan",
    "rejected": "Ditolak",
    "answered": "Dijawab (KNL)",
    "withdrawn": "Dianggap dicabut",
    "merged": "Digabungkan",
    "recorded": "Dicatat (tembusan)",
    "imported": "Arsip lama (impor)",
}
# Examination's case statuses, SLA states and classifications, as its board says them.
CASE_STATUSES: Mapping[str, str] = {
    "open": "Dalam pemeriksaan",
    "waiting_reporter": "Menunggu pelapor",
    "waiting_agency": "Menunggu instansi",
    "concluded": "LHP diterbitkan",
    "monitoring": "Resolusi dan monitoring",
    "closed": "Ditutup",
}
SLA_STATES: Mapping[str, str] = {
    "on_track": "Sesuai jadwal",
    "warning": "Mendekati batas waktu",
    "breached": "Melewati batas waktu",
    "paused": "Dijeda",
    "met": "Selesai tepat waktu",
}
CLASSIFICATIONS: Mapping[str, str] = {
    "sederhana": "Sederhana",
    "sedang": "Sedang",
    "berat": "Berat",
}
TRACKS: Mapping[str, str] = {
    "regular": "Pemeriksaan reguler",
    "rapid_response": "Respon Cepat Ombudsman",
}
OUTCOMES: Mapping[str, str] = {
    "resolved_by_agency": "Maladministrasi ditemukan, diselesaikan instansi terlapor",
    "conciliation": "Selesai melalui konsiliasi atau mediasi",
    "no_maladministration": "Tidak ditemukan maladministrasi",
    "in_court": "Masuk objek pemeriksaan pengadilan",
    "withdrawn": "Dicabut pelapor",
    "not_authority": "Bukan kewenangan",
    "no_data": "Pelapor tidak melengkapi data",
    "recommendation": "Rekomendasi",
}
ROUTES: Mapping[str, str] = {
    "oral_clarification": "Klarifikasi lisan",
    "written_clarification": "Klarifikasi tertulis",
    "field_investigation": "Investigasi lapangan",
    "mediation": "Mediasi",
    "conciliation": "Konsiliasi",
    "reporter_request": "Permintaan pelapor",
    "other": "Lainnya",
}
FINDINGS: Mapping[str, str] = {
    "maladministration_found": "Ditemukan maladministrasi",
    "no_maladministration": "Tidak ditemukan maladministrasi",
    "examination_stopped": "Pemeriksaan dihentikan",
}
# The ten forms as the Ombudsman's own reports name them.
MALADMINISTRATION: Mapping[str, str] = {
    "undue_delay": "Penundaan berlarut",
    "not_providing_service": "Tidak memberikan pelayanan",
    "incompetence": "Tidak kompeten",
    "abuse_of_authority": "Penyalahgunaan wewenang",
    "procedural_deviation": "Penyimpangan prosedur",
    "asking_for_payment": "Permintaan imbalan uang, barang dan jasa",
    "improper_conduct": "Tidak patut",
    "partiality": "Berpihak",
    "discrimination": "Diskriminasi",
    "conflict_of_interest": "Konflik kepentingan",
}
AGENCY_TYPES: Mapping[str, str] = {
    "local_government": "Pemerintah daerah",
    "ministry": "Kementerian",
    "government_agency": "Lembaga pemerintah non-kementerian",
    "police": "Kepolisian",
    "prosecutor": "Kejaksaan",
    "court": "Pengadilan",
    "land_office": "Kantor pertanahan",
    "school": "Sekolah",
    "university": "Perguruan tinggi",
    "hospital": "Rumah sakit",
    "state_company": "BUMN",
    "regional_company": "BUMD",
    "village": "Pemerintah desa",
    "other": "Lainnya",
}
VISIT_CATEGORIES: Mapping[str, str] = {
    "consultation": "Konsultasi",
    "complaint": "Pengaduan",
    "objection": "Sanggahan",
}
RATINGS: Mapping[int, str] = {
    1: "Sangat buruk",
    2: "Buruk",
    3: "Cukup",
    4: "Baik",
    5: "Sangat baik",
}

# Internship (MORI): the units interns rotate through (an office's own unit prints as its
# words) and the kinds of institution they come from.
INTERN_UNITS: Mapping[str, str] = {
    "intake": "Penerimaan dan Verifikasi Laporan",
    "prevention": "Pencegahan Maladministrasi",
    "examination": "Pemeriksaan Laporan",
}
INSTITUTION_KINDS: Mapping[str, str] = {
    "university": "Perguruan tinggi",
    "school": "Sekolah",
    "public": "Umum",
    "foreign": "Institusi luar negeri",
}


# The same codes in English, as the web app's English screens say them.
CHANNELS_EN: Mapping[str, str] = {
    "web": "Website",
    "email": "Email",
    "whatsapp": "WhatsApp",
    "phone": "Phone",
    "walk_in": "Walk-in",
    "letter": "Letter",
    "social_media": "Social media",
    "outreach": "Outreach (PVL OTS)",
    "portal": "SP4N-LAPOR!",
    "open311": "Partner app (Open311)",
    "community": "Sahabat Ombudsman",
    "imported": "Imported old record",
}
KINDS_EN: Mapping[str, str] = {
    "LM": "Public report",
    "RCO": "Ombudsman rapid response",
    "KNL": "Consultation",
    "TEMBUSAN": "Copy",
}
REPORT_STATUSES_EN: Mapping[str, str] = {
    "registered": "Registered",
    "awaiting_completion": "Awaiting documents",
    "formally_verified": "Formally verified",
    "materially_verified": "Materially verified",
    "accepted": "Handed to examination",
    "rejected": "Rejected",
    "answered": "Answered (consultation)",
    "withdrawn": "Deemed withdrawn",
    "merged": "Merged",
    "recorded": "Recorded (copy)",
    "imported": "Imported old record",
}
CASE_STATUSES_EN: Mapping[str, str] = {
    "open": "Under examination",
    "waiting_reporter": "Waiting for the reporter",
    "waiting_agency": "Waiting for the agency",
    "concluded": "Final report issued",
    "monitoring": "Resolution and monitoring",
    "closed": "Closed",
}
SLA_STATES_EN: Mapping[str, str] = {
    "on_track": "On track",
    "warning": "Near the deadline",
    "breached": "Past the deadline",
    "paused": "Paused",
    "met": "Met",
}
CLASSIFICATIONS_EN: Mapping[str, str] = {
    "sederhana": "Simple",
    "sedang": "Medium",
    "berat": "Complex",
}
TRACKS_EN: Mapping[str, str] = {
    "regular": "Regular examination",
    "rapid_response": "Ombudsman rapid response",
}
MALADMINISTRATION_EN: Mapping[str, str] = {
    "undue_delay": "Undue delay",
    "not_providing_service": "Not providing the service",
    "incompetence": "Incompetence",
    "abuse_of_authority": "Abuse of authority",
    "procedural_deviation": "Procedural deviation",
    "asking_for_payment": "Asking for money, goods or services",
    "improper_conduct": "Improper conduct",
    "partiality": "Partiality",
    "discrimination": "Discrimination",
    "conflict_of_interest": "Conflict of interest",
}
AGENCY_TYPES_EN: Mapping[str, str] = {
    "local_government": "Local government",
    "ministry": "Ministry",
    "government_agency": "Non-ministerial government agency",
    "police": "Police",
    "prosecutor": "Prosecutor's office",
    "court": "Court",
    "land_office": "Land office",
    "school": "School",
    "university": "University",
    "hospital": "Hospital",
    "state_company": "State-owned enterprise",
    "regional_company": "Regional enterprise",
    "village": "Village government",
    "other": "Other",
}
INTERN_UNITS_EN: Mapping[str, str] = {
    "intake": "Intake and verification",
    "prevention": "Prevention of maladministration",
    "examination": "Examination",
}
INSTITUTION_KINDS_EN: Mapping[str, str] = {
    "university": "University",
    "school": "School",
    "public": "Public",
    "foreign": "Foreign institution",
}


def label(names: Mapping[str, str], code: str | None, language: Language = Language.id) -> str:
    """The name of `code` in `names` (a table in `language`); none (or `unspecified`) as
    "Tidak disebutkan" ("Not stated"); a code this list does not know (an office's own
    substance) as its words."""
    if code is None or code == "" or code == "unspecified":
        return UNSPECIFIED_EN if language is Language.en else UNSPECIFIED
    known = names.get(code)
    if known is not None:
        return known
    words = code.replace("_", " ").strip()
    return words[:1].upper() + words[1:]
