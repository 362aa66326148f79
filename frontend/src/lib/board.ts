// The examination board's URL state and keyboard moves, as pure functions: a bookmark or
// a shared link with a bad filter still opens a working board, and the shortcuts are
// tested without a browser.
import type { BoardSearch } from "./routeSearch";

export { boardSearch, CASE_STATUSES, CLASSIFICATIONS, SLA_STATES, type BoardSearch } from "./routeSearch";

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
