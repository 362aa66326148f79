// The parts of the date fields (Bahasa Indonesia first): each box's name for a screen
// reader, its placeholder (the order typed), the zone a time is on, and the names of the
// calendar's arrows. Keys start with `dates.`.

export const DATES_ID = {
  "dates.day": "Tanggal",
  "dates.month": "Bulan",
  "dates.year": "Tahun",
  "dates.hours": "Jam",
  "dates.minutes": "Menit",
  "dates.clear": "Kosongkan tanggal",
  "dates.dayHint": "hh",
  "dates.monthHint": "bb",
  "dates.yearHint": "tttt",
  "dates.hoursHint": "jj",
  "dates.minutesHint": "mm",
  "dates.zone": "Waktu {zone}",
  "dates.previousMonth": "Bulan sebelumnya",
  "dates.nextMonth": "Bulan berikutnya",
  "dates.previousYear": "Tahun sebelumnya",
  "dates.nextYear": "Tahun berikutnya",
  "dates.previousDecade": "Dekade sebelumnya",
  "dates.nextDecade": "Dekade berikutnya",
} as const;
