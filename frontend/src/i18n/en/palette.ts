// The English of palette.ts: loaded only when English is chosen (see ../messages.ts).
import type { PALETTE_ID } from "../palette";

export const PALETTE_EN: Record<keyof typeof PALETTE_ID, string> = {
  "palette.title": "Command palette",
  "palette.open": "Search screens or numbers (Ctrl+K)",
  "palette.search": "Search screens, or type a registration number",
  "palette.results": "Search results",
  "palette.screen": "Screen",
  "palette.report": "Open report {number}",
  "palette.case": "Open case {number}",
  "palette.looking": "Looking up number {number}…",
  "palette.notFound": "No report or case numbered {number} in your office.",
  "palette.lookupFailed": "Number {number} cannot be looked up now. Try again.",
  "palette.nothing": "No screen matches. To open a report or a case, type its whole registration number.",
  "palette.hint": "↑ ↓ to choose, Enter to open, Esc to close",
  "keys.title": "Keyboard shortcuts",
  "keys.page": "On this page",
  "keys.everywhere": "On every page",
  "keys.palette": "Open the command palette: go to a screen, open a report or a case by its number",
  "keys.help": "Show these shortcuts",
  "keys.close": "Close a dialog or the palette",
  "keys.none": "This page has no shortcuts of its own.",
  "keys.openReport": "Open the selected report",
  "draft.restored": "Draft restored: the entries not yet saved are back.",
  "draft.discard": "Discard draft",
  "board.key": "Key",
  "board.action": "Action",
};
