// Dates as the office reads them: in the office's own zone, with the zone's Indonesian
// name (WIB, WITA, WIT), whatever zone the browser is in.

const ZONE_NAMES: Record<string, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

export function zoneName(timeZone: string): string {
  return ZONE_NAMES[timeZone] ?? timeZone;
}

export function formatDateTime(iso: string, timeZone: string, locale = "id-ID"): string {
  const text = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
  return `${text} ${zoneName(timeZone)}`;
}

export function formatDate(iso: string, timeZone: string, locale = "id-ID"): string {
  // A bare date (2026-12-05) is a calendar day, not a moment: never shift it.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    return new Intl.DateTimeFormat(locale, { timeZone: "UTC", dateStyle: "long" }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  }
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "long" }).format(new Date(iso));
}

// Today's date (YYYY-MM-DD) in the office's zone: the latest day a date picker offers,
// whatever the browser's own date.
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

// Midday of a calendar day in the office's zone, as an instant the API reads
// (2026-12-04T12:00:00+09:00): a day something was received on paper, told as a moment.
// Midday keeps it inside that day whatever the zone's offset.
export function middayIn(day: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(
    new Date(`${day}T12:00:00Z`),
  );
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const offset = name === "GMT" ? "+00:00" : name.slice(3);
  return `${day}T12:00:00${offset}`;
}
