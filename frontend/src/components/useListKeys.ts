// The keys of every keyboard-first list (the board, the verification queue, the logbook
// review): j/k, the arrows, Home and End move the highlight and the focus to the row's
// own element; x toggles the highlighted row, Shift+X selects up to it, * everything
// shown; Enter opens the highlighted row where the list opens rows. Keys typed into a
// field, or while a dialog is open (the shortcuts' help, the palette), are left alone.
import { useEffect } from "react";
import { selectKey } from "../lib/bulk";
import { boardAction, isTyping, moveSelection } from "../lib/board";
import type { Selection } from "./useBulk";

export interface ListKeys<R> {
  rows: readonly R[];
  highlighted: number;
  setHighlighted: (index: number) => void;
  // The element of each row that takes the focus (its link, or its checkbox).
  focusables: () => ArrayLike<HTMLElement> | undefined;
  // Selecting by key, where the reader may select here at all.
  selection?: Selection<R>;
  open?: (row: R) => void;
}

export function useListKeys<R>({ rows, highlighted, setHighlighted, focusables, selection, open }: ListKeys<R>): void {
  // Subscribed again after every render, so the handler always sees this render's rows.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTyping(event.target) || document.querySelector('[role="dialog"]')) return;
      const select = selection ? selectKey(event) : null;
      if (selection && select !== null) {
        event.preventDefault();
        if (select === "all") selection.toggleShown(rows);
        else if (highlighted >= 0) (select === "toggle" ? selection.toggle : selection.range)(rows, highlighted);
        return;
      }
      const action = boardAction(event);
      if (action === null) return;
      if (action === "open") {
        // A focused link or button opens itself; Enter elsewhere opens the highlighted row.
        const target = event.target as HTMLElement | null;
        if (!open || target?.closest("a, button") || highlighted < 0 || !rows[highlighted]) return;
        event.preventDefault();
        open(rows[highlighted]);
        return;
      }
      event.preventDefault();
      const next = moveSelection(highlighted, action, rows.length);
      setHighlighted(next);
      focusables()?.[next]?.focus();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });
}
