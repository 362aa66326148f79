"""The vocabulary of the synthetic archive (data only; `scale_corpus.py` draws from it).

Sentences are templates: `[a|b|c]` is one of the alternatives (they nest), `{slot}` a
value drawn per report (`{place}` a regency or city of the office, `{village}`,
`{name}`, `{n}` a small number, `{amount}` rupiah, `{day}`/`{month}`/`{year}` a date,
`{address}`, `{occupation}`, `{docno}` a file number, `{agency}` the reported agency).
Real complaints are each written by someone else: they share the sector's words and
the stock phrases of a complaint, rarely a whole sentence. The alternatives and slots
keep two unrelated reports' trigram similarity where real ones are (about 0.1 to 0.3)
while a re-sent letter stays close to its original.
"""

# Sentences read better whole than wrapped:
# ruff: noqa: E501

from __future__ import annotations

# 34 offices (one per province, as the Ombudsman's regional offices), each with the
# weight of its share of reports and a few of its regencies and cities. Jakarta Raya is
# the large office.
OFFICES: dict[str, tuple[float, list[str]]] = {
    "JAKARTA": (
        30.0,
        [
            "Jakarta Pusat",
            "Jakarta Timur",
            "Jakarta Selatan",
            "Jakarta Barat",
            "Jakarta Utara",
            "Kepulauan Seribu",
            "Kota Bekasi",
            "Kota Depok",
        ],
    ),
    "JABAR": (6.0, ["Kota Bandung", "Kabupaten Bogor", "Kabupaten Garut", "Kota Cirebon"]),
    "JATIM": (6.0, ["Kota Surabaya", "Kabupaten Malang", "Kabupaten Jember", "Kota Kediri"]),
    "JATENG": (5.0, ["Kota Semarang", "Kabupaten Banyumas", "Kota Surakarta", "Kabupaten Kudus"]),
    "SUMUT": (
        4.0,
        ["Kota Medan", "Kabupaten Deli Serdang", "Kota Pematangsiantar", "Kabupaten Karo"],
    ),
    "SULSEL": (3.5, ["Kota Makassar", "Kabupaten Gowa", "Kota Parepare", "Kabupaten Bone"]),
    "BANTEN": (3.0, ["Kota Tangerang", "Kabupaten Serang", "Kota Cilegon", "Kabupaten Lebak"]),
    "SUMSEL": (
        2.5,
        ["Kota Palembang", "Kabupaten Ogan Ilir", "Kota Lubuklinggau", "Kabupaten Muara Enim"],
    ),
    "LAMPUNG": (
        2.5,
        ["Kota Bandar Lampung", "Kabupaten Lampung Selatan", "Kota Metro", "Kabupaten Pringsewu"],
    ),
    "RIAU": (2.5, ["Kota Pekanbaru", "Kota Dumai", "Kabupaten Kampar", "Kabupaten Siak"]),
    "SUMBAR": (2.0, ["Kota Padang", "Kota Bukittinggi", "Kabupaten Agam", "Kabupaten Solok"]),
    "ACEH": (
        2.0,
        ["Kota Banda Aceh", "Kota Lhokseumawe", "Kabupaten Aceh Besar", "Kabupaten Pidie"],
    ),
    "DIY": (
        2.0,
        ["Kota Yogyakarta", "Kabupaten Sleman", "Kabupaten Bantul", "Kabupaten Gunungkidul"],
    ),
    "BALI": (2.0, ["Kota Denpasar", "Kabupaten Badung", "Kabupaten Gianyar", "Kabupaten Buleleng"]),
    "NTB": (2.0, ["Kota Mataram", "Kabupaten Lombok Timur", "Kota Bima", "Kabupaten Sumbawa"]),
    "NTT": (2.0, ["Kota Kupang", "Kabupaten Ende", "Kabupaten Manggarai", "Kabupaten Sikka"]),
    "KALBAR": (
        1.8,
        ["Kota Pontianak", "Kota Singkawang", "Kabupaten Sambas", "Kabupaten Ketapang"],
    ),
    "KALTIM": (
        1.8,
        ["Kota Samarinda", "Kota Balikpapan", "Kota Bontang", "Kabupaten Kutai Kartanegara"],
    ),
    "KALSEL": (
        1.6,
        ["Kota Banjarmasin", "Kota Banjarbaru", "Kabupaten Banjar", "Kabupaten Tabalong"],
    ),
    "KALTENG": (1.2, ["Kota Palangka Raya", "Kabupaten Kotawaringin Timur", "Kabupaten Kapuas"]),
    "KALTARA": (0.8, ["Kota Tarakan", "Kabupaten Bulungan", "Kabupaten Nunukan"]),
    "SULUT": (1.4, ["Kota Manado", "Kota Bitung", "Kabupaten Minahasa", "Kota Tomohon"]),
    "SULTENG": (1.4, ["Kota Palu", "Kabupaten Donggala", "Kabupaten Poso", "Kabupaten Banggai"]),
    "SULTRA": (1.4, ["Kota Kendari", "Kota Baubau", "Kabupaten Kolaka", "Kabupaten Konawe"]),
    "SULBAR": (0.8, ["Kabupaten Mamuju", "Kabupaten Majene", "Kabupaten Polewali Mandar"]),
    "GORONTALO": (0.9, ["Kota Gorontalo", "Kabupaten Gorontalo", "Kabupaten Boalemo"]),
    "JAMBI": (1.4, ["Kota Jambi", "Kabupaten Muaro Jambi", "Kabupaten Kerinci", "Kabupaten Bungo"]),
    "BENGKULU": (1.2, ["Kota Bengkulu", "Kabupaten Rejang Lebong", "Kabupaten Seluma"]),
    "BABEL": (1.0, ["Kota Pangkalpinang", "Kabupaten Bangka", "Kabupaten Belitung"]),
    "KEPRI": (1.2, ["Kota Batam", "Kota Tanjungpinang", "Kabupaten Bintan", "Kabupaten Karimun"]),
    "MALUKU": (1.0, ["Kota Ambon", "Kota Tual", "Kabupaten Maluku Tengah"]),
    "MALUT": (0.8, ["Kota Ternate", "Kota Tidore Kepulauan", "Kabupaten Halmahera Utara"]),
    "PAPUA": (
        1.2,
        ["Kota Jayapura", "Kabupaten Jayapura", "Kabupaten Merauke", "Kabupaten Mimika"],
    ),
    "PABAR": (0.8, ["Kota Sorong", "Kabupaten Manokwari", "Kabupaten Fakfak"]),
}
LARGE_OFFICE = "JAKARTA"


