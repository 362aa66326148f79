"""The names of the codes the services exchange, in one place (pure).

Events, APIs and the read model carry stable English codes (`walk_in`, `education`); what
an office prints or exports for its staff says them in Bahasa Indonesia, or in English
when a list's CSV is asked for with `lang=en` (the words the web app's English screens
use). Every printed document and export takes its labels from here, so a code reads the
same everywhere.

Each table holds both languages of a code in one `Label`: a code cannot be named in one
language and missing from the other, as it could when each language had a table of its
own. `label(table, code, language)` is the one way to read them.

Substances (sectors) are an office's own list, kept by intake (`/reference/substances`,
editable); `SUBSTANCES` holds the seventeen intake starts with, by the same names. A code
an office added later prints as its code, readably (`label`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple, TypeVar


class Language(StrEnum):
    """The languages an export is written in: Bahasa Indonesia first."""

    id = "id"
    en = "en"


class Label(NamedTuple):
    """A code's name in Bahasa Indonesia and in English, side by side."""

    indonesian: str
    english: str

    def said_in(self, language: Language) -> str:
        return self.english if language is Language.en else self.indonesian


Code = TypeVar("Code", str, int)


class Named(NamedTuple):
    """A code with its name: what a problem's `params` carry for a code-valued field (a
    status, a stage), so that the problem says it in words beside the code
    (`apik_shared.platform.problems`, the `labels` member)."""

    code: str
    label: Label


def accepted_language(accept_language: str | None) -> Language:
    """The language of `Accept-Language` (RFC 9110 12.5.4) a response's words are said
    in: the supported one (`id`, `en`, any region) with the highest weight, the earlier
    on a tie; Indonesian when none is (or the header is absent). Hand-written: two
    languages and a dozen lines do not warrant a locale library."""
    best, weight = Language.id, 0.0
    for item in (accept_language or "").split(","):
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if primary in ("id", "en") and 0 < q <= 1 and q > weight:
            best, weight = Language(primary), q
    return best


UNSPECIFIED = Label("Tidak disebutkan", "Not stated")

