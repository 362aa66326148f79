// Bulk actions on a staff list, as pure logic shared by every list that has them (the
// examination board, the verification queue, the internship logbook): the selection
// (one row, a shift-range, all shown, all filtered), the preview of what will change
// and what will be refused, the undo window, and each row's result.
//
// The undo window holds the action in the browser: nothing is sent until it ends, so
// "undo" changes nothing on the server and needs no reverse call. That is the only
// undo every action can offer: an assignment cannot go back to "nobody" through the
// API, and a report routed away is out of the office's sight. Leaving the page within
// the window cancels too (the page says so, and the browser asks before closing it).
//
// Sending is one call per row with the version the list read (If-Match), so a retry
// after a lost answer can never apply twice: the server refuses the stale version, and
// the row is then read again to tell "it was ours" from "someone else changed it".
import type { Said } from "../i18n/said";

export const UNDO_SECONDS = 10;

// --- whether to offer ----------------------------------------------------------------

// Whether the list offers bulk work: some row shown carries an action the API allows
// this caller (its `allowed_actions`, from the rules the writes apply and the caller's
// roles), never the screen's own idea of who may act. Work the bar started stays on
// screen (rows chosen, a preview, the undo window, the results) even when the rows it
// changed no longer allow anything or left the list.
export function offersBulk(
  rows: readonly { allowed_actions?: readonly string[] }[],
  underway: { chosen: number; stage: string } = { chosen: 0, stage: "idle" },
): boolean {
  if (underway.chosen > 0 || underway.stage !== "idle") return true;
  return rows.some((r) => (r.allowed_actions ?? []).length > 0);
}

// --- selection -------------------------------------------------------------------------

export function toggled(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

// All shown at once: all when not all were chosen, none of them when they were.
export function toggledAll(selected: ReadonlySet<string>, shown: readonly string[]): Set<string> {
  const every = shown.length > 0 && shown.every((id) => selected.has(id));
  return every ? new Set([...selected].filter((id) => !shown.includes(id))) : new Set([...selected, ...shown]);
}

// Shift-range: every row from the anchor (the last one toggled) to `to` takes the
// anchor's state (chosen or not), as in a mail client's list.
export function rangeSelected(selected: ReadonlySet<string>, shown: readonly string[], anchor: number, to: number): Set<string> {
  if (shown.length === 0 || to < 0 || to >= shown.length) return new Set(selected);
  const from = anchor < 0 || anchor >= shown.length ? to : anchor;
  const choose = from === to ? !selected.has(shown[to]!) : selected.has(shown[from]!);
  const next = new Set(selected);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i += 1) {
    if (choose) next.add(shown[i]!);
    else next.delete(shown[i]!);
  }
  return next;
}

export type SelectKey = "toggle" | "range" | "all";

interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

// The selection keys of a list: x toggles the row, X (shift+x) selects up to it, * all
// shown. A modifier held leaves the key to the browser.
export function selectKey(event: KeyLike): SelectKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === "x") return "toggle";
  if (event.key === "X") return "range";
  if (event.key === "*") return "all";
  return null;
}

// --- every page of a filtered list ---------------------------------------------------------

export interface Paged<R> {
  items: R[];
  next_cursor?: string | null;
}

// Every row the filters select, page after page (the API's cursor), up to `max`: what
// "select all filtered" chooses, not just the page on screen.
export async function allPages<R>(page: (cursor: string | undefined) => Promise<Paged<R>>, max = 2000): Promise<{ rows: R[]; complete: boolean }> {
  const rows: R[] = [];
  let cursor: string | undefined;
  for (;;) {
    const got = await page(cursor);
    rows.push(...got.items);
    if (!got.next_cursor) return { rows, complete: true };
    if (rows.length >= max) return { rows: rows.slice(0, max), complete: false };
    cursor = got.next_cursor;
  }
}

// --- preview ---------------------------------------------------------------------------