# Per sector: (share of reports, agencies as (type, name pattern), summaries, chronology
# sentences).
SECTORS: dict[str, tuple[float, list[tuple[str, str]], list[str], list[str]]] = {
    "education": (
        24,
        [
            ("local_government", "Dinas Pendidikan {place}"),
            ("school", "SD Negeri {n} {place}"),
            ("school", "SMP Negeri {n} {place}"),
            ("school", "SMA Negeri {n} {place}"),
            ("school", "SMK Negeri {n} {place}"),
            ("university", "Universitas Negeri {place}"),
        ],
        [
            "[Ijazah|Ijazah dan SKHUN] [ditahan|tidak diberikan] [oleh sekolah|pihak sekolah]",
            "Pungutan [uang seragam|uang buku|uang gedung|sumbangan komite] [di sekolah negeri|]",
            "PPDB [jalur zonasi|jalur afirmasi|jalur prestasi] [tidak transparan|bermasalah]",
            "[Dana BOS|Dana PIP|Kartu Indonesia Pintar] [tidak jelas|tidak dicairkan|dipotong]",
            "[Siswa|Anak pelapor] [dikeluarkan|tidak naik kelas|dilarang ikut ujian] tanpa prosedur",
        ],
        [
            "[Sejak|Mulai|Pada] {month} {year} [pihak |]{agency} [menahan|tidak mau menyerahkan|belum menyerahkan] ijazah [anak pelapor|putri pelapor|putra pelapor|milik pelapor][ bernama {name}|].",
            "[Sekolah|Bendahara sekolah|Kepala sekolah] [meminta|mewajibkan|mengharuskan] pelapor [melunasi|membayar] [tunggakan|sisa biaya|uang komite] sebesar Rp{amount} [sebelum ijazah diserahkan|agar ijazah dapat diambil|terlebih dahulu].",
            "[Orang tua murid|Para wali murid|Pelapor dan orang tua lain] [diminta|diwajibkan] membayar [uang seragam|uang buku|uang kegiatan|uang gedung] sebesar Rp{amount}[ per anak| per semester|].",
            "[Anak pelapor|Putra pelapor|Putri pelapor] tidak diterima [pada|dalam] PPDB [jalur zonasi|jalur afirmasi] padahal [rumah|tempat tinggal] [hanya |]berjarak {n} ratus meter dari sekolah.",
            "[Komite sekolah|Pihak sekolah] menetapkan sumbangan [wajib|rutin] [tanpa rapat|tanpa musyawarah] dengan [orang tua murid|wali murid].",
            "[Dana|Bantuan] [Program Indonesia Pintar|PIP|KIP] atas nama {name} [belum diterima|tidak pernah diterima|dipotong Rp{amount}] [sejak|dari] {month} {year}.",
            "[Wali kelas|Guru|Operator sekolah] [menyampaikan|mengatakan] bahwa [anak pelapor|siswa tersebut] tidak boleh [ikut ujian|mengambil rapor] sebelum [pembayaran lunas|tunggakan dibayar].",
        ],
    ),
    "population_administration": (
        10,
        [
            ("local_government", "Dinas Kependudukan dan Pencatatan Sipil {place}"),
            ("local_government", "Kecamatan {village} {place}"),
        ],
        [
            "[KTP elektronik|KTP-el] [tidak kunjung dicetak|belum jadi]",
            "[Akta kelahiran|Akta kematian|Kartu keluarga] [belum terbit|tidak diproses|ditolak]",
            "Pungutan biaya [pembuatan|pengurusan] [akta|KTP|KK]",
        ],
        [
            "Pelapor [merekam data|melakukan perekaman] KTP elektronik di {agency} pada {month} {year} [namun|tetapi] [sampai sekarang|hingga hari ini] belum [dicetak|jadi].",
            "[Petugas|Pegawai di loket] [mengatakan|beralasan] [blangko|blanko] [KTP elektronik|KTP-el] [habis|kosong] dan meminta pelapor [datang lagi|kembali] [bulan depan|minggu depan|setelah lebaran].",
            "Pengurusan [akta kelahiran|akta kematian|kartu keluarga] [anak pelapor|orang tua pelapor|keluarga pelapor] atas nama {name} sudah lebih dari {n} [bulan|minggu] belum selesai.",
            "[Oknum petugas|Seorang calo di depan kantor|Petugas loket] meminta uang [sebesar|senilai] Rp{amount} agar [dokumen|berkas] [cepat selesai|diproses hari itu juga].",
            "Permohonan perubahan data [kartu keluarga|nama|tanggal lahir] ditolak tanpa [penjelasan tertulis|alasan yang jelas].",
        ],
    ),
    "village": (
        8,
        [
            ("village", "Pemerintah Desa {village}"),
            ("village", "Kepala Desa {village}"),
        ],
        [
            "[Dana desa|Anggaran desa] tidak transparan",
            "Kepala desa [menolak|tidak mau] [menerbitkan|menandatangani] surat keterangan",
            "[BLT dana desa|Bantuan desa] tidak tepat sasaran",
            "Pemberhentian perangkat desa [sepihak|tanpa prosedur]",
        ],
        [
            "Kepala Desa {village} tidak pernah [mengumumkan|memasang baliho] penggunaan dana desa tahun {year}.",
            "Pelapor meminta surat keterangan [tidak mampu|domisili|usaha] tetapi kepala desa menolak [tanpa alasan|dengan alasan yang tidak jelas].",
            "Penerima BLT dana desa di Desa {village} [adalah|sebagian besar] keluarga perangkat desa[ dan kerabat kepala desa|].",
            "Perangkat desa atas nama {name} diberhentikan tanpa rekomendasi camat[ pada {month} {year}|].",
            "Warga sudah {n} kali [mengadakan musyawarah|mengadukan hal ini ke BPD] namun tidak ada tindak lanjut.",
        ],
    ),
    "electricity": (
        10,
        [
            ("state_company", "PT PLN (Persero) UP3 {place}"),
            ("state_company", "PT PLN (Persero) ULP {place}"),
        ],
        [
            "Pemadaman listrik [berulang|bergilir] tanpa pemberitahuan",
            "Tagihan listrik [melonjak|naik] tidak wajar",
            "Permohonan [pasang baru|tambah daya] listrik tidak diproses",
            "[Meteran|kWh meter] listrik diputus sepihak",
        ],
        [
            "Listrik di [wilayah|kawasan] {village} padam {n} kali dalam [seminggu|sebulan] sejak {month} {year}.",
            "Tagihan listrik [rumah|usaha] pelapor naik menjadi Rp{amount} padahal pemakaian tidak berubah.",
            "Permohonan [pasang baru|tambah daya] diajukan ke {agency} pada {month} {year} dan belum ada petugas yang datang.",
            "Petugas [P2TL|lapangan] memutus [meteran|kWh meter] listrik dengan alasan pelanggaran tanpa berita acara[ dan meminta denda Rp{amount}|].",
            "[Peralatan elektronik|Kulkas dan televisi] warga rusak akibat tegangan listrik yang tidak stabil.",
        ],
    ),
    "social_assistance": (
        8,
        [
            ("local_government", "Dinas Sosial {place}"),
            ("state_company", "PT Pos Indonesia Cabang {place}"),
        ],
        [
            "Bantuan sosial [PKH|BPNT|BST] [dihentikan|tidak cair]",
            "Nama [tidak terdaftar|dicoret] dalam DTKS",
            "Potongan bantuan [sembako|PKH] oleh [pendamping|agen]",
        ],
        [
            "Pelapor [adalah|merupakan] penerima [PKH|BPNT] sejak {year} namun bantuan dihentikan tanpa pemberitahuan.",
            "Nama [pelapor|ibu pelapor] atas nama {name} tidak ada dalam Data Terpadu Kesejahteraan Sosial[ padahal sebelumnya terdaftar|].",
            "[Pendamping PKH|Agen e-warong|Ketua kelompok] memotong bantuan sebesar Rp{amount} dari setiap penerima.",
            "Bantuan pangan non tunai bulan {month} {year} tidak diterima oleh {n} keluarga di Desa {village}.",
        ],
    ),
    "tax": (
        10,
        [
            ("local_government", "Badan Pendapatan Daerah {place}"),
            ("ministry", "KPP Pratama {place}"),
        ],
        [
            "Tagihan PBB tidak sesuai [luas tanah|NJOP]",
            "Pengembalian kelebihan pajak tidak diproses",
            "Denda pajak [kendaraan|daerah] tidak wajar",
        ],
        [
            "Tagihan PBB tahun {year} mencantumkan luas [tanah|bangunan] {n} ratus meter persegi padahal [tanah|bangunan] pelapor lebih kecil.",
            "Permohonan pengembalian kelebihan pembayaran pajak sebesar Rp{amount} [diajukan|sudah diajukan] sejak {month} {year}.",
            "Petugas {agency} tidak memberikan tanda terima atas berkas keberatan pelapor[ nomor {docno}|].",
            "Pelapor dikenakan denda Rp{amount} padahal pembayaran [sudah dilakukan|telah disetor] tepat waktu.",
        ],
    ),
    "drinking_water": (
        6,
        [
            ("regional_company", "Perumda Air Minum {place}"),
            ("regional_company", "PDAM Tirta {village}"),
        ],
        [
            "Air [PDAM|bersih] tidak mengalir",
            "Tagihan air tetap [dibayar|ditagih] walau air mati",
            "Sambungan air baru tidak dipasang",
            "Air [PDAM|ledeng] keruh dan berbau",
        ],
        [
            "Air dari {agency} tidak mengalir ke rumah pelapor selama {n} [minggu|hari|bulan] sejak {month} {year}.",
            "[Walaupun|Meskipun] air tidak mengalir, pelapor tetap ditagih sebesar Rp{amount} per bulan.",
            "Pelapor telah membayar biaya sambungan baru[ sebesar Rp{amount}|] namun pipa belum juga dipasang.",
            "Air yang mengalir keruh, berbau dan tidak layak dipakai untuk [kebutuhan sehari-hari|memasak].",
        ],
    ),
    "civil_service": (
        6,
        [
            ("local_government", "Badan Kepegawaian dan Pengembangan SDM {place}"),
            ("local_government", "Sekretariat Daerah {place}"),
        ],
        [
            "Kenaikan pangkat tidak diproses",
            "Tunjangan pegawai tidak dibayarkan",
            "Mutasi pegawai tanpa prosedur",
            "Hasil seleksi [PPPK|CPNS] tidak diumumkan",
        ],
        [
            "Usulan kenaikan pangkat pelapor sudah diajukan sejak {month} {year} namun belum diproses.",
            "Tunjangan tambahan penghasilan pegawai selama {n} bulan belum dibayarkan[ kepada {n} orang pegawai|].",
            "Pelapor dimutasi ke {place} tanpa surat keputusan yang sah.",
            "Pengumuman hasil seleksi [PPPK|CPNS] tahun {year} ditunda tanpa kepastian jadwal.",
        ],
    ),
    "land": (
        6,
        [
            ("land_office", "Kantor Pertanahan {place}"),
            ("land_office", "Kantor Wilayah BPN {place}"),
        ],
        [
            "Sertifikat tanah tidak kunjung terbit",
            "Pengukuran [ulang |]tanah tidak dilakukan",
            "Sertifikat PTSL dipungut biaya",
            "Sertifikat ganda atas bidang tanah",
        ],
        [
            "Pelapor [mendaftarkan|mengajukan pendaftaran] tanah di {agency} pada {month} {year} dan sertifikat belum terbit[ dengan nomor berkas {docno}|].",
            "Petugas ukur sudah {n} kali dijadwalkan datang tetapi tidak pernah hadir.",
            "Panitia PTSL di Desa {village} memungut biaya sebesar Rp{amount} per bidang.",
            "Bidang tanah pelapor [seluas {n} ratus meter persegi |]ternyata juga bersertifikat atas nama {name}.",
        ],
    ),
    "banking": (
        7,
        [
            ("state_company", "PT Bank Rakyat Indonesia (Persero) Tbk Cabang {place}"),
            ("regional_company", "Bank Pembangunan Daerah Cabang {place}"),
        ],
        [
            "Agunan kredit tidak dikembalikan",
            "Restrukturisasi kredit ditolak",
            "Dana KUR dipotong tanpa persetujuan",
            "Saldo tabungan berkurang tanpa transaksi",
        ],
        [
            "Kredit pelapor lunas pada {month} {year} namun sertifikat agunan belum dikembalikan.",
            "Permohonan restrukturisasi kredit ditolak tanpa penjelasan padahal usaha pelapor terdampak.",
            "Pencairan KUR sebesar Rp{amount} dipotong untuk asuransi tanpa persetujuan pelapor.",
            "Saldo tabungan pelapor berkurang Rp{amount} tanpa ada transaksi dari pelapor.",
        ],
    ),
    "licensing": (
        1,
        [("local_government", "Dinas Penanaman Modal dan PTSP {place}")],
        ["Izin usaha tidak diterbitkan", "Persetujuan bangunan gedung berlarut"],
        [
            "Permohonan [izin|PBG] diajukan melalui OSS pada {month} {year} namun tidak diverifikasi.",
            "Petugas {agency} meminta biaya tambahan sebesar Rp{amount} di luar ketentuan.",
        ],
    ),
    "trade": (
        1,
        [("local_government", "Dinas Perindustrian dan Perdagangan {place}")],
        ["Relokasi pedagang pasar tanpa sosialisasi", "Retribusi kios pasar naik"],
        [
            "Pedagang Pasar {village} dipindahkan tanpa sosialisasi sejak {month} {year}.",
            "Retribusi kios naik menjadi Rp{amount} per bulan tanpa dasar peraturan daerah.",
        ],
    ),
    "cooperative": (
        1,
        [("local_government", "Dinas Koperasi dan UKM {place}")],
        ["Simpanan anggota koperasi tidak dikembalikan"],
        [
            "Simpanan pelapor di koperasi sebesar Rp{amount} tidak dapat ditarik sejak {year}.",
            "Pengurus koperasi tidak pernah mengadakan rapat anggota tahunan.",
        ],
    ),
    "transport": (
        1,
        [("local_government", "Dinas Perhubungan {place}"), ("police", "Samsat {place}")],
        ["Pungutan parkir liar", "Uji KIR dipersulit", "Pajak kendaraan dipungut ganda"],
        [
            "Petugas parkir di depan {agency} memungut Rp{amount} tanpa karcis.",
            "Pengujian kendaraan bermotor pelapor ditunda {n} kali tanpa alasan.",
        ],
    ),
    "agriculture_food": (
        1,
        [("local_government", "Dinas Pertanian {place}")],
        ["Pupuk bersubsidi langka", "Bantuan alat pertanian tidak merata"],
        [
            "Kelompok tani di Desa {village} tidak menerima pupuk bersubsidi sejak {month} {year}.",
            "Bantuan traktor hanya diberikan kepada kelompok tani yang dekat dengan kepala dinas.",
        ],
    ),
    "judiciary": (
        1,
        [
            ("police", "Polres {place}"),
            ("court", "Pengadilan Negeri {place}"),
            ("prosecutor", "Kejaksaan Negeri {place}"),
        ],
        ["Laporan polisi tidak ditindaklanjuti", "Salinan putusan tidak diberikan"],
        [
            "Pelapor membuat laporan polisi pada {month} {year} namun belum ada perkembangan penyidikan.",
            "Salinan putusan perkara pelapor belum diberikan setelah {n} bulan.",
        ],
    ),
    "labour": (
        1,
        [
            ("local_government", "Dinas Tenaga Kerja {place}"),
            ("state_company", "BPJS Ketenagakerjaan Cabang {place}"),
        ],
        ["Jaminan hari tua tidak dapat dicairkan", "Pesangon tidak dibayar"],
        [
            "Klaim jaminan hari tua pelapor ditolak karena data perusahaan tidak sesuai.",
            "Pelapor diberhentikan pada {month} {year} dan pesangon sebesar Rp{amount} tidak dibayar.",
        ],
    ),
}

