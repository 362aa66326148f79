"""The record of processing of interns' own records (placements, attendance, logbook,
works, reports, certificates)."""

from __future__ import annotations

from apik_internship.models.processing.applicants import (
    _AUDIT,
    _DPO,
    _READERS,
    _UNTIL_SCHEDULE,
)
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing

PROCESSING: tuple[Processing, ...] = ()

_INTERNS = Bilingual("Peserta magang", "Interns")
_INTERN_RECORDS = Bilingual(
    "Membimbing peserta magang: penempatan, kehadiran, logbook dan karya, serta laporan"
    " dan sertifikat yang memerlukannya.",
    "Guiding interns: placements, attendance, logbook and works, and the reports and"
    " certificates that need them.",
)
_INTERN_RECIPIENTS = Bilingual(
    "Peserta magang itu sendiri dan penyelia magang kantor itu; kepala dan analis melihat"
    " rekap dengan nama tersamar.",
    "The intern themselves and the office's intern supervisors; heads and analysts see"
    " the recap with names masked.",
)

PROCESSING += (
    Processing(
        table="absence",
        columns=("kind", "note"),
        data_class="internship_applicants",
        subjects=_INTERNS,
        fields=Bilingual(
            "Hari izin atau sakit peserta magang dan catatannya (disegel: bisa menyebut"
            " keadaan kesehatan).",
            "An intern's leave or sick days and their note (sealed: it may say something"
            " about their health).",
        ),
        purpose=_INTERN_RECORDS,
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=_INTERN_RECIPIENTS,
        safeguards=Bilingual(
            "Catatan disegel AES-GCM per baris; setiap pembacaan catatan oleh penyelia"
            " diaudit (`applicant_read`).",
            "The note sealed with AES-GCM per row; every supervisor's read of the notes"
            " audited (`applicant_read`).",
        ),
    ),
    Processing(
        table="work",
        columns=("case_reference", "shared_material"),
        data_class="internship_applicants",
        subjects=Bilingual(
            "Pihak dalam laporan atau perkara yang dibagikan kepada peserta magang",
            "People in a report or case shared with an intern",
        ),
        fields=Bilingual(
            "Nomor laporan atau perkara dan bahan yang dibagikan penyelia, disamarkan"
            " sebelum disimpan (nama yang disebut, email, telepon, nomor panjang).",
            "The report or case number and the material the supervisor shared, masked"
            " before it is stored (the names listed, emails, phones, long numbers).",
        ),
        purpose=_INTERN_RECORDS,
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Peserta magang itu dan penyelia magang kantor itu.",
            "The intern and the office's intern supervisors.",
        ),
        safeguards=Bilingual(
            "Identitas disamarkan sebelum disimpan; teks asli tidak disimpan.",
            "Identities masked before storing; the original text is not kept.",
        ),
    ),
    Processing(
        table="work_file",
        columns=("filename", "content"),
        data_class="internship_applicants",
        subjects=_INTERNS,
        fields=Bilingual(
            "Berkas karya peserta magang (analisis, konsep, kajian, presentasi).",
            "An intern's work files (analyses, drafts, studies, presentations).",
        ),
        purpose=_INTERN_RECORDS,
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Peserta magang itu dan penyelia magang kantor itu.",
            "The intern and the office's intern supervisors.",
        ),
        safeguards=Bilingual(
            "Disegel AES-GCM per berkas; isi diperiksa (makro, berkas ganda) sebelum diterima.",
            "Sealed with AES-GCM per file; content checked (macros, polyglots) before"
            " it is accepted.",
        ),
    ),
)


