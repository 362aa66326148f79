// The staff pages' keyboard layer, always present: Ctrl+K / ⌘K (or `/` outside a field)
// opens the command palette, `?` the shortcuts' help. Both dialogs are chunks of their
// own, fetched the first time either is opened (issue 21): Mantine's spotlight and the
// help's tables stay out of the entry chunk that the public pages download too.
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from "react";
import { isTyping } from "../lib/board";
import type { Viewer } from "../lib/capabilities";
import { globalAction } from "../lib/palette";

type PaletteModule = typeof import("./CommandPalette");

let paletteModule: PaletteModule | null = null;
let paletteShown = false;
const listeners = new Set<() => void>();

function loadPalette(): Promise<PaletteModule> {
  return import("./CommandPalette").then((m) => (paletteModule = m));
}

const LazyPalette = lazy(() => loadPalette().then((m) => ({ default: m.CommandPalette })));
const LazyHelp = lazy(() => import("./Shortcuts").then((m) => ({ default: m.ShortcutHelpOnFirstUse })));

// For the header's button and the keys: the palette is rendered from the first request
// on, and asked to open once its chunk is here.
export function openPalette(): void {
  if (!paletteShown) {
    paletteShown = true;
    for (const listener of listeners) listener();
  }
  void loadPalette().then((m) => m.requestOpen());
}

function usePaletteShown(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => paletteShown,
  );
}

export function StaffKeys({ viewer }: { viewer: Viewer }): React.JSX.Element {
  const shown = usePaletteShown();
  const [help, setHelp] = useState(false);
  const [helpShown, setHelpShown] = useState(false);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const action = globalAction(event, isTyping(event.target));
      if (action === null) return;
      const paletteOpen = paletteModule?.paletteOpened() ?? false;
      // Another dialog (a conflict, a confirmation) keeps the keys to itself.
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('[role="dialog"]') && !paletteOpen) return;
      event.preventDefault();
      if (action === "palette") {
        setHelp(false);
        openPalette();
      } else if (!paletteOpen) {
        setHelpShown(true);
        setHelp(true);
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <Suspense fallback={null}>
      {shown && <LazyPalette viewer={viewer} />}
      {helpShown && <LazyHelp opened={help} onClose={() => setHelp(false)} />}
    </Suspense>
  );
}
