// The publications, social media and villages screens' pure logic: who took each step
// and when (from the API's history), a sheet's problems by row and column, the year's
// totals across platforms, and what a step needs before it is sent.

export interface HistoryEntry {
  at: string; // ISO instant
  by: string; // username
  step: string; // the API's name of the step
  to?: string; // the status or stage it went to, when it moved one
  note?: string;
  number?: string;
}

// The API keeps the history as plain objects: read the fields the screens show, skip
// what is not a step.
export function historyOf(raw: readonly Record<string, unknown>[]): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const item of raw) {
    const { at, by, step } = item;
    if (typeof at !== "string" || typeof by !== "string" || typeof step !== "string") continue;
    const entry: HistoryEntry = { at, by, step };
    for (const key of ["to", "note", "number"] as const) {
      const value = item[key];
      if (typeof value === "string" && value !== "") entry[key] = value;
    }
    // A village's decision keeps its letter's number as `decree_number`.
    if (typeof item.decree_number === "string" && item.decree_number !== "") entry.number ??= item.decree_number;
    out.push(entry);
  }
  return out;
}

// Each stage the record reached, with who moved it there and when; the latest arrival
// when it was reached twice (returned to mentoring, then verified again).
export function stageTrail(raw: readonly Record<string, unknown>[]): HistoryEntry[] {
  const latest = new Map<string, HistoryEntry>();
  for (const entry of historyOf(raw)) {
    if (!entry.to) continue;
    latest.delete(entry.to); // re-inserted at the end: the trail keeps the order reached
    latest.set(entry.to, entry);
  }
  return [...latest.values()];
}

export interface CellProblem {
  row: number | null; // the sheet's row (the header is row 1); null for the whole sheet
  column: string;
  message: string;
}

// A form's errors keyed `rows.<row>.<column>` (the API's `#/body/rows/3/reach`), listed
// by row then column; anything else (the file itself) first, with no row.
export function sheetProblems(fields: Record<string, string>): CellProblem[] {
  const out: CellProblem[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const match = /^rows\.(\d+)\.(.+)$/.exec(path);
    if (match) out.push({ row: Number(match[1]), column: match[2] ?? "", message });
    else out.push({ row: null, column: path, message });
  }
  return out.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || a.column.localeCompare(b.column));
}

export interface PlatformFigures {
  platform: string;
  posts: number;
  reach: number;
  impressions: number;
  engagement: number;
}

// The year's row under the per-platform table.
export function allPlatforms(rows: readonly PlatformFigures[]): Omit<PlatformFigures, "platform"> {
  return rows.reduce(
    (sum, r) => ({
      posts: sum.posts + r.posts,
      reach: sum.reach + r.reach,
      impressions: sum.impressions + r.impressions,
      engagement: sum.engagement + r.engagement,
    }),
    { posts: 0, reach: 0, impressions: 0, engagement: 0 },
  );
}

// A count typed by staff: digits, with the thousands grouped by dots or commas as
// platforms show them (`12.345`); null when it is not a whole number of 0 or more.
export function countOf(text: string): number | null {
  const plain = text.trim().replace(/[.,\s](?=\d{3}(\D|$))/g, "");
  return /^\d{1,10}$/.test(plain) ? Number(plain) : null;
}

// Steps that go back (returned, withdrawn) are offered as the quieter button.
export function isBackward(from: string, to: string, order: readonly string[]): boolean {
  const a = order.indexOf(from);
  const b = order.indexOf(to);
  return a >= 0 && b >= 0 && b < a;
}

export const ARTICLE_ORDER = ["draft", "review", "approved", "published"] as const;
export const VILLAGE_ORDER = ["nominated", "mentoring", "regency_verified", "office_verified", "decided"] as const;
