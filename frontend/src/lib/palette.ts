// The command palette's entries and the keys that work on every staff page, as pure
// functions: which screens a user's capabilities open (the staff menu's own list, never a copy),
// what a query matches, when a query is a registration number to look up, and which
// global action a key press asks for.
import type { MessageId } from "../i18n/messages";
import { holds, type Viewer } from "./capabilities";

export interface MenuEntry {
  to: string;
  label: MessageId;
  shownTo: (viewer: Viewer) => boolean;
  search?: boolean;
}

export interface ScreenEntry {
  to: string;
  label: string;
  search: boolean;
}

// The screens of the menu the viewer may open, labelled in the user's language.
export function screenEntries(
  menu: readonly MenuEntry[],
  viewer: Viewer,
  label: (id: MessageId) => string,
): ScreenEntry[] {
  return menu.filter((e) => e.shownTo(viewer)).map((e) => ({ to: e.to, label: label(e.label), search: e.search ?? false }));
}

// Whether the viewer may open the menu's screen at `path` (the lookups follow the screens:
// a report opens on the verification screen, a case on the board's).
export function mayOpen(menu: readonly MenuEntry[], path: string, viewer: Viewer): boolean {
  return menu.some((e) => e.to === path && e.shownTo(viewer));
}

// Folded for matching: any case, accents ignored ("Pencegahan" for "pencegahan").
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

// The screens whose label holds every word of the query, in the menu's order.
export function matchScreens(entries: ScreenEntry[], query: string): ScreenEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries;
  return entries.filter((e) => {
    const label = fold(e.label);
    return words.every((w) => label.includes(w));
  });
}

// A query that may be a registration number (`BKL-2026-7K3Q-M9XD-2HFP`, or an imported
// `123/PVL/2019`): one word of letters, digits and separators, with a digit and a
// separator. The API takes the number whole, so only such a query is sent.
export function numberQuery(query: string): string | null {
  const q = query.trim();
  if (q.length < 5 || q.length > 64) return null;
  if (!/^[\p{L}\p{N}][\p{L}\p{N}./_-]*$/u.test(q)) return null;
  return /\p{N}/u.test(q) && /[./_-]/.test(q) ? q : null;
}

// Which a number's lookups offer first when it names both a report and its case: the
// caller's own work. Whoever works reports (intake staff) is after the report; who reads
// cases without working reports (an examiner, a supervisor, the head) after the case,
// which is where a registered report's work goes on. Enter opens the first.
export type Lookup = "reports" | "cases";

export function lookupOrder(viewer: Viewer): readonly Lookup[] {
  const casesFirst = holds(viewer, "examination.cases.read") && !holds(viewer, "intake.reports.work");
  return casesFirst ? ["cases", "reports"] : ["reports", "cases"];
}

export type GlobalAction = "palette" | "help";

interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

// Ctrl+K (⌘K on a Mac) opens the palette anywhere, even in a field (the browser's own
// Ctrl+K only moves to its address bar); `/` and `?` are characters, so only outside one.
export function globalAction(event: KeyLike, typing: boolean): GlobalAction | null {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") return "palette";
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === "/") return "palette";
  if (event.key === "?") return "help";
  return null;
}

// A shortcut as the help dialog lists it: the keys (any of them) and what they do.
export interface Shortcut {
  keys: readonly string[];
  label: MessageId;
}

export const GLOBAL_SHORTCUTS: readonly Shortcut[] = [
  { keys: ["Ctrl+K", "⌘K", "/"], label: "keys.palette" },
  { keys: ["?"], label: "keys.help" },
  { keys: ["Esc"], label: "keys.close" },
];