# Intake's starting catalogue (its first migration), its name_id and name_en by code.
SUBSTANCES: Mapping[str, Label] = {
    "education": Label("Pendidikan", "Education"),
    "population_administration": Label("Administrasi Kependudukan", "Population administration"),
    "village": Label("Desa", "Villages"),
    "electricity": Label("Ketenagalistrikan", "Electricity"),
    "social_assistance": Label("Bantuan Sosial", "Social assistance"),
    "tax": Label("Perpajakan", "Tax"),
    "drinking_water": Label("Air Minum", "Drinking water"),
    "civil_service": Label("Kepegawaian", "Civil service"),
    "land": Label("Pertanahan", "Land"),
    "banking": Label("Perbankan", "Banking"),
    "licensing": Label("Perizinan", "Licensing"),
    "trade": Label("Perdagangan", "Trade"),
    "cooperative": Label("Koperasi", "Cooperatives"),
    "transport": Label("Perhubungan", "Transport"),
    "agriculture_food": Label("Pertanian dan Pangan", "Agriculture and food"),
    "judiciary": Label("Peradilan", "Judiciary"),
    "labour": Label("Ketenagakerjaan", "Labour"),
}
CHANNELS: Mapping[str, Label] = {
    "web": Label("Situs web", "Website"),
    "email": Label("Surel", "Email"),
    "whatsapp": Label("WhatsApp", "WhatsApp"),
    "phone": Label("Telepon", "Phone"),
    "walk_in": Label("Datang langsung", "Walk-in"),
    "letter": Label("Surat", "Letter"),
    "social_media": Label("Media sosial", "Social media"),
    "outreach": Label("Jemput bola (PVL OTS)", "Outreach (PVL OTS)"),
    "portal": Label("SP4N-LAPOR!", "SP4N-LAPOR!"),
    "open311": Label("Aplikasi mitra (Open311)", "Partner app (Open311)"),
    "community": Label("Sahabat Ombudsman", "Sahabat Ombudsman"),
    "imported": Label("Impor arsip lama", "Imported old record"),
}
KINDS: Mapping[str, Label] = {
    "LM": Label("Laporan Masyarakat", "Public report"),
    "RCO": Label("Respon Cepat Ombudsman", "Ombudsman rapid response"),
    "KNL": Label("Konsultasi Non Laporan", "Consultation"),
    "TEMBUSAN": Label("Tembusan", "Copy"),
}
REPORT_STATUSES: Mapping[str, Label] = {
    "registered": Label("Teregistrasi", "Registered"),
    "awaiting_completion": Label("Menunggu kelengkapan", "Awaiting documents"),
    "formally_verified": Label("Lolos verifikasi formil", "Formally verified"),
    "materially_verified": Label("Lolos verifikasi materiil", "Materially verified"),
    "material_failed": Label("Tidak lolos verifikasi materiil", "Failed material verification"),
    "accepted": Label("Diserahkan ke Pemeriksaan", "Handed to examination"),
    "rejected": Label("Ditolak", "Rejected"),
    "answered": Label("Dijawab (KNL)", "Answered (consultation)"),
    "withdrawn": Label("Dianggap dicabut", "Deemed withdrawn"),
    "merged": Label("Digabungkan", "Merged"),
    "recorded": Label("Dicatat (tembusan)", "Recorded (copy)"),
    "imported": Label("Arsip lama (impor)", "Imported old record"),
}
# Examination's case statuses, SLA states and classifications, as its board says them.
CASE_STATUSES: Mapping[str, Label] = {
    "open": Label("Dalam pemeriksaan", "Under examination"),
    "waiting_reporter": Label("Menunggu pelapor", "Waiting for the reporter"),
    "waiting_agency": Label("Menunggu instansi", "Waiting for the agency"),
    "concluded": Label("LHP diterbitkan", "Final report issued"),
    "monitoring": Label("Resolusi dan monitoring", "Resolution and monitoring"),
    "closed": Label("Ditutup", "Closed"),
}
SLA_STATES: Mapping[str, Label] = {
    "on_track": Label("Sesuai jadwal", "On track"),
    "warning": Label("Mendekati batas waktu", "Near the deadline"),
    "breached": Label("Melewati batas waktu", "Past the deadline"),
    "paused": Label("Dijeda", "Paused"),
    "met": Label("Selesai tepat waktu", "Met"),
}
CLASSIFICATIONS: Mapping[str, Label] = {
    "sederhana": Label("Sederhana", "Simple"),
    "sedang": Label("Sedang", "Medium"),
    "berat": Label("Berat", "Complex"),
}
TRACKS: Mapping[str, Label] = {
    "regular": Label("Pemeriksaan reguler", "Regular examination"),
    "rapid_response": Label("Respon Cepat Ombudsman", "Ombudsman rapid response"),
}
OUTCOMES: Mapping[str, Label] = {
    "resolved_by_agency": Label(
        "Maladministrasi ditemukan, diselesaikan instansi terlapor",
        "Resolved by the agency",
    ),
    "conciliation": Label("Selesai melalui konsiliasi atau mediasi", "Conciliation"),
    "no_maladministration": Label("Tidak ditemukan maladministrasi", "No maladministration"),
    "in_court": Label("Masuk objek pemeriksaan pengadilan", "In court"),
    "withdrawn": Label("Dicabut pelapor", "Withdrawn"),
    "not_authority": Label("Bukan kewenangan", "Not the Ombudsman's authority"),
    "no_data": Label("Pelapor tidak melengkapi data", "Insufficient data"),
    "recommendation": Label("Rekomendasi", "Recommendation"),
}
ROUTES: Mapping[str, Label] = {
    "oral_clarification": Label("Klarifikasi lisan", "Oral clarification"),
    "written_clarification": Label("Klarifikasi tertulis", "Written clarification"),
    "field_investigation": Label("Investigasi lapangan", "Field investigation"),
    "mediation": Label("Mediasi", "Mediation"),
    "conciliation": Label("Konsiliasi", "Conciliation"),
    "reporter_request": Label("Permintaan pelapor", "The reporter's request"),
    "other": Label("Lainnya", "Other"),
}
FINDINGS: Mapping[str, Label] = {
    "maladministration_found": Label("Ditemukan maladministrasi", "Maladministration found"),
    "no_maladministration": Label("Tidak ditemukan maladministrasi", "No maladministration"),
    "examination_stopped": Label("Pemeriksaan dihentikan", "Examination stopped"),
}
# The ten forms as the Ombudsman's own reports name them.
MALADMINISTRATION: Mapping[str, Label] = {
    "undue_delay": Label("Penundaan berlarut", "Undue delay"),
    "not_providing_service": Label("Tidak memberikan pelayanan", "Not providing the service"),
    "incompetence": Label("Tidak kompeten", "Incompetence"),
    "abuse_of_authority": Label("Penyalahgunaan wewenang", "Abuse of authority"),
    "procedural_deviation": Label("Penyimpangan prosedur", "Procedural deviation"),
    "asking_for_payment": Label(
        "Permintaan imbalan uang, barang dan jasa",
        "Asking for money, goods or services",
    ),
    "improper_conduct": Label("Tidak patut", "Improper conduct"),
    "partiality": Label("Berpihak", "Partiality"),
    "discrimination": Label("Diskriminasi", "Discrimination"),
    "conflict_of_interest": Label("Konflik kepentingan", "Conflict of interest"),
}
AGENCY_TYPES: Mapping[str, Label] = {
    "local_government": Label("Pemerintah daerah", "Local government"),
    "ministry": Label("Kementerian", "Ministry"),
    "government_agency": Label(
        "Lembaga pemerintah non-kementerian",
        "Non-ministerial government agency",
    ),
    "police": Label("Kepolisian", "Police"),
    "prosecutor": Label("Kejaksaan", "Prosecutor's office"),
    "court": Label("Pengadilan", "Court"),
    "land_office": Label("Kantor pertanahan", "Land office"),
    "school": Label("Sekolah", "School"),
    "university": Label("Perguruan tinggi", "University"),
    "hospital": Label("Rumah sakit", "Hospital"),
    "state_company": Label("BUMN", "State-owned enterprise"),
    "regional_company": Label("BUMD", "Regional enterprise"),
    "village": Label("Pemerintah desa", "Village government"),
    "other": Label("Lainnya", "Other"),
}
VISIT_CATEGORIES: Mapping[str, Label] = {
    "consultation": Label("Konsultasi", "Consultation"),
    "complaint": Label("Pengaduan", "Complaint"),
    "objection": Label("Sanggahan", "Tender objection"),
}
RATINGS: Mapping[int, Label] = {
    1: Label("Sangat buruk", "Very bad"),
    2: Label("Buruk", "Bad"),
    3: Label("Cukup", "Fair"),
    4: Label("Baik", "Good"),
    5: Label("Sangat baik", "Very good"),
}

