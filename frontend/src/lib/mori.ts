// The internship staff screens' pure logic: the URL's tab and filters, the places left
// for an application's period and unit, the body of the logbook's bulk review (the selection
// is lib/bulk.ts's), and the completion check's unmet rules as the API words them.

import { APPLICATION_STATUSES, type MoriSearch } from "./routeSearch";

export { APPLICATION_STATUSES, MORI_AREAS, moriSearch, type MoriArea, type MoriSearch } from "./routeSearch";

// The months (YYYY-MM) a period touches, first to last.
export function monthsOf(start: string, end: string): string[] {
  const out: string[] = [];
  let [year, month] = start.slice(0, 7).split("-").map(Number) as [number, number];
  const last = end.slice(0, 7);
  for (let guard = 0; guard < 240; guard++) {
    const current = `${year}-${String(month).padStart(2, "0")}`;
    if (current > last) break;
    out.push(current);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return out;
}

export interface QuotaRow {
  unit: string;
  month: string; // its first day, YYYY-MM-DD
  places: number;
  taken: number;
  free: number;
}

// The places a unit still has over a whole period: the fewest free in any month it
// touches (acceptance needs one in every month). Null when a month has no quota known.
export function quotaLeft(quotas: QuotaRow[], unit: string, start: string, end: string): number | null {
  let least: number | null = null;
  for (const month of monthsOf(start, end)) {
    const row = quotas.find((q) => q.unit === unit && q.month.startsWith(month));
    if (!row) return null;
    least = least === null ? row.free : Math.min(least, row.free);
  }
  return least;
}

// The quotas' months to ask the API for, covering every listed period (at most 24).
export function quotaWindow(periods: { period_start: string; period_end: string }[]): { from: string; to: string } | null {
  if (periods.length === 0) return null;
  const from = periods.map((p) => p.period_start.slice(0, 7)).sort()[0]!;
  let to = periods.map((p) => p.period_end.slice(0, 7)).sort().at(-1)!;
  const months = monthsOf(`${from}-01`, `${to}-01`);
  if (months.length > 24) to = months[23]!;
  return { from, to };
}

export interface ApplicationFilters {
  status?: (typeof APPLICATION_STATUSES)[number];
  unit?: string;
  month?: string;
}

// The queue's filters as the API takes them (it filters, so that the CSV and every page
// hold what the screen shows): the URL's Indonesian `periode` is the API's `month`.
export function applicationFilters(search: MoriSearch): ApplicationFilters {
  const out: ApplicationFilters = {};
  if (search.status && (APPLICATION_STATUSES as readonly string[]).includes(search.status)) out.status = search.status as ApplicationFilters["status"];
  if (search.unit) out.unit = search.unit;
  if (search.periode) out.month = search.periode;
  return out;
}

export interface ReviewItem {
  entry_id: string;
  decision: "approve" | "return";
  comment?: string;
  version: number;
}

// The body of one bulk review: the chosen entries still shown (each with the version
// read, so an entry rewritten meanwhile is refused), one decision; a return needs its
// comment (3 characters or more, as the API asks).
export function reviewItems(
  entries: { id: string; version: number }[],
  selected: ReadonlySet<string>,
  decision: "approve" | "return",
  comment: string,
): { items: ReviewItem[]; error?: "none" | "comment" } {
  const chosen = entries.filter((e) => selected.has(e.id));
  if (chosen.length === 0) return { items: [], error: "none" };
  const text = comment.trim();
  if (decision === "return" && text.length < 3) return { items: [], error: "comment" };
  return {
    items: chosen.map((e) => ({ entry_id: e.id, decision, version: e.version, ...(text ? { comment: text } : {}) })),
  };
}

export const COMPLETION_RULES = ["period", "attendance", "logbook", "evaluation"] as const;
export type CompletionRule = (typeof COMPLETION_RULES)[number];

export interface Unmet {
  rule: CompletionRule | "other";
  values: Record<string, string>; // the numbers and dates the rule's message names
}

// What each rule's detail says after "needs … , has …" (the API's words, English), read
// into the numbers the catalogue's message in the user's language puts back.
const READINGS: Record<CompletionRule, [RegExp, string[], RegExp, string[]]> = {
  period: [/^from (\d{4}-\d{2}-\d{2})$/, ["end"], /^today (\d{4}-\d{2}-\d{2})$/, ["today"]],
  attendance: [/^(\d+)% of (\d+) working days$/, ["percent", "days"], /^(\d+) days$/, ["count"]],
  logbook: [/^(\d+)% of (\d+) working days$/, ["percent", "days"], /^(\d+) approved entries$/, ["count"]],
  evaluation: [/^at least (\d+)$/, ["min"], /^(\d+)$/, ["score"]],
};

function read(detail: string): Unmet {
  const found = /^([a-z_]+): needs (.+), has (.+)$/.exec(detail);
  const reading = found ? READINGS[found[1] as CompletionRule] : undefined;
  const required = reading && reading[0].exec(found![2]!);
  const actual = reading && reading[2].exec(found![3]!);
  if (!reading || !required || !actual) return { rule: "other", values: { text: detail } };
  const values: Record<string, string> = {};
  reading[1].forEach((name, i) => (values[name] = required[i + 1]!));
  reading[3].forEach((name, i) => (values[name] = actual[i + 1]!));
  return { rule: found![1] as CompletionRule, values };
}

// The rules a completion request did not meet, from the 409 `completion-not-met`
// problem's errors (`"<rule>: needs <required>, has <actual>"`); empty for any other.
// A detail this version cannot read is kept whole (`other`), never dropped.
export function unmetRules(problem: unknown): Unmet[] {
  const p = (problem ?? {}) as { type?: unknown; errors?: { detail?: unknown }[] };
  if (typeof p.type !== "string" || !p.type.endsWith("/completion-not-met")) return [];
  return (p.errors ?? []).flatMap((e) => (typeof e.detail === "string" ? [read(e.detail)] : []));
}

// The evaluation's final score out of 100 as the API computes it from 1-5 scores is
// the API's; the form only checks every criterion has a score.
export function missingScores(criteria: string[], scores: Record<string, number | undefined>): string[] {
  return criteria.filter((c) => !(typeof scores[c] === "number" && scores[c]! >= 1 && scores[c]! <= 5));
}
