// The words every staff screen may show, whatever its area (issue 21): the home queues'
// names and counts (the home screen lists each area's work), a download's failure (the
// desk's prints, the archive's files). Fetched with the first staff screen, with the
// refusals (areas.ts: the shared staff part). A key only one area's screens use
// belongs in that area's file.
export const STAFF_ID = {
  "queue.registered": "Menunggu verifikasi formil",
  "queue.awaiting_completion": "Menunggu kelengkapan dari pelapor",
  "queue.formally_verified": "Menunggu verifikasi materiil",
  "queue.materially_verified": "Menunggu keputusan pleno",
  "queue.mine": "Ditugaskan kepada saya",
  "queue.casesMine": "Perkara saya",
  "queue.casesWarning": "Perkara mendekati batas waktu",
  "queue.casesBreached": "Perkara melewati batas waktu",
  "queue.deskWaiting": "Tamu menunggu di meja layanan",
  "home.visitors": "{count, plural, other {# tamu}}",
  "intern.home.returned": "Logbook bulan ini yang dikembalikan untuk diperbaiki",
  "intern.home.entries": "{count, plural, other {# entri}}",
  "prev.home.subjectOverdue": "Permintaan subjek data lewat tenggat",
  "visit.downloadFailed": "Berkas tidak dapat diambil. Coba lagi.",
} as const;
