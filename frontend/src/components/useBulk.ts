// The state of a list's bulk work: what is selected (kept by id across pages and
// filters' reloads), and the action's stages, from preview through the undo window to
// each row's result. The rules are in lib/bulk.ts; this only holds them in React.
import { useCallback, useEffect, useRef, useState } from "react";
import { plan, rangeSelected, toggled, toggledAll, UNDO_SECONDS, withRefusals, type Check, type Plan, type Result } from "../lib/bulk";
import type { Said } from "../i18n/said";

export interface Selection<R> {
  chosen: Map<string, R>;
  has: (id: string) => boolean;
  toggle: (rows: readonly R[], index: number) => void;
  range: (rows: readonly R[], to: number) => void;
  toggleShown: (rows: readonly R[]) => void;
  choose: (rows: readonly R[]) => void;
  clear: () => void;
}

export function useSelection<R>(idOf: (row: R) => string): Selection<R> {
  const [chosen, setChosen] = useState<Map<string, R>>(new Map());
  const anchor = useRef(-1);
  // The rows' latest copies replace the ones chosen (their versions move on).
  function apply(next: Set<string>, rows: readonly R[]) {
    setChosen((current) => {
      const out = new Map<string, R>();
      const fresh = new Map(rows.map((r) => [idOf(r), r]));
      for (const id of next) {
        const row = fresh.get(id) ?? current.get(id);
        if (row !== undefined) out.set(id, row);
      }
      return out;
    });
  }
  const ids = (rows: readonly R[]) => rows.map(idOf);
  return {
    chosen,
    has: (id) => chosen.has(id),
    toggle: (rows, index) => {
      const row = rows[index];
      if (row === undefined) return;
      anchor.current = index;
      apply(toggled(new Set(chosen.keys()), idOf(row)), rows);
    },
    range: (rows, to) => {
      apply(rangeSelected(new Set(chosen.keys()), ids(rows), anchor.current, to), rows);
      anchor.current = to;
    },
    toggleShown: (rows) => apply(toggledAll(new Set(chosen.keys()), ids(rows)), rows),
    choose: (rows) => apply(new Set([...chosen.keys(), ...ids(rows)]), rows),
    clear: () => {
      anchor.current = -1;
      setChosen(new Map());
    },
  };
}

export type Stage<R> =
  | { kind: "idle" }
  | { kind: "preview"; title: Said; plan: Plan<R> }
  | { kind: "pending"; title: Said; count: number; started: number }
  | { kind: "running"; title: Said }
  | { kind: "undone" }
  | { kind: "done"; title: Said; results: Result<R>[] };

export interface Bulk<R> {
  stage: Stage<R>;
  now: number;
  preview: (title: Said, rows: readonly R[], check: (row: R) => Check, run: (rows: R[]) => Promise<Result<R>[]>) => void;
  confirm: () => void;
  undo: () => void;
  close: () => void;
}

// `settled`: called once the action's results are in (a list reloads its rows).
export function useBulk<R>(settled?: (results: Result<R>[]) => void): Bulk<R> {
  const [stage, setStage] = useState<Stage<R>>({ kind: "idle" });
  const [now, setNow] = useState(Date.now());
  const runner = useRef<((rows: R[]) => Promise<Result<R>[]>) | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const settledRef = useRef(settled);
  settledRef.current = settled;

  // Leaving the page within the window cancels the action: nothing was sent.
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const pending = stage.kind === "pending";
  useEffect(() => {
    if (!pending) return;
    const tick = setInterval(() => setNow(Date.now()), 250);
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => {
      clearInterval(tick);
      window.removeEventListener("beforeunload", warn);
    };
  }, [pending]);

  const preview = useCallback<Bulk<R>["preview"]>((title, rows, check, run) => {
    runner.current = run;
    setStage({ kind: "preview", title, plan: plan(rows, check) });
  }, []);

  // Read from a ref, not inside a state updater: React may call an updater twice, and
  // the window's timer must start once.
  const current = useRef(stage);
  current.current = stage;
  const confirm = useCallback(() => {
    const shown = current.current;
    if (shown.kind !== "preview" || shown.plan.apply.length === 0 || timer.current !== null) return;
    const { title, plan: planned } = shown;
    const rows = planned.apply;
    const run = runner.current;
    timer.current = setTimeout(() => {
      timer.current = null;
      setStage({ kind: "running", title });
      void (run ? run(rows) : Promise.resolve([])).then((sent) => {
        const results = withRefusals(planned, sent);
        setStage({ kind: "done", title, results });
        settledRef.current?.(results);
      });
    }, UNDO_SECONDS * 1000);
    const started = Date.now();
    setNow(started);
    setStage({ kind: "pending", title, count: rows.length, started });
  }, []);

  const undo = useCallback(() => {
    if (timer.current === null) return;
    clearTimeout(timer.current);
    timer.current = null;
    setStage({ kind: "undone" });
  }, []);

  const close = useCallback(() => setStage({ kind: "idle" }), []);

  return { stage, now, preview, confirm, undo, close };
}
