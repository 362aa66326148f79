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

export const KPI_DEFINITIONS_EN: Record<keyof typeof KPI_DEFINITIONS_ID, string> = {
  "kpi.def.knl_recorded": "Consultations (KNL) answered and closed at intake: intake's consultation.recorded events, one per consultation. The year is that of registration (registered_at), when the consultation was received.",
  "kpi.def.lm_registered": "Public reports registered: report.registered events of kind LM or RCO, one per report. The year is that of registration (registered_at).",
  "kpi.def.reports_handed_over": "Reports the plenary accepted and handed to examination (regular or rapid-response track): report.verified events, one per report. The year is that of the decision (verified_at).",
  "kpi.def.reports_closed": "Cases closed by examination: case.closed events, one per case. The year is that of the closure (closed_at); a case reopened and closed again counts once, in the year of its last closure, with its last outcome. An office's old records brought in by an import count in the year their old application closed them (report.imported closed_at).",
  "kpi.def.reports_in_process": "Cases still open at the end of the year: opened (case.opened) on or before 31 December and not closed (case.closed) by then.",
  "kpi.def.closed_within_sla_pct": "Share of the cases closed in the year whose SLA clock was met at closure (case.closed durations.sla_state = met), in percent.",
  "kpi.def.avg_working_days_to_close": "Average working days from opening to closure (case.closed durations.working_days, in the office's calendar) of the cases closed in the year. Lower is better: the percentage is target / achieved.",
  "kpi.def.desk_visits": "Visits served at the consultation desk (AMER), rated or not: one per visit (visit.ended, or visit.completed when it comes first or alone). The year is that of the check-in (checked_in_at).",
  "kpi.def.desk_avg_duration_minutes": "Average service duration, timed at the desk (visit.ended or visit.completed duration_seconds / 60), of the year's visits. Lower is better: the percentage is target / achieved.",
  "kpi.def.desk_avg_rating": "Average rating the visitors gave, 1 (very bad) to 5 (very good), of the year's rated visits (visit.completed rating); visits left unrated are not in it.",
  "kpi.def.ikm": "Community satisfaction index (IKM) of the reporters whose cases examination closed: their answers to the satisfaction survey (case.surveyed, one per case), nine elements each rated 1 to 4. Per element the average of the year's answers (NRR); the index is 25 x the sum of the nine NRR / 9, rounded half-up to two decimals: A 88.31-100 very good, B 76.61-88.30 good, C 65.00-76.60 poor, D 25.00-64.99 not good. The year is that of the answer (answered_at); none without answers. Every office together is the index of all their answers.",
  "kpi.def.public_loss_prevented_idr": "Public loss prevented (kerugian publik yang dicegah), in rupiah: the sum of case.closed public_loss.amount_idr of kind prevented, of the cases closed in the year (year of the last closure, whose loss counts). Cases and people affected, per substance and agency type: the public_loss breakdown.",
  "kpi.def.public_loss_recovered_idr": "Public loss recovered (kerugian publik yang dipulihkan), in rupiah: the sum of case.closed public_loss.amount_idr of kind recovered, of the cases closed in the year (year of the last closure, whose loss counts). Cases and people affected, per substance and agency type: the public_loss breakdown.",
};
