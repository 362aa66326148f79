"""What the demo office's year holds: its staff, its reports and what became of them,
its desk visits. Plain data; `fill.py` puts it into a running system.

Names, agencies and events are invented but typical of a regional office (the domain
page's substances, agencies of a provincial capital). Every key is stable: the filler
derives its `Idempotency-Key`s and usernames from them, so a second run finds what the
first made instead of making it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Every demo account's password (documented in the README): a demo system only.
DEMO_PASSWORD = "Demo-APIK-2026!"


@dataclass(frozen=True)
class Staff:
    key: str  # the username is "<office>.<key>", lower case
    full_name: str
    roles: tuple[str, ...]


# Every role of `apik_shared.platform.auth.Role`, each held by someone.
STAFF: tuple[Staff, ...] = (
    Staff("kepala", "Ahmad Fauzi", ("head",)),
    Staff("admin", "Rina Kartika", ("admin",)),
    Staff("nasional", "Hendra Wijaya", ("national", "analyst")),
    Staff("pvl1", "Dewi Lestari", ("intake_officer",)),
    Staff("pvl2", "Yusuf Maulana", ("intake_officer",)),
    Staff("spvriksa", "Bambang Sutrisno", ("examination_supervisor",)),
    Staff("riksa1", "Siti Nurhaliza", ("examiner",)),
    Staff("riksa2", "Agus Salim", ("examiner",)),
    Staff("riksa3", "Putri Ayu", ("examiner",)),
    Staff("cegah", "Rudi Hartono", ("prevention_officer",)),
    Staff("amer", "Lina Marlina", ("desk_officer",)),
    Staff("spvamer", "Joko Susilo", ("desk_supervisor",)),
    Staff("magang", "Fitri Handayani", ("intern_supervisor",)),
    # An intern's account (role `intern`); no application is linked to it in the demo.
    Staff("peserta", "Rizky Ramadhan", ("intern",)),
    Staff("pelindung", "Nur Aini", ("protection_officer",)),
    Staff("analis", "Eko Prasetyo", ("analyst",)),
    Staff("dpo", "Wulan Sari", ("dpo",)),
)

# The examiners of the roster: (staff key, team, capacity).
ROSTER: tuple[tuple[str, str, int], ...] = (
    ("riksa1", "Tim 1", 15),
    ("riksa2", "Tim 1", 15),
    ("riksa3", "Tim 2", 10),
)

# Where a report ends up. The intake ones are its status; the others are accepted
# reports whose case the filler takes to that state of its SLA clock, with the real
# dates of its steps: `near_due` is the clock's warning, `closed` is met.
Fate = Literal[
    "registered",
    "formally_verified",
    "awaiting_completion",
    "materially_verified",
    "rejected",
    "on_track",
    "near_due",
    "breached",
    "paused",
    "closed",
]
INTAKE_FATES = frozenset(
    {"registered", "formally_verified", "awaiting_completion", "materially_verified", "rejected"}
)
CASE_FATES = frozenset({"on_track", "near_due", "breached", "paused", "closed"})
# The SLA state the examination API shows for each case fate, right after the run.
CASE_STATES = {
    "on_track": "on_track",
    "near_due": "warning",
    "breached": "breached",
    "paused": "paused",
    "closed": "met",
}


@dataclass(frozen=True)
class DemoReport:
    key: str
    fate: Fate
    days_ago: int  # received this many days before the run
    reporter: str
    channel: str
    substance: str
    agency: str
    summary: str
    chronology: str
    track: Literal["accept", "rco"] = "accept"
    # The case's class, which picks its SLA target (the defaults: sederhana 30 working
    # days, sedang 120 calendar days, berat 180; a rapid response 14 whatever its class);
    # the case's dates are chosen against it (`fill.CaseDays`).
    classification: Literal["sederhana", "sedang", "berat"] = "sedang"
    # A closed case's outcome and route; an incomplete report's missing items.
    outcome: tuple[str, str] | None = None
    missing: tuple[str, ...] = field(default_factory=tuple)


REPORTS: tuple[DemoReport, ...] = (
    DemoReport(
        "ijazah-smp",
        "closed",
        320,
        "Budi Santoso",
        "walk_in",
        "education",
        "Dinas Pendidikan Kota Bengkulu",
        "Ijazah ditahan sekolah",
        "Sekolah menahan ijazah anak pelapor karena tunggakan uang komite.",
        outcome=("resolved_by_agency", "written_clarification"),
        classification="sederhana",
    ),
    DemoReport(
        "sertifikat-ptsl",
        "closed",
        290,
        "Marlina Siregar",
        "letter",
        "land",
        "Kantor Pertanahan Kota Bengkulu",
        "Sertifikat PTSL tidak kunjung terbit",
        "Berkas PTSL diserahkan dua tahun lalu, sertifikat belum terbit tanpa penjelasan.",
        outcome=("no_maladministration", "oral_clarification"),
        classification="berat",
    ),
    DemoReport(
        "rujukan-rsud",
        "closed",
        250,
        "Hasan Basri",
        "whatsapp",
        "health",
        "RSUD Dr. M. Yunus Bengkulu",
        "Pasien BPJS diminta membayar obat",
        "Keluarga pasien rawat inap peserta BPJS diminta membeli obat sendiri di luar.",
        outcome=("conciliation", "mediation"),
    ),
    DemoReport(
        "sktm-desa",
        "closed",
        200,
        "Sri Wahyuni",
        "walk_in",
        "village",
        "Pemerintah Desa Padang Kemiling",
        "Pungutan untuk surat keterangan tidak mampu",
        "Perangkat desa meminta uang untuk menerbitkan surat keterangan tidak mampu.",
        outcome=("resolved_by_agency", "field_investigation"),
        classification="sederhana",
    ),
    DemoReport(
        "skck",
        "closed",
        160,
        "Rahmat Hidayat",
        "web",
        "police",
        "Polresta Bengkulu",
        "Penerbitan SKCK berlarut",
        "Permohonan SKCK tidak diproses lebih dari sebulan tanpa kejelasan.",
        outcome=("no_maladministration", "written_clarification"),
    ),
    DemoReport(
        "meteran-pln",
        "on_track",
        120,
        "Yanti Susanti",
        "phone",
        "electricity",
        "PLN UP3 Bengkulu",
        "Pemasangan meteran baru tertunda",
        "Biaya pasang baru sudah dibayar, meteran tidak dipasang selama tiga bulan.",
        classification="berat",
    ),
    DemoReport(
        "ktp-el",
        "near_due",
        114,
        "Fajar Nugroho",
        "walk_in",
        "population_administration",
        "Dinas Kependudukan dan Pencatatan Sipil Kota Bengkulu",
        "KTP-el tidak dicetak karena blangko kosong",
        "Sudah perekaman sejak Mei, KTP-el belum dicetak dengan alasan blangko habis.",
    ),
    DemoReport(
        "banjir-air",
        "breached",
        40,
        "Ratna Dewi",
        "social_media",
        "drinking_water",
        "Perumda Air Minum Tirta Hidayah",
        "Air PDAM mati seminggu",
        "Air tidak mengalir di satu kelurahan selama seminggu tanpa pemberitahuan.",
        track="rco",
    ),
    DemoReport(
        "bansos-pkh",
        "paused",
        150,
        "Sumarni",
        "walk_in",
        "social_assistance",
        "Dinas Sosial Provinsi Bengkulu",
        "Bantuan PKH dihentikan tanpa alasan",
        "Nama pelapor hilang dari daftar penerima PKH padahal kondisi tidak berubah.",
    ),
    DemoReport(
        "pajak-bphtb",
        "paused",
        100,
        "Irwan Setiawan",
        "email",
        "tax",
        "Badan Keuangan Daerah Kota Bengkulu",
        "Validasi BPHTB dipersulit",
        "Validasi BPHTB ditolak berulang kali dengan alasan yang berubah-ubah.",
    ),
    DemoReport(
        "mutasi-guru",
        "rejected",
        210,
        "Lestari Ningsih",
        "letter",
        "civil_service",
        "Badan Kepegawaian Daerah Provinsi Bengkulu",
        "Mutasi guru tanpa SK",
        "Pelapor dimutasi tanpa surat keputusan yang sah.",
    ),
    DemoReport(
        "kredit-bank",
        "rejected",
        130,
        "Andi Saputra",
        "web",
        "banking",
        "Bank Bengkulu Cabang Utama",
        "Agunan tidak dikembalikan setelah lunas",
        "Kredit sudah lunas, sertifikat agunan belum dikembalikan bank.",
    ),
    DemoReport(
        "izin-usaha",
        "materially_verified",
        25,
        "Dedi Kurniawan",
        "walk_in",
        "licensing",
        "DPMPTSP Kota Bengkulu",
        "Izin usaha tidak terbit",
        "Permohonan izin lewat OSS tidak diverifikasi dinas selama dua bulan.",
    ),
    DemoReport(
        "pupuk-subsidi",
        "materially_verified",
        18,
        "Suparman",
        "walk_in",
        "agriculture_food",
        "Dinas Pertanian Kabupaten Bengkulu Tengah",
        "Pupuk bersubsidi tidak sampai ke petani",
        "Kelompok tani tidak menerima jatah pupuk bersubsidi musim tanam ini.",
    ),
    DemoReport(
        "jalan-rusak",
        "formally_verified",
        10,
        "Wahyu Hidayat",
        "whatsapp",
        "public_works",
        "Dinas PUPR Provinsi Bengkulu",
        "Perbaikan jalan provinsi terbengkalai",
        "Proyek perbaikan jalan berhenti dan lubang dibiarkan berbulan-bulan.",
    ),
    DemoReport(
        "nikah-kua",
        "formally_verified",
        8,
        "Aisyah Putri",
        "email",
        "religion",
        "KUA Kecamatan Ratu Samban",
        "Biaya nikah di luar ketentuan",
        "Petugas meminta biaya tambahan di luar tarif resmi pencatatan nikah.",
    ),
    DemoReport(
        "upah-pabrik",
        "awaiting_completion",
        6,
        "Tono Sugiarto",
        "letter",
        "labour",
        "Dinas Tenaga Kerja dan Transmigrasi Provinsi Bengkulu",
        "Pengaduan upah tidak ditindaklanjuti",
        "Pengaduan upah di bawah UMP tidak ditindaklanjuti pengawas ketenagakerjaan.",
        missing=("Bukti pengaduan kepada instansi terlapor",),
    ),
    DemoReport(
        "bpjs-peserta",
        "awaiting_completion",
        5,
        "Mega Puspita",
        "phone",
        "social_security",
        "BPJS Kesehatan Cabang Bengkulu",
        "Kepesertaan BPJS dinonaktifkan",
        "Kepesertaan PBI dinonaktifkan tanpa pemberitahuan saat hendak berobat.",
        missing=("Salinan KTP", "Kronologi tertulis yang ditandatangani"),
    ),
    DemoReport(
        "terminal-bus",
        "registered",
        2,
        "Gilang Ramadhan",
        "web",
        "transport",
        "Dinas Perhubungan Kota Bengkulu",
        "Pungutan liar di terminal",
        "Penumpang dimintai uang masuk terminal tanpa karcis resmi.",
    ),
    DemoReport(
        "pasar-retribusi",
        "registered",
        1,
        "Nurhayati",
        "walk_in",
        "trade",
        "Dinas Perdagangan Kota Bengkulu",
        "Retribusi lapak pasar naik sepihak",
        "Pedagang dikenai retribusi baru tanpa dasar peraturan daerah.",
    ),
)

# Consultations (KNL) answered at intake: (key, days ago, reporter, question, answer).
CONSULTATIONS: tuple[tuple[str, int, str, str, str], ...] = (
    (
        "knl-domisili",
        280,
        "Sutrisno",
        "Apa saja syarat mengurus surat pindah domisili?",
        "KTP-el, Kartu Keluarga, dan surat pengantar RT/RW ke Dukcapil.",
    ),
    (
        "knl-bpjs",
        140,
        "Eka Wulandari",
        "Ke mana mengadu bila rumah sakit menolak pasien BPJS?",
        "Ke unit pengaduan rumah sakit dan BPJS; bila tidak ditanggapi, ke Ombudsman.",
    ),
    (
        "knl-ppdb",
        45,
        "Rizki Pratama",
        "Bagaimana jalur zonasi PPDB dihitung?",
        "Dari jarak rumah ke sekolah sesuai Kartu Keluarga; rinciannya di juknis dinas.",
    ),
)


@dataclass(frozen=True)
class DemoVisit:
    key: str
    visitor: str
    institution: str
    category: Literal["consultation", "complaint", "objection"]
    description: str
    rating: int | None  # None: the visitor left without rating (ended, not completed)
    # An objection (sanggahan): its tender, and the answer the desk gave.
    tender: str | None = None
    answer: str | None = None


VISITS: tuple[DemoVisit, ...] = (
    DemoVisit(
        "amer-1",
        "Siti Rahmawati",
        "CV Maju Jaya",
        "consultation",
        "Syarat kualifikasi tender jalan desa",
        5,
    ),
    DemoVisit(
        "amer-2",
        "Darmawan",
        "PT Bumi Raflesia",
        "complaint",
        "Dokumen tender tidak bisa diunduh di LPSE",
        4,
    ),
    DemoVisit(
        "amer-3", "Yulia Rahman", "Perorangan", "consultation", "Cara mengadu ke Ombudsman", 5
    ),
    DemoVisit(
        "amer-4",
        "Hendri",
        "CV Sinar Abadi",
        "consultation",
        "Jadwal pengumuman pemenang tender gedung",
        3,
    ),
    DemoVisit(
        "amer-5", "Komariah", "Perorangan", "complaint", "Antrean layanan KTP terlalu lama", None
    ),
    DemoVisit(
        "amer-6",
        "Taufik Hidayat",
        "CV Karya Mandiri",
        "objection",
        "Keberatan atas penetapan pemenang tender rehabilitasi gedung sekolah",
        4,
        tender="PKT-2026-031",
        answer="Sanggahan tidak dapat diterima: evaluasi kualifikasi sesuai dokumen pemilihan.",
    ),
)

# The year's targets (the reporting service's indicator codes), like the seed office's.
TARGETS: dict[str, float] = {
    "knl_recorded": 250,
    "lm_registered": 100,
    "reports_handed_over": 60,
    "reports_closed": 84,
    "closed_within_sla_pct": 90,
    "desk_visits": 200,
    "desk_avg_rating": 4.5,
    "ikm": 82,
}
