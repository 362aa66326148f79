// The examination board's URL state and keyboard moves, as pure functions: a bookmark or
// a shared link with a bad filter still opens a working board, and the shortcuts are
// tested without a browser.
import type { components } from "../api/schema";

type CaseStatus = components["schemas"]["CaseStatus"];
type SlaState = components["schemas"]["SlaState"];
type Classification = components["schemas"]["Classification"];

// Every value of the API's enums: the type check fails when the API adds one.
export const CASE_STATUSES = ["open", "waiting_reporter", "waiting_agency", "concluded", "monitoring", "closed"] as const satisfies readonly CaseStatus[];
export const SLA_STATES = ["on_track", "warning", "breached", "paused", "met"] as const satisfies readonly SlaState[];
export const CLASSIFICATIONS = ["sederhana", "sedang", "berat"] as const satisfies readonly Classification[];
type Exhaustive<T, U extends readonly T[]> = [T] extends [U[number]] ? true : never;
const _statuses: Exhaustive<CaseStatus, typeof CASE_STATUSES> = true;
const _states: Exhaustive<SlaState, typeof SLA_STATES> = true;
const _classes: Exhaustive<Classification, typeof CLASSIFICATIONS> = true;
void _statuses;
void _states;
void _classes;

// The board's search parameters, named in Indonesian as the app's other URLs are.
export interface BoardSearch {
  status?: CaseStatus;
  sla?: SlaState;
  klasifikasi?: Classification;
  pemeriksa?: string; // an examiner's id
  kursor?: string; // the API's cursor of the page shown
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return typeof value === "string" && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

// What the URL holds, kept only where it is a value the API takes; the rest is dropped.
export function boardSearch(raw: Record<string, unknown>): BoardSearch {
  const out: BoardSearch = {};
  const status = oneOf(CASE_STATUSES, raw.status);
  const sla = oneOf(SLA_STATES, raw.sla);
  const klasifikasi = oneOf(CLASSIFICATIONS, raw.klasifikasi);
  if (status) out.status = status;
  if (sla) out.sla = sla;
  if (klasifikasi) out.klasifikasi = klasifikasi;
  if (typeof raw.pemeriksa === "string" && UUID.test(raw.pemeriksa)) out.pemeriksa = raw.pemeriksa.toLowerCase();
  if (typeof raw.kursor === "string" && raw.kursor.length > 0 && raw.kursor.length <= 512) out.kursor = raw.kursor;
  return out;
}

// The API's query for the board's URL state.
export function caseQuery(search: BoardSearch, limit: number) {
  return {
    status: search.status,
    sla_state: search.sla,
    classification: search.klasifikasi,
    examiner_id: search.pemeriksa,
    cursor: search.kursor,
    limit,
  };
}

// A filter changed: the board starts again at the first page (an old cursor belongs
// to another listing).
export function withFilter<K extends keyof Omit<BoardSearch, "kursor">>(
  search: BoardSearch,
  key: K,
  value: BoardSearch[K] | null,
): BoardSearch {
  const next: BoardSearch = { ...search };
  delete next.kursor;
  if (value === null || value === undefined || value === "") delete next[key];
  else next[key] = value;
  return next;
}

export type BoardAction = "down" | "up" | "first" | "last" | "open";

interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

// The board's shortcut for a key press, or null (a modifier held: the browser's own;
// `?`, the help, is every page's: `lib/palette.ts`).
export function boardAction(event: KeyLike): BoardAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case "j":
    case "ArrowDown":
      return "down";
    case "k":
    case "ArrowUp":
      return "up";
    case "Home":
      return "first";
    case "End":
      return "last";
    case "Enter":
    case "o":
      return "open";
    default:
      return null;
  }
}

// The row selected after a move, among `count` rows; -1 when there are none. A first
// move from nowhere lands on the first row (down) or the last (up).
export function moveSelection(current: number, action: BoardAction, count: number): number {
  if (count === 0) return -1;
  switch (action) {
    case "down":
      return current < 0 ? 0 : Math.min(current + 1, count - 1);
    case "up":
      return current < 0 ? count - 1 : Math.max(current - 1, 0);
    case "first":
      return 0;
    case "last":
      return count - 1;
    default:
      return Math.min(current, count - 1);
  }
}

// Typing in a field is never a shortcut.
export function isTyping(target: EventTarget | null): boolean {
  if (typeof HTMLElement === "undefined" || !(target instanceof HTMLElement)) return false;
  return typesText(target.tagName, target.getAttribute("type"), target.isContentEditable);
}

// Whether an element takes the keys as text. A checkbox or a radio button does not: a
// list whose rows are chosen by their checkboxes keeps its keys (x, j, ?) while one
// of them has the focus.
export function typesText(tag: string, type: string | null, editable: boolean): boolean {
  if (editable || tag === "TEXTAREA" || tag === "SELECT") return true;
  return tag === "INPUT" && !["checkbox", "radio", "button", "submit", "reset"].includes((type ?? "text").toLowerCase());
}

// The last day within the target, from the moment the clock breaches (the API's
// `sla_breach_at`: the start of the next day in the office's zone). Shown as is, the
// board would promise a day more than the office has.
export function lastDayBefore(breachAt: string): string {
  return new Date(Date.parse(breachAt) - 1).toISOString();
}
