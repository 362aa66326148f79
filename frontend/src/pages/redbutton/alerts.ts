// The alert page's pure logic: what is new since the last poll (the cue), the tab's
// title with the count, and each escalation level's words and sign (never colour alone).

export interface AlertLike {
  id: string;
  level: number;
}

// The alerts not in `seen`: those the officer has not been cued for yet.
export function newAlerts<T extends AlertLike>(current: readonly T[], seen: ReadonlySet<string>): T[] {
  return current.filter((a) => !seen.has(a.id));
}

// `(2) Peringatan · APIK`: the count in the title bar, so a tab in the background says it.
export function titleWithCount(base: string, count: number): string {
  return count > 0 ? `(${count}) ${base}` : base;
}

// 0: the officer on duty; 1: escalated to the other officers; 2+: to the head.
export function levelKey(level: number): "rb.alerts.level0" | "rb.alerts.level1" | "rb.alerts.level2" {
  if (level <= 0) return "rb.alerts.level0";
  return level === 1 ? "rb.alerts.level1" : "rb.alerts.level2";
}

// Signs the office machines' plain fonts have (no colour emoji there).
export function levelSign(level: number): string {
  if (level <= 0) return "●";
  return level === 1 ? "▲" : "⚠";
}

// How often the page asks the API (the alert must reach the officer within seconds).
export const POLL_MS = 5_000;
