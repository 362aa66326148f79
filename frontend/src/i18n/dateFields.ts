// The parts of the date fields (Bahasa Indonesia first): each box's name for a screen
// reader, its placeholder (the order typed) and the zone a time is on. Keys start with `dates.`.

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
} as const;