// What one row's check says: the change it will get, or why the action is refused
// (from the API's `allowed_actions` or the row's state; the write checks again).
// Kept as what to say (worded when shown): the preview follows a switch of language.
export type Check = { change: Said } | { refused: Said };

export interface PlanLine<R> {
  row: R;
  change?: Said;
  refused?: Said;
}

export interface Plan<R> {
  lines: PlanLine<R>[];
  apply: R[];
  refused: number;
}

export function plan<R>(rows: readonly R[], check: (row: R) => Check): Plan<R> {
  const lines: PlanLine<R>[] = rows.map((row) => ({ row, ...check(row) }));
  return {
    lines,
    apply: lines.filter((l) => l.change !== undefined).map((l) => l.row),
    refused: lines.filter((l) => l.refused !== undefined).length,
  };
}

// --- the undo window -------------------------------------------------------------------------

// Whole seconds left of the window started at `started` (ms), never below zero.
export function secondsLeft(started: number, now: number, seconds = UNDO_SECONDS): number {
  return Math.max(0, Math.ceil((started + seconds * 1000 - now) / 1000));
}

// --- results ----------------------------------------------------------------------------------

// applied: done (or found done after a lost answer); refused: the API said no, and why;
// changed: someone changed the row since the list was read (reload and look again);
// failed: no answer at all, so not known (the list shows the truth once reloaded).
export type Outcome = "applied" | "refused" | "changed" | "failed";

export interface Result<R> {
  row: R;
  outcome: Outcome;
  // Kept as what to say (the API's problem, the preview's text), worded when shown.
  reason?: Said;
}

// One call's answer, as a row's sender reports it: an HTTP status and its problem's
// words, or a thrown error when no answer came.
export interface Answer {
  status: number;
  reason?: Said;
}

export interface Sender<R> {
  send: (row: R) => Promise<Answer>;
  // Read again after a refused retry: true when the row now is what the action makes it.
  reached: (row: R) => Promise<boolean>;
}

export async function runOne<R>(row: R, sender: Sender<R>): Promise<Result<R>> {
  let retried = false;
  let answer: Answer | null = null;
  for (let attempt = 0; attempt < 2 && answer === null; attempt += 1) {
    try {
      answer = await sender.send(row);
    } catch {
      retried = true;
    }
  }
  if (answer === null) return { row, outcome: "failed" };
  if (answer.status >= 200 && answer.status < 300) return { row, outcome: "applied" };
  if (answer.status === 412 || (retried && answer.status === 404)) {
    // After a lost answer the refusal may be our own first attempt, already applied.
    if (retried && (await sender.reached(row).catch(() => false))) return { row, outcome: "applied" };
    return { row, outcome: retried && answer.status === 404 ? "failed" : "changed" };
  }
  return { row, outcome: "refused", ...(answer.reason ? { reason: answer.reason } : {}) };
}

// Every row sent, `width` at a time (a long list does not flood the API), results in
// the rows' order.
export async function runAll<R>(rows: readonly R[], sender: Sender<R>, width = 3): Promise<Result<R>[]> {
  const results: Result<R>[] = new Array(rows.length);
  let next = 0;
  async function worker() {
    while (next < rows.length) {
      const i = next;
      next += 1;
      results[i] = await runOne(rows[i]!, sender);
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, rows.length) }, worker));
  return results;
}

// Every row of the preview in its order: the results of those sent, and those refused
// before sending with the preview's reason (a result table leaves no row out).
export function withRefusals<R>(planned: Plan<R>, sent: readonly Result<R>[]): Result<R>[] {
  const byRow = new Map(sent.map((r) => [r.row, r]));
  return planned.lines.map((line) =>
    line.refused !== undefined ? { row: line.row, outcome: "refused", reason: line.refused } : (byRow.get(line.row) ?? { row: line.row, outcome: "failed" }),
  );
}

export function tally<R>(results: readonly Result<R>[]): Record<Outcome, number> {
  const out: Record<Outcome, number> = { applied: 0, refused: 0, changed: 0, failed: 0 };
  for (const r of results) out[r.outcome] += 1;
  return out;
}
