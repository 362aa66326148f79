// Each KPI indicator's definition, by its code, in both languages: the dashboard words
// them here, in the user's language, whatever the API's answer holds (the API keeps its
// own `definition_id` / `definition_en` for other clients, and as this catalogue's
// fallback for an indicator newer than the app). Every code the API can return
// (kpiIndicators.json, checked against reporting's list by
// tests/deploy/test_web_catalogues.py) has both (kpiDefinitions.test.ts). Taken from
// reporting's `kpis/rules.py`, the annual report's wording.

export const KPI_DEFINITIONS_ID = {
  "kpi.def.knl_recorded": "Konsultasi Non Laporan yang dijawab dan ditutup di PVL (peristiwa consultation.recorded); tahun menurut tanggal registrasi.",
  "kpi.def.lm_registered": "Laporan Masyarakat (jenis LM atau RCO) yang diregistrasi (report.registered); tahun menurut tanggal registrasi.",
  "kpi.def.reports_handed_over": "Laporan yang diterima rapat pleno dan diserahkan ke Keasistenan Pemeriksaan (report.verified); tahun menurut tanggal putusan.",
  "kpi.def.reports_closed": "Laporan yang ditutup oleh Pemeriksaan (case.closed); tahun menurut tanggal penutupan; laporan yang dibuka kembali dihitung sekali, pada penutupan terakhir; arsip lama yang diimpor dihitung pada tahun penutupannya di aplikasi lama (report.imported).",
  "kpi.def.reports_in_process": "Laporan yang dibuka Pemeriksaan sampai 31 Desember dan belum ditutup pada tanggal itu.",
  "kpi.def.closed_within_sla_pct": "Persentase laporan yang ditutup pada tahun itu dalam batas waktu SLA.",
  "kpi.def.avg_working_days_to_close": "Rata-rata hari kerja sejak laporan dibuka sampai ditutup, bagi laporan yang ditutup pada tahun itu; makin kecil makin baik.",
  "kpi.def.desk_visits": "Kunjungan yang dilayani di meja konsultasi, dinilai atau tidak (visit.ended, visit.completed); tahun menurut tanggal kedatangan.",
  "kpi.def.desk_avg_duration_minutes": "Rata-rata lama layanan yang diukur di meja layanan; makin kecil makin baik.",
  "kpi.def.desk_avg_rating": "Rata-rata nilai yang diberikan pengunjung, 1 (sangat buruk) sampai 5 (sangat baik), dari kunjungan yang dinilai.",
  "kpi.def.ikm": "Indeks kepuasan pelapor atas penanganan laporannya: jawaban survei kepuasan setelah laporan ditutup (case.surveyed), sembilan unsur bernilai 1 sampai 4. Per unsur dihitung nilai rata-rata (NRR) jawaban tahun itu; IKM = 25 x jumlah NRR sembilan unsur / 9, dibulatkan dua desimal: A 88,31-100 sangat baik, B 76,61-88,30 baik, C 65,00-76,60 kurang baik, D 25,00-64,99 tidak baik. Tahun menurut tanggal pengisian survei.",
  "kpi.def.public_loss_prevented_idr": "Jumlah kerugian publik yang dicegah (rupiah) yang dicatat Pemeriksaan saat laporan ditutup (case.closed public_loss, jenis prevented); tahun menurut tanggal penutupan terakhir.",
  "kpi.def.public_loss_recovered_idr": "Jumlah kerugian publik yang dipulihkan (rupiah) yang dicatat Pemeriksaan saat laporan ditutup (case.closed public_loss, jenis recovered); tahun menurut tanggal penutupan terakhir.",
} as const;