# The reporter's own story, in every sector: who, where, when, what they were told.
STORY = [
    "[Pelapor|Pelapor, {name},|Pelapor atas nama {name}] [bekerja sebagai|adalah seorang|sehari-hari berprofesi sebagai] {occupation} [dan tinggal|yang berdomisili|dan bertempat tinggal] di {address}.",
    "Pada [tanggal|hari] {day} {month} {year} pelapor [datang ke|mendatangi|mengunjungi] {agency} [untuk|guna] [menanyakan|mengurus|menindaklanjuti] [permohonan|berkas|pengajuan] [tersebut|dengan nomor {docno}|miliknya].",
    "[Petugas|Pegawai|Staf] [bernama|atas nama|yang mengaku bernama] {name} [mengatakan|menyampaikan|menjelaskan] bahwa [berkas|permohonan] pelapor [masih diproses|sedang menunggu tanda tangan pimpinan|harus dilengkapi ulang|hilang dan harus diajukan kembali].",
    "[Pelapor|Pelapor dan keluarganya] [merasa dirugikan|sangat dirugikan|dirugikan secara materiil] karena harus [mengeluarkan biaya transportasi|izin dari pekerjaan|meninggalkan usahanya] [berulang kali|sebanyak {n} kali|hampir setiap minggu].",
    "[Pelapor juga sudah|Sebelumnya pelapor telah] [mengadu|menyampaikan keberatan|mengirim surat] kepada [atasan terlapor|kepala kantor|pimpinan {agency}] [melalui surat tertanggal {day} {month} {year}|secara lisan|melalui pesan WhatsApp] [namun tidak ada tanggapan|tetapi tidak mendapat jawaban|dan hanya dijanjikan akan diproses].",
    "[Hal yang sama|Kejadian serupa|Masalah ini] [juga dialami|dialami pula] oleh [warga lain|tetangga pelapor|sekitar {n} keluarga] di {place}.",
    "[Pelapor memohon|Pelapor meminta|Melalui laporan ini pelapor berharap] Ombudsman [memeriksa|menindaklanjuti|membantu menyelesaikan] [masalah|laporan] ini[ agar {agency} segera memberikan kepastian| secepatnya|].",
    "Tidak ada [penjelasan|pemberitahuan] tertulis dari [terlapor|{agency}|pihak kantor] mengenai [alasan penundaan tersebut|kapan urusan ini selesai|dasar aturan yang digunakan].",
    "[Menurut|Berdasarkan] [informasi|keterangan] [dari warga|dari petugas lain|yang diterima pelapor], [urusan serupa|berkas lain] bisa selesai [dalam {n} hari|lebih cepat] [jika membayar|dengan memberikan uang] [Rp{amount}|sejumlah uang].",
    "[Pelapor melampirkan|Bersama laporan ini pelapor menyertakan] [fotokopi KTP|bukti pembayaran|tanda terima berkas|foto-foto kejadian] [sebagai bukti|untuk melengkapi laporan][ (berkas nomor {docno})|].",
]
RESENT = [
    "Laporan ini [kami|saya] kirim ulang karena belum ada kabar.",
    "Surat ini merupakan pengiriman ulang atas pengaduan [sebelumnya|tertanggal {day} {month} {year}].",
    "Mohon perhatian, pengaduan yang sama sudah [kami|saya] sampaikan [bulan lalu|beberapa waktu lalu].",
]
CHANNELS = (
    ["web"] * 30
    + ["walk_in"] * 20
    + ["letter"] * 15
    + ["whatsapp"] * 12
    + ["email"] * 8
    + ["phone"] * 6
    + ["social_media"] * 4
    + ["portal"] * 3
    + ["outreach"] * 2
)
MALADMINISTRATION = [
    "undue_delay",
    "not_providing_service",
    "incompetence",
    "abuse_of_authority",
    "procedural_deviation",
    "asking_for_payment",
    "improper_conduct",
    "partiality",
    "discrimination",
    "conflict_of_interest",
]
# Closed cases by outcome, as the seed press release counts them; how each was closed.
OUTCOMES = (
    ["no_maladministration"] * 45
    + ["resolved_by_agency"] * 38
    + ["in_court"] * 5
    + ["conciliation"] * 2
    + ["withdrawn"] * 4
    + ["not_authority"] * 3
    + ["no_data"] * 3
)
ROUTES = (
    ["written_clarification"] * 40
    + ["oral_clarification"] * 25
    + ["field_investigation"] * 15
    + ["mediation"] * 5
    + ["conciliation"] * 3
    + ["reporter_request"] * 7
    + ["other"] * 5
)
