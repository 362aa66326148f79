// The conflict dialog's words (components/ConflictDialog.tsx): a save refused because
// someone else changed the record first. Staff screens of every area open it, and so do
// the public pages a signed-in officer edits (an article, a village), so it travels with
// the public pages' part (publicScreens.ts), which every screen but the entry's loads.
export const CONFLICT_ID = {
  "conflict.title": "Perkara sudah diubah",
  "conflict.body": "Orang lain mengubah perkara ini sejak Anda membukanya, jadi isian Anda belum disimpan. Muat versi terbaru, periksa, lalu simpan lagi: isian Anda tetap ada.",
  "conflict.reload": "Muat versi terbaru",
  "conflict.reportTitle": "Laporan sudah diubah",
  "conflict.reportBody": "Orang lain mengubah laporan ini sejak Anda membukanya, jadi isian Anda belum disimpan. Muat versi terbaru, periksa, lalu simpan lagi: isian Anda tetap ada.",
  "conflict.visitTitle": "Kunjungan sudah diubah",
  "conflict.visitBody": "Orang lain mengubah kunjungan ini setelah Anda membukanya. Tidak ada yang tertimpa; isian Anda tetap ada. Muat versi terbaru, lalu simpan lagi.",
  "conflict.memberTitle": "Data anggota sudah berubah",
  "conflict.memberBody": "Orang lain mengubah anggota ini. Tidak ada yang tertimpa; muat versi terbaru lalu ulangi.",
  "conflict.recordTitle": "Data ini baru saja diubah orang lain",
  "conflict.recordBody": "Tidak ada yang tertimpa. Isian Anda tetap di formulir; muat versi terbaru, lalu simpan lagi.",
} as const;
