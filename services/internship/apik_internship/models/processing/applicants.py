"""What the internship service's tables hold of personal data, and why (`PROCESSING`,
collected by `apik_shared.platform.processing` into docs/processing.md)."""

from __future__ import annotations

from apik_shared.platform.processing import Bilingual, LegalBasis, Processing

_APPLICANTS = Bilingual("Pelamar magang", "Internship applicants")
_INTERNSHIP = Bilingual(
    "Menerima, menilai dan memutus lamaran magang, serta memberi tahu pelamar statusnya.",
    "Receiving, reviewing and deciding internship applications, and telling applicants"
    " their status.",
)
_UNTIL_SCHEDULE = Bilingual(
    "Sampai jadwal retensi arsip kantor ditetapkan (belum ada penghapusan otomatis).",
    "Until the office sets its records schedule (no automatic erasure yet).",
)
_READERS = Bilingual("Pegawai yang membaca data pribadi", "Staff who read personal data")
_AUDIT = Bilingual(
    "Hanya ditambah, tidak dapat diubah atau dihapus melalui API.",
    "Only added to; the API neither changes nor deletes it.",
)
_DPO = Bilingual("Pejabat pelindungan data (DPO).", "The data protection officer.")

PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="application",
        columns=("applicant", "institution", "programme", "reason", "intern_username"),
        data_class="internship_applicants",
        subjects=_APPLICANTS,
        fields=Bilingual(
            "Nama, email, telepon dan program studi (disegel); instansi, program, periode"
            " dan unit yang diminta; alasan penolakan; nama pengguna akun peserta magang"
            " yang diterima.",
            "Name, email, phone and field of study (sealed); institution, programme,"
            " requested period and units; the reason of a decline; the accepted intern's"
            " account username.",
        ),
        purpose=_INTERNSHIP,
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Penyelia magang kantor itu; kepala dan analis melihatnya tersamar. Peristiwa"
            " hanya membawa unit, periode dan jenis instansi.",
            "The office's intern supervisors; heads and analysts see it masked. Events carry"
            " only the unit, the period and the kind of institution.",
        ),
        safeguards=Bilingual(
            "Identitas disegel AES-GCM per baris; tersamar bagi peran lain; setiap pembacaan"
            " penuh diaudit (`applicant_read`); kode pelacakan hanya disimpan sebagai hash.",
            "Identity sealed with AES-GCM per row; masked for other roles; every full read"
            " audited (`applicant_read`); the tracking code is kept only as a hash.",
        ),
    ),
    Processing(
        table="application_letter",
        columns=("filename", "content"),
        data_class="internship_applicants",
        subjects=_APPLICANTS,
        fields=Bilingual(
            "Surat pengantar instansi (berkas) dan nama berkasnya.",
            "The institution's letter (the file) and its name.",
        ),
        purpose=_INTERNSHIP,
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual("Penyelia magang kantor itu.", "The office's intern supervisors."),
        safeguards=Bilingual(
            "Isi diperiksa (jenis, makro, berkas ganda) lalu disegel AES-GCM; disimpan"
            " terpisah dari daftar.",
            "Content checked (type, macros, polyglots), then sealed with AES-GCM; kept apart"
            " from lists.",
        ),
    ),
    Processing(
        table="application_interview",
        columns=("note", "written_by"),
        data_class="internship_applicants",
        subjects=_APPLICANTS,
        fields=Bilingual(
            "Catatan wawancara penyelia tentang pelamar (disegel), tanggal wawancara, dan"
            " siapa yang menulisnya.",
            "The reviewer's interview note on the applicant (sealed), the interview's date,"
            " and who wrote it.",
        ),
        purpose=_INTERNSHIP,
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual("Penyelia magang kantor itu.", "The office's intern supervisors."),
        safeguards=Bilingual(
            "Disegel AES-GCM per baris; hanya penyelia yang melihat pelamar secara penuh yang"
            " menulis dan membacanya; setiap penulisan dan pembacaan diaudit (`applicant_read`).",
            "Sealed with AES-GCM per row; written and read only by the reviewers who see the"
            " applicant in full; every write and read audited (`applicant_read`).",
        ),
    ),
    Processing(
        table="applicant_read",
        columns=("actor", "actor_username", "actor_roles", "purpose"),
        data_class="access_audit",
        subjects=_READERS,
        fields=Bilingual(
            "Siapa membaca data pelamar mana, kapan dan untuk apa.",
            "Who read which applicant's data, when and why.",
        ),
        purpose=Bilingual(
            "Akuntabilitas akses ke data pribadi pelamar.",
            "Accountability of access to applicants' personal data.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Selama data pelamar yang dibaca disimpan.", "As long as the applicant's data is kept."
        ),
        recipients=_DPO,
        safeguards=_AUDIT,
    ),
    Processing(
        table="quota",
        columns=("set_by",),
        data_class="staff_actions",
        subjects=Bilingual("Pegawai", "Staff"),
        fields=Bilingual("Siapa menetapkan kuota.", "Who set a quota."),
        purpose=Bilingual("Akuntabilitas kuota magang.", "Accountability of internship quotas."),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual("Penyelia magang dan kepala.", "Intern supervisors and the head."),
        safeguards=Bilingual("Hanya nama pengguna.", "The username only."),
    ),
    Processing(
        table="red_button_case",
        columns=("account", "identity", "reported", "acknowledged_by"),
        data_class="red_button",
        subjects=Bilingual(
            "Peserta magang yang melapor kekerasan atau pelecehan, dan orang yang dilaporkan",
            "Interns who report violence or harassment, and those they report",
        ),
        fields=Bilingual(
            "Uraian kejadian (disegel); identitas pelapor bila tidak anonim (disegel);"
            " orang dan/atau unit yang dilaporkan (disegel, dengan hash berkunci untuk"
            " mencocokkan laporan berulang); tingkat keparahan; petugas yang menanggapi.",
            "What happened (sealed); the reporter's identity unless anonymous (sealed);"
            " the person and/or unit reported (sealed, with keyed hashes to match repeated"
            " reports); severity; the officer who acknowledged.",
        ),
        purpose=Bilingual(
            "Melindungi peserta magang dalam 1x24 jam (UU 12/2022 Pasal 42).",
            "Protecting the intern within 1x24 hours (UU 12/2022 art. 42).",
        ),
        legal_basis=LegalBasis.vital_interest,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Hanya petugas pelindungan kantor itu; identitas mode rahasia tetap tersegel."
            " Peristiwa hanya membawa kantor, waktu dan tingkat keparahan.",
            "The office's protection officers only; a confidential reporter's identity"
            " stays sealed. Events carry only the office, the time and the severity.",
        ),
        safeguards=Bilingual(
            "Disegel AES-GCM per baris; tanpa alamat IP atau data perangkat; kode tanda"
            " terima hanya disimpan sebagai hash; setiap pembacaan diaudit (`red_button_read`).",
            "Sealed with AES-GCM per row; no IP address or device data; the receipt code"
            " kept only as a hash; every read audited (`red_button_read`).",
        ),
    ),
    Processing(
        table="red_button_action",
        columns=("note", "taken_by"),
        data_class="red_button",
        subjects=Bilingual(
            "Peserta magang yang melapor, dan petugas pelindungan",
            "Interns who report, and protection officers",
        ),
        fields=Bilingual(
            "Tindakan pelindungan, catatannya (disegel), persetujuan peserta, petugas.",
            "Protective actions, their note (sealed), the intern's consent, the officer.",
        ),
        purpose=Bilingual(
            "Melindungi peserta magang dalam 1x24 jam (UU 12/2022 Pasal 42).",
            "Protecting the intern within 1x24 hours (UU 12/2022 art. 42).",
        ),
        legal_basis=LegalBasis.vital_interest,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Hanya petugas pelindungan kantor itu.", "The office's protection officers only."
        ),
        safeguards=Bilingual(
            "Catatan disegel AES-GCM; rujukan ke kampus hanya dengan persetujuan peserta.",
            "Notes sealed with AES-GCM; a referral to the university only with consent.",
        ),
    ),
    Processing(
        table="identity_request",
        columns=(
            "reason",
            "requested_by",
            "requested_username",
            "approved_by",
            "approved_username",
        ),
        data_class="access_audit",
        subjects=Bilingual("Petugas pelindungan", "Protection officers"),
        fields=Bilingual(
            "Siapa meminta dan siapa menyetujui pembukaan identitas pelapor rahasia, alasannya.",
            "Who asked and who approved opening a confidential reporter's identity, and why.",
        ),
        purpose=Bilingual(
            "Empat mata sebelum identitas pelapor rahasia dibuka.",
            "Four eyes before a confidential reporter's identity is opened.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Petugas pelindungan kantor itu.", "The office's protection officers."
        ),
        safeguards=_AUDIT,
    ),
    Processing(
        table="red_button_step",
        columns=("actor",),
        data_class="red_button",
        subjects=Bilingual("Petugas pelindungan", "Protection officers"),
        fields=Bilingual(
            "Petugas yang menanggapi dan kapan; eskalasi dan waktunya.",
            "The officer who acknowledged and when; escalations and their times.",
        ),
        purpose=Bilingual(
            "Mengukur waktu tanggap Tombol Merah (peringatan, tanggapan, tindakan).",
            "Measuring the Red Button's response times (alert, acknowledgement, action).",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Petugas pelindungan dan kepala kantor itu.",
            "The office's protection officers and head.",
        ),
        safeguards=_AUDIT,
    ),
    Processing(
        table="red_button_message",
        columns=("text", "officer"),
        data_class="red_button",
        subjects=Bilingual(
            "Peserta magang yang melapor, dan petugas pelindungan",
            "Interns who report, and protection officers",
        ),
        fields=Bilingual(
            "Pesan antara peserta magang dan petugas pelindungan (disegel); petugas"
            " penulisnya; waktunya.",
            "Messages between the intern and the protection officers (sealed); the officer"
            " who wrote; when.",
        ),
        purpose=Bilingual(
            "Menghubungi pelapor, juga yang anonim, untuk melindunginya.",
            "Reaching the reporter, anonymous ones too, to protect them.",
        ),
        legal_basis=LegalBasis.vital_interest,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Petugas pelindungan kantor itu, dan pemegang kode tanda terima.",
            "The office's protection officers, and whoever holds the receipt code.",
        ),
        safeguards=Bilingual(
            "Disegel AES-GCM per pesan; tanpa alamat IP atau data perangkat; setiap"
            " pembacaan petugas diaudit (`red_button_read`).",
            "Sealed with AES-GCM per message; no IP address or device data; every"
            " officer's read audited (`red_button_read`).",
        ),
    ),
    Processing(
        table="red_button_roster",
        columns=("username", "weekday", "starts", "ends", "set_by"),
        data_class="staff_actions",
        subjects=Bilingual("Petugas pelindungan", "Protection officers"),
        fields=Bilingual(
            "Nama pengguna petugas dan jam jaganya per hari; siapa mengisinya.",
            "The officer's username and on-duty hours per weekday; who set them.",
        ),
        purpose=Bilingual(
            "Memberi tahu petugas yang sedang berjaga saat Tombol Merah ditekan.",
            "Alerting the officers on duty when the Red Button is pressed.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Kepala kantor itu dan petugas pelindungannya.",
            "The office's head and its protection officers.",
        ),
        safeguards=Bilingual(
            "Hanya jadwal jaga; tidak ada isi laporan.",
            "Duty hours only; nothing of any report.",
        ),
    ),
    Processing(
        table="red_button_alert",
        columns=("recipient", "level", "alerted_at"),
        data_class="staff_actions",
        subjects=Bilingual("Petugas pelindungan dan kepala", "Protection officers and the head"),
        fields=Bilingual(
            "Siapa diberi tanda bahaya untuk kasus mana dan kapan (tanpa isi laporan).",
            "Who was alerted to which case and when (no content of the report).",
        ),
        purpose=Bilingual(
            "Memastikan tanda bahaya sampai dan naik tingkat bila tidak ditanggapi.",
            "Making sure the alert arrives and escalates when unanswered.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Petugas yang diberi tanda bahaya itu sendiri.",
            "The alerted officer themselves.",
        ),
        safeguards=Bilingual(
            "Petugas yang disebut dalam laporan tidak pernah diberi tanda bahaya.",
            "An officer the report names is never alerted.",
        ),
    ),
    Processing(
        table="red_button_contact",
        columns=("username", "role", "email", "phone", "set_by"),
        data_class="staff_actions",
        subjects=Bilingual("Petugas pelindungan dan kepala", "Protection officers and the head"),
        fields=Bilingual(
            "Surel dan nomor telepon dinas untuk tanda bahaya; siapa mengisinya.",
            "Work email and phone for alerts; who set them.",
        ),
        purpose=Bilingual(
            "Menyampaikan tanda bahaya Tombol Merah di luar layar (surel, WhatsApp/SMS).",
            "Delivering the Red Button's alerts off-screen (email, WhatsApp/SMS).",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Kepala kantor itu (tersamar); server surat kantor dan penyedia pesan saat mengirim.",
            "The office's head (masked); the office's mail server and message provider"
            " when sending.",
        ),
        safeguards=Bilingual(
            "Disegel dengan kunci layanan; pesan tidak memuat isi laporan.",
            "Sealed with the service keyring; messages carry nothing of any report.",
        ),
    ),
    Processing(
        table="red_button_delivery",
        columns=("username", "channel", "level", "status", "sent_at"),
        data_class="staff_actions",
        subjects=Bilingual("Petugas pelindungan dan kepala", "Protection officers and the head"),
        fields=Bilingual(
            "Kepada siapa, lewat saluran apa dan kapan tanda bahaya dikirim (tanpa alamat).",
            "To whom, by which channel and when an alert was sent (no address).",
        ),
        purpose=Bilingual(
            "Mengirim tanda bahaya sekali per orang dan mengulang bila server menolak.",
            "Sending each alert once per person, retried when the server refuses.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual("Tidak ada di luar layanan.", "Nobody outside the service."),
        safeguards=Bilingual(
            "Tanpa alamat dan tanpa isi laporan.",
            "No address and nothing of any report.",
        ),
    ),
    Processing(
        table="red_button_staff",
        columns=("username", "name_hash", "unit", "set_by"),
        data_class="staff_actions",
        subjects=Bilingual("Petugas pelindungan", "Protection officers"),
        fields=Bilingual(
            "Nama pengguna, hash berkunci nama, unit yang dibimbing; siapa mengisinya.",
            "Username, keyed hash of the name, the unit supervised; who set it.",
        ),
        purpose=Bilingual(
            "Menyembunyikan laporan Tombol Merah dari petugas yang dilaporkan atau yang"
            " membimbing di unit yang dilaporkan (benturan kepentingan).",
            "Hiding a Red Button case from an officer it names or who supervises at the"
            " unit it names (conflict of interest).",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual("Kepala kantor itu.", "The office's head."),
        safeguards=Bilingual(
            "Nama tidak disimpan, hanya hash berkunci.",
            "The name is not kept, only its keyed hash.",
        ),
    ),
    Processing(
        table="red_button_read",
        columns=("actor", "actor_username", "actor_roles"),
        data_class="access_audit",
        subjects=_READERS,
        fields=Bilingual(
            "Siapa membaca atau menanggapi laporan Tombol Merah, kapan.",
            "Who read or acknowledged a Red Button case, when.",
        ),
        purpose=Bilingual(
            "Akuntabilitas akses ke laporan Tombol Merah.",
            "Accountability of access to Red Button cases.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Selama laporan yang dibaca disimpan.", "As long as the case read is kept."
        ),
        recipients=_DPO,
        safeguards=_AUDIT,
    ),
)