# Internship (MORI): the units interns rotate through (an office's own unit prints as its
# words) and the kinds of institution they come from.
INTERN_UNITS: Mapping[str, Label] = {
    "intake": Label("Penerimaan dan Verifikasi Laporan", "Intake and verification"),
    "prevention": Label("Pencegahan Maladministrasi", "Prevention of maladministration"),
    "examination": Label("Pemeriksaan Laporan", "Examination"),
}
INSTITUTION_KINDS: Mapping[str, Label] = {
    "university": Label("Perguruan tinggi", "University"),
    "school": Label("Sekolah", "School"),
    "public": Label("Umum", "Public"),
    "foreign": Label("Institusi luar negeri", "Foreign institution"),
}


def label(names: Mapping[str, Label], code: str | None, language: Language = Language.id) -> str:
    """The name of `code` in `names`, in `language`; none (or `unspecified`) as
    "Tidak disebutkan" ("Not stated"); a code this table does not know (an office's own
    substance) as its words."""
    if code is None or code == "" or code == "unspecified":
        return UNSPECIFIED.said_in(language)
    known = names.get(code)
    if known is not None:
        return known.said_in(language)
    words = code.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def named(names: Mapping[str, Label], code: str) -> Named:
    """`code` with its name in `names` in both languages; a code the table does not know
    is named by its words in both (as `label` says it), never dropped."""
    known = names.get(code)
    if known is None:
        said = label(names, code)
        known = Label(said, said)
    return Named(code, known)


def named_each(names: Mapping[str, Label], codes: Sequence[str]) -> Named:
    """Several codes as one param (`nik, place_of_birth`), named by their names joined
    the same way in each language, so that a refusal listing what is missing says the
    list in words as it says a status (`named`)."""
    each = [named(names, code).label for code in codes]
    return Named(
        ", ".join(codes),
        Label(", ".join(n.indonesian for n in each), ", ".join(n.english for n in each)),
    )


def words(names: Mapping[Code, Label], language: Language = Language.id) -> dict[Code, str]:
    """One language of a table, for what lists a table's codes with their names in one
    language (Open311's value lists, a printed form's fixed wording)."""
    return {code: name.said_in(language) for code, name in names.items()}