PROCESSING = (
    *PROCESSING,
    Processing(
        table="acceptance_letter",
        columns=("issued_by",),
        data_class="staff_actions",
        subjects=Bilingual("Pegawai", "Staff"),
        fields=Bilingual(
            "Siapa pertama mencetak surat penerimaan.", "Who first printed the letter."
        ),
        purpose=Bilingual(
            "Verifikasi surat penerimaan magang oleh publik.",
            "Public verification of internship acceptance letters.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual("Penyelia magang dan kepala.", "Intern supervisors and the head."),
        safeguards=Bilingual(
            "Kode verifikasi hanya disimpan sebagai hash; halaman verifikasi menampilkan nama"
            " tersamar.",
            "The verification code is kept only as a hash; the verify page shows the name masked.",
        ),
    ),
    Processing(
        table="evaluation",
        columns=("evaluator", "scores", "comment"),
        data_class="internship_evaluations",
        subjects=Bilingual("Peserta magang dan pembimbingnya", "Interns and their supervisors"),
        fields=Bilingual(
            "Nilai rubrik peserta oleh pembimbing, dan nilai unit serta program oleh peserta;"
            " komentar (disegel); siapa menilai.",
            "Supervisors' rubric scores of an intern, and the intern's of the unit and the"
            " programme; comments (sealed); who evaluated.",
        ),
        purpose=Bilingual(
            "Menilai magang untuk kelulusan, dan memperbaiki unit serta program.",
            "Evaluating the internship for completion, and improving units and the programme.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Pembimbing, kepala dan analis kantor itu; peserta membaca penilaian atas dirinya."
            " Umpan balik peserta atas unit hanya tampil sebagai jumlah dan rata-rata, di atas"
            " jumlah minimum.",
            "The office's supervisors, head and analysts; the intern reads their own. Interns'"
            " feedback on a unit shows only as counts and means, above a minimum count.",
        ),
        safeguards=Bilingual(
            "Komentar disegel AES-GCM per baris.", "Comments sealed with AES-GCM per row."
        ),
    ),
    Processing(
        table="final_report",
        columns=("filename", "content"),
        data_class="internship_evaluations",
        subjects=Bilingual("Peserta magang", "Interns"),
        fields=Bilingual("Laporan akhir magang (berkas).", "The intern's final report (file)."),
        purpose=Bilingual(
            "Menilai dan mengarsipkan magang.", "Evaluating and filing the internship."
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Pembimbing, kepala dan analis kantor itu.",
            "The office's supervisors, head and analysts.",
        ),
        safeguards=Bilingual(
            "Isi diperiksa lalu disegel AES-GCM.", "Content checked, then sealed with AES-GCM."
        ),
    ),
    Processing(
        table="learning_result",
        columns=("pre_score", "post_score", "recorded_by"),
        data_class="internship_evaluations",
        subjects=Bilingual("Peserta magang", "Interns"),
        fields=Bilingual(
            "Nilai pre-test dan post-test per modul.", "Pre- and post-test scores per module."
        ),
        purpose=Bilingual("Mengukur hasil belajar (N-gain).", "Measuring learning (N-gain)."),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Pembimbing, kepala dan analis kantor itu; peserta membaca nilainya sendiri.",
            "The office's supervisors, head and analysts; the intern reads their own.",
        ),
        safeguards=Bilingual(
            "Hanya untuk kantor itu; ringkasan modul tanpa nama.",
            "The office's only; module summaries carry no names.",
        ),
    ),
    Processing(
        table="alumnus",
        columns=("record", "consent", "visibility"),
        data_class="internship_alumni",
        subjects=Bilingual("Alumni magang", "Internship alumni"),
        fields=Bilingual(
            "Nama, alamat, instansi, jejaring dan email (disegel); persetujuan per data dan"
            " tingkat keterlihatan yang dipilih alumni.",
            "Name, address, institution, network and email (sealed); consent per field and"
            " the visibility the alumnus chose.",
        ),
        purpose=Bilingual(
            "Menjaga jejaring alumni magang kantor.", "Keeping the office's alumni network."
        ),
        legal_basis=LegalBasis.consent,
        retention=Bilingual(
            "Sampai alumni meminta penghapusan.", "Until the alumnus asks for erasure."
        ),
        recipients=Bilingual(
            "Penyelia magang kantor itu; staf lain dan publik hanya data yang disetujui sesuai"
            " keterlihatan pilihan alumni.",
            "The office's intern supervisors; other staff and the public only the consented"
            " fields, as the alumnus's visibility allows.",
        ),
        safeguards=Bilingual(
            "Disegel AES-GCM per baris; tersamar bagi peran lain; setiap pembacaan diaudit"
            " (`alumnus_read`); tautan ajaib sekali pakai, kedaluwarsa, hanya hash-nya disimpan.",
            "Sealed with AES-GCM per row; masked for other roles; every read audited"
            " (`alumnus_read`); the magic link is single-use, expiring, kept only as a hash.",
        ),
    ),
    Processing(
        table="alumnus",
        columns=("community_joined_at",),
        data_class="internship_alumni_community",
        subjects=Bilingual("Alumni magang", "Internship alumni"),
        fields=Bilingual(
            "Waktu alumni meminta bergabung dengan Sahabat Ombudsman kantor.",
            "When the alumnus asked to join the office's Sahabat Ombudsman community.",
        ),
        purpose=Bilingual(
            "Meneruskan permintaan alumni ke unit pencegahan sekali saja.",
            "Passing the alumnus's request to the prevention unit once.",
        ),
        legal_basis=LegalBasis.consent,
        retention=Bilingual(
            "Sampai alumni meminta penghapusan.", "Until the alumnus asks for erasure."
        ),
        recipients=Bilingual(
            "Penyelia magang kantor itu; unit pencegahan hanya menerima rujukan tanpa nama"
            " (`alumnus.joined_community`), data diri diberikan alumni sendiri.",
            "The office's intern supervisors; the prevention unit receives only a reference"
            " without a name (`alumnus.joined_community`); the alumnus gives their details"
            " to it themselves.",
        ),
        safeguards=Bilingual(
            "Diminta alumni sendiri lewat tautan ajaib; kode bergabung sekali pakai, hanya"
            " hash-nya yang dikirim.",
            "Asked by the alumnus through their magic link; the join code is single-use,"
            " only its hash is sent.",
        ),
    ),
    Processing(
        table="alumnus_request",
        columns=("kind", "detail", "answer", "answered_by"),
        data_class="internship_alumni",
        subjects=Bilingual("Alumni magang", "Internship alumni"),
        fields=Bilingual(
            "Permintaan akses, perbaikan atau penghapusan, dan jawabannya (disegel).",
            "Requests for access, correction or erasure, and their answers (sealed).",
        ),
        purpose=Bilingual(
            "Memenuhi hak subjek data dalam 3 x 24 jam.",
            "Meeting the data subject's rights within 3 x 24 hours.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual("Penyelia magang kantor itu.", "The office's intern supervisors."),
        safeguards=Bilingual("Isi disegel AES-GCM.", "Content sealed with AES-GCM."),
    ),
    Processing(
        table="alumnus_read",
        columns=("actor", "actor_username", "actor_roles", "purpose"),
        data_class="access_audit",
        subjects=_READERS,
        fields=Bilingual(
            "Siapa membaca data alumni mana, kapan dan untuk apa.",
            "Who read which alumnus's data, when and why.",
        ),
        purpose=Bilingual(
            "Akuntabilitas akses ke data alumni.", "Accountability of access to alumni data."
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Selama data alumni disimpan.", "As long as the alumnus's data is kept."
        ),
        recipients=_DPO,
        safeguards=_AUDIT,
    ),
)
