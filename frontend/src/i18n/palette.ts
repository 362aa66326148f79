// The command palette, the shortcuts' help and the drafts of forms. Bahasa Indonesia
// first; kept beside the main catalogue and merged into it.

export const PALETTE_ID = {
  "palette.title": "Palet perintah",
  "palette.open": "Cari layar atau nomor (Ctrl+K)",
  "palette.search": "Cari layar, atau ketik nomor registrasi",
  "palette.results": "Hasil pencarian",
  "palette.screen": "Layar",
  "palette.report": "Buka laporan {number}",
  "palette.case": "Buka perkara {number}",
  "palette.looking": "Mencari nomor {number}…",
  "palette.notFound": "Tidak ada laporan atau perkara bernomor {number} di kantor Anda.",
  "palette.lookupFailed": "Nomor {number} tidak dapat dicari sekarang. Coba lagi.",
  "palette.nothing": "Tidak ada layar yang cocok. Untuk membuka laporan atau perkara, ketik nomor registrasinya lengkap.",
  "palette.hint": "↑ ↓ memilih, Enter membuka, Esc menutup",
  "keys.title": "Pintasan papan ketik",
  "keys.page": "Di halaman ini",
  "keys.everywhere": "Di semua halaman",
  "keys.palette": "Buka palet perintah: pindah layar, buka laporan atau perkara dengan nomornya",
  "keys.help": "Tampilkan pintasan ini",
  "keys.close": "Tutup dialog atau palet",
  "keys.none": "Halaman ini tidak punya pintasan sendiri.",
  "keys.openReport": "Buka laporan yang dipilih",
  "draft.restored": "Draf dipulihkan: isian yang belum disimpan dikembalikan.",
  "draft.discard": "Buang draf",
  "board.key": "Tombol",
  "board.action": "Tindakan",
} as const;
