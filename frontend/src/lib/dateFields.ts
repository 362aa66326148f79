// The values behind the date fields. Mantine's inputs speak zone-less strings
// ("2026-12-06", "2026-12-06 09:30:00"); the API wants a calendar date as it is and a
// moment as an ISO instant. A date is never converted (a day does not move across
// zones); a date and time is a wall clock on the office's clock, sent with the office's
// offset, whatever zone the browser is in.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

// A real calendar day in the form's value, as the picker takes it; anything else: none.
export function pickerDate(value: string): string | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const [y = 0, mo = 0, d = 0] = m.slice(1).map(Number);
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d ? value : null;
}

// The wall clock ("2026-12-06 09:30:00") of an ISO instant on the clock of `timeZone`.
export function wallClock(instant: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(instant)) return null;
  const at = Date.parse(instant);
  if (Number.isNaN(at)) return null;
  const wall = new Date(Math.floor(at / 60_000) * 60_000 + offsetAt(at, timeZone));
  return wall.toISOString().slice(0, 19).replace("T", " ");
}

// A wall clock on `timeZone`'s clock as the ISO instant the API takes, with that zone's
// offset at that moment ("2026-12-06T09:30:00+08:00" in WITA).
export function officeInstant(wall: string, timeZone: string): string | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = m.slice(1).map((p) => Number(p ?? 0));
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (pickerDate(`${m[1]}-${m[2]}-${m[3]}`) === null || h > 23 || mi > 59 || s > 59) return null;
  // The offset at the guessed instant, once corrected: right across a zone's clock change.
  const instant = asUtc - offsetAt(asUtc - offsetAt(asUtc, timeZone), timeZone);
  const offset = Math.round(offsetAt(instant, timeZone) / 60_000);
  const wallText = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
  return `${wallText}${offsetText(offset)}`;
}

// Now, as the instant a date-and-time field starts from (to the minute).
export function nowInstant(timeZone: string, now: Date = new Date()): string {
  return officeInstant(wallClock(now.toISOString(), timeZone)!.slice(0, 16) + ":00", timeZone)!;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

// How far `timeZone`'s clock is ahead of UTC at `instant`, in milliseconds.
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return wall - Math.floor(instant / 60_000) * 60_000;
}

// The calendar's "today" is the office's: the month a picker opens on when empty, and
// the day marked as today (Mantine marks the browser's own date, which is tomorrow or
// yesterday for a browser far from the office around midnight). `getDayProps` may set
// the mark: what it returns is spread over Mantine's own. Not today is `null`, never
// `undefined`: Mantine drops undefined props (its useProps filters them), which left the
// browser's date marked too, two "today"s in one calendar; null removes the attribute
// (React writes none), though Mantine's types say a data attribute is never null.
export function todayMark(day: string, officeToday: string): { "data-today": true | undefined; "aria-current": "date" | undefined } {
  const today = day === officeToday;
  return { "data-today": today || NO_MARK, "aria-current": today ? "date" : undefined };
}
const NO_MARK = null as unknown as undefined;

// Whether an arrow key starts an empty field on the office's today (or now): Mantine's
// boxes start from 1 (day 1, month 1, year 1) on their own. Only when every box of the
// field is empty, so a part already typed is never overwritten.
export function startsOnToday(key: string, boxes: readonly string[]): boolean {
  return (key === "ArrowUp" || key === "ArrowDown") && boxes.length > 0 && boxes.every((box) => box === "");
}

// The day an empty field's calendar opens on: the office's today, kept within the
// field's first and last day as Mantine's own default is.
export function openingDay(officeToday: string, minDate?: string, maxDate?: string): string {
  if (minDate && officeToday < minDate) return minDate;
  if (maxDate && officeToday > maxDate) return maxDate;
  return officeToday;
}
