// The words of other areas that the entry chunk's screens show (messages.ts): the staff
// menu's names of every area's screens and a tracked report's outcome. Moved here from
// those areas' files, which load with their screens (areas.ts); a key an entry screen
// (sign-in, public report, tracking, the layout and its menu) starts to use moves here
// too, with its English in en/entry.ts.
export const ENTRY_ID = {
  "nav.admin": "Administrasi",
  "sahabat.nav": "Laporan saya",
  "nav.desk": "Meja layanan",
  "int.nav.imports": "Impor arsip lama",
  "int.nav.portal": "Portal LAPOR!",
  "intern.nav": "Magang saya",
  "nav.kpi": "Kinerja",
  "rb.nav": "Tombol Merah",
  "rb.navOfficers": "Perlindungan",
  "mori.nav.apply": "Daftar magang",
  "mg.nav": "Magang",
  "prev.nav": "Pencegahan",
  "prev.navPublic": "Hasil penilaian kepatuhan",
  "rb.navAlerts": "Peringatan Tombol Merah",
  "rb.navContacts": "Kontak peringatan",
  "fmt.nav": "Format institusi",
  "prev.pubs.nav": "Publikasi",
  "nav.archive": "Surat dan arsip",
  "outcome.resolved_by_agency": "Diselesaikan oleh instansi",
  "outcome.conciliation": "Konsiliasi",
  "outcome.no_maladministration": "Tidak ditemukan maladministrasi",
  "outcome.in_court": "Dalam proses peradilan",
  "outcome.withdrawn": "Dicabut pelapor",
  "outcome.not_authority": "Bukan kewenangan Ombudsman",
  "outcome.no_data": "Data tidak lengkap",
  "outcome.recommendation": "Rekomendasi",
} as const;
