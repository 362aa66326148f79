// A report's files from the portal (LAPOR!) and how their fetching goes: shown on the
// report's page (intake) and on the portal sync's (integration), so it is a file of its
// own that both areas name (areas.ts) rather than all of integration.ts on intake's
// screens. Keys start with `int.`.
export const PORTAL_FILES_ID = {
  "int.loading": "Memuat…",
  "int.failed": "Data tidak dapat dimuat. Coba lagi.",
  "int.files.title": "Berkas dari portal",
  "int.files.name": "Nama berkas",
  "int.files.status": "Keadaan",
  "int.files.attempts": "Percobaan",
  "int.files.nextTry": "Coba lagi",
  "int.files.reason": "Alasan",
  "int.files.empty": "Pengaduan ini tidak melampirkan berkas.",
  "int.files.state.waiting": "Menunggu diambil",
  "int.files.state.stored": "Tersimpan",
  "int.files.state.refused": "Ditolak",
  "int.files.state.failed": "Gagal diambil",
} as const;
