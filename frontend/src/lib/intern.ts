// The intern screens' pure logic: the tab the URL names, the office screen's code as
// typed (or scanned: `MORI-ATT:<office>:<code>`), a logbook entry's day and whether it
// can still be rewritten, and a time of day in the office's zone.
import type { MessageId } from "../i18n/messages";
import { problemSlug, type Said } from "../i18n/said";

export { INTERN_AREAS, internSearch, type InternArea } from "./routeSearch";

// What the API takes as the code: the digits typed (spaces and dashes dropped), or the
// code inside a scanned QR text; null when it cannot be one (the API wants 6 or more).
export function attendanceCode(typed: string): string | null {
  const text = typed.trim();
  const scanned = /^MORI-ATT:[^:]+:(.+)$/.exec(text);
  const code = (scanned ? scanned[1]! : text).replace(/[\s-]/g, "");
  return code.length >= 6 && code.length <= 64 ? code : null;
}

// An entry waiting for review or returned may be rewritten; an approved one is final.
export function rewritable(status: string): boolean {
  return status === "submitted" || status === "returned";
}

// The logbook's checks the form can make before sending: a day not after today, and the
// API's minimum of 10 characters.
export function logbookErrors(day: string, activities: string, today: string): { day?: "required" | "future"; activities?: "short" } {
  const errors: { day?: "required" | "future"; activities?: "short" } = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) errors.day = "required";
  else if (day > today) errors.day = "future";
  if (activities.trim().length < 10) errors.activities = "short";
  return errors;
}

export function timeOfDay(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

// What the API's refusal says, kept to be worded when shown: the ones an intern meets
// in the screen's own words (`known`: a problem type's slug, or a field's pointer, to a
// message), any other through the problem catalogue (`problemText`).
export function refusal(problem: unknown, known: Record<string, MessageId> = {}): Said {
  const p = (problem ?? {}) as { errors?: { pointer?: string }[] };
  const slug = problemSlug(problem);
  if (slug && known[slug]) return { id: known[slug]! };
  for (const e of p.errors ?? []) if (e.pointer && known[e.pointer]) return { id: known[e.pointer]! };
  return { problem };
}
