"""What intake's tables hold on people, and why: its part of the record of processing
(rendered into docs/processing.md). Tables are named, not imported: the record reads
as a document, beside the models it describes."""

from apik_intake.models.drafts import DRAFT_PROCESSING
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing

_COMPLAINT_HANDLING = Bilingual(
    "Menerima, memverifikasi dan menindaklanjuti laporan masyarakat atas maladministrasi"
    " (UU 37/2008), serta memberi tahu pelapor perkembangannya.",
    "Receiving, verifying and following up citizens' reports of maladministration"
    " (UU 37/2008), and telling the reporter how they progress.",
)
_REPORT_RETENTION = Bilingual(
    "Selama berkas laporan disimpan, lalu dianonimkan menurut periode retensi kelas data ini.",
    "As long as the report's file is kept, then anonymised after this data class's"
    " retention period.",
)

_TABLES: tuple[Processing, ...] = (
    Processing(
        table="reporter",
        columns=("identity", "nik_index", "phone_index", "email_index", "person_id"),
        data_class="reporter_identity",
        subjects=Bilingual("Pelapor dan kuasanya", "Reporters and their representatives"),
        fields=Bilingual(
            "Nama, NIK, telepon, email, tempat dan tanggal lahir, alamat, pekerjaan; kuasa"
            " pelapor: nama, NIK, kontak, alamat, hubungan, surat kuasa. Indeks buta NIK,"
            " telepon dan email untuk mengenali pelapor yang sama.",
            "Name, NIK, phone, email, place and date of birth, address, occupation; the"
            " representative's name, NIK, contacts, address, relationship, power of"
            " attorney. Blind indexes of NIK, phone and email to recognise a repeat reporter.",
        ),
        purpose=_COMPLAINT_HANDLING,
        legal_basis=LegalBasis.public_task,
        retention=_REPORT_RETENTION,
        recipients=Bilingual(
            "Petugas PVL, pemeriksa dan kepala kantor yang menerima laporan; identitas"
            " pelapor yang meminta kerahasiaan hanya untuk peran yang ditunjuk kantor"
            " (UU 37/2008 Pasal 24). Tidak dikirim ke layanan lain: event membawa referensi.",
            "The receiving office's intake officers, examiners and head; a reporter who asked"
            " for confidentiality only to the roles the office designates (UU 37/2008"
            " art. 24). Sent to no other service: events carry references.",
        ),
        safeguards=Bilingual(
            "Disegel AES-GCM per baris dengan rotasi kunci; indeks buta HMAC; tersamar bagi"
            " peran yang tidak berhak; setiap pembacaan diaudit (`identity_read`). Pengadu"
            " dari portal (LAPOR!) tiba dari layanan integrasi tersegel dengan kunci transfer"
            " (APIK_TRANSFER_KEYS, `complaint.pulled`); integrasi tidak menyimpannya.",
            "Sealed with AES-GCM per row, keys rotated; HMAC blind indexes; masked for roles"
            " not entitled; every read audited (`identity_read`). A portal's (LAPOR!)"
            " complainant arrives from the integration service sealed with the transfer"
            " keyring (APIK_TRANSFER_KEYS, `complaint.pulled`); integration does not keep it.",
        ),
    ),
    Processing(
        table="report",
        columns=("summary", "chronology", "question", "answer", "rejection_reason"),
        data_class="report_content",
        subjects=Bilingual(
            "Pelapor, dan pihak ketiga yang disebut dalam laporan",
            "Reporters, and third parties named in their account",
        ),
        fields=Bilingual(
            "Uraian dan kronologi laporan, pertanyaan dan jawaban konsultasi, alasan"
            " penolakan; hash PIN pelacakan (PIN tidak disimpan). Laporan dari aplikasi"
            " Open311: lokasi (alamat, koordinat) dan tautan media di dalam kronologi.",
            "The report's summary and chronology, a consultation's question and answer,"
            " the reason of a rejection; the tracking PIN's hash (the PIN is not kept)."
            " Reports from Open311 apps: the place (address, coordinates) and the media"
            " link, in the chronology.",
        ),
        purpose=_COMPLAINT_HANDLING,
        legal_basis=LegalBasis.public_task,
        retention=_REPORT_RETENTION,
        recipients=Bilingual(
            "Staf kantor yang menangani laporan; ringkasan dan instansi terlapor ke layanan"
            " pemeriksaan saat laporan diserahkan.",
            "The office's staff handling the report; the summary and the reported agency to"
            " the examination service when the report is handed over.",
        ),
        safeguards=Bilingual(
            "Hanya kantor penerima (atau peran nasional); akses berdasarkan peran.",
            "The receiving office only (or a national role); access by role.",
        ),
    ),
    Processing(
        table="attachment",
        columns=("filename", "storage_key"),
        data_class="report_attachments",
        subjects=Bilingual(
            "Pelapor, dan pihak ketiga dalam dokumen", "Reporters, and third parties in documents"
        ),
        fields=Bilingual(
            "Berkas bukti (KTP, surat, foto) dan nama berkasnya.",
            "Evidence files (ID cards, letters, photos) and their names.",
        ),
        purpose=_COMPLAINT_HANDLING,
        legal_basis=LegalBasis.public_task,
        retention=_REPORT_RETENTION,
        recipients=Bilingual(
            "Staf kantor yang menangani laporan.", "The office's staff handling the report."
        ),
        safeguards=Bilingual(
            "Isi berkas disegel AES-GCM di penyimpanan; makro dan berkas poliglot ditolak.",
            "Contents sealed with AES-GCM in the store; macros and polyglot files refused.",
        ),
    ),
    Processing(
        table="notice",
        columns=("message",),
        data_class="reporter_notices",
        subjects=Bilingual("Pelapor", "Reporters"),
        fields=Bilingual(
            "Pemberitahuan yang dikirim ke pelapor dan salurannya.",
            "Notices sent to the reporter, and on which channel.",
        ),
        purpose=_COMPLAINT_HANDLING,
        legal_basis=LegalBasis.public_task,
        retention=_REPORT_RETENTION,
        recipients=Bilingual("Pelapor; staf kantor.", "The reporter; the office's staff."),
        safeguards=Bilingual("Hanya kantor penerima.", "The receiving office only."),
    ),
    Processing(
        table="letter",
        columns=("correspondent", "subject"),
        data_class="correspondence",
        subjects=Bilingual(
            "Pengirim dan penerima surat (warga dan pejabat)",
            "Senders and recipients of letters (citizens and officials)",
        ),
        fields=Bilingual("Nama koresponden dan perihal surat.", "Correspondent and subject."),
        purpose=Bilingual("Agenda surat masuk dan keluar kantor.", "The office's letter agenda."),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Menurut jadwal retensi arsip kantor.", "The office's records retention schedule."
        ),
        recipients=Bilingual("Staf kantor.", "The office's staff."),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
    Processing(
        table="archive_loan",
        columns=("borrower", "lent_by", "received_by"),
        data_class="staff_activity",
        subjects=Bilingual("Pegawai kantor", "The office's staff"),
        fields=Bilingual(
            "Peminjam berkas arsip dan petugas yang meminjamkan dan menerimanya.",
            "Who borrowed an archive file, who lent it and who received it back.",
        ),
        purpose=Bilingual(
            "Mengendalikan peminjaman berkas fisik.", "Keeping track of lent paper files."
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Menurut jadwal retensi arsip kantor.", "The office's records retention schedule."
        ),
        recipients=Bilingual("Staf kantor.", "The office's staff."),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
    Processing(
        table="identity_read",
        columns=("actor", "actor_username", "actor_roles", "purpose"),
        data_class="access_audit",
        subjects=Bilingual(
            "Pegawai yang membaca identitas pelapor", "Staff who read reporters' identities"
        ),
        fields=Bilingual(
            "Siapa membaca identitas pelapor mana, kapan dan untuk apa.",
            "Who read which reporter's identity, when and why.",
        ),
        purpose=Bilingual(
            "Akuntabilitas akses ke data pribadi pelapor (diperiksa oleh DPO).",
            "Accountability of access to reporters' personal data (read by the DPO).",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Selama identitas yang dibaca disimpan.", "As long as the identity read is kept."
        ),
        recipients=Bilingual("Pejabat pelindungan data (DPO).", "The data protection officer."),
        safeguards=Bilingual("Hanya dibaca oleh peran DPO.", "Read by the DPO role only."),
    ),
    Processing(
        table="notification",
        columns=("recipient", "body"),
        data_class="reporter_identity",
        subjects=Bilingual("Pelapor", "Reporters"),
        fields=Bilingual(
            "Alamat email atau nomor WhatsApp pelapor (disegel) dan isi pemberitahuan"
            " (nomor registrasi, status, tanggal, tautan).",
            "The reporter's email address or WhatsApp number (sealed) and the notification's"
            " text (registration number, status, dates, links).",
        ),
        purpose=_COMPLAINT_HANDLING,
        legal_basis=LegalBasis.public_task,
        retention=_REPORT_RETENTION,
        recipients=Bilingual(
            "Pelapor sendiri, melalui server email atau penyedia WhatsApp kantor.",
            "The reporter, through the office's mail server or WhatsApp provider.",
        ),
        safeguards=Bilingual(
            "Penerima disegel AES-GCM; isi tidak memuat identitas maupun instansi terlapor.",
            "Recipient sealed with AES-GCM; the text carries no identity nor reported agency.",
        ),
    ),
)

PROCESSING = (*_TABLES, DRAFT_PROCESSING)
