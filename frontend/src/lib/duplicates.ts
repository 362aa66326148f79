// The duplicate panel's pure logic: which actions a candidate offers, the score in
// words, and the reasons in the order an officer weighs them.

export type LinkAction = "duplicate" | "copy" | "merged";

export const LINK_ACTIONS: readonly LinkAction[] = ["duplicate", "copy", "merged"];

// The strongest signal first (the same person says most), unknown codes last, kept.
const REASON_ORDER = ["same_reporter", "similar_text", "same_agency", "same_substance"];

export function orderedReasons(reasons: readonly string[]): string[] {
  const rank = (r: string) => {
    const i = REASON_ORDER.indexOf(r);
    return i === -1 ? REASON_ORDER.length : i;
  };
  return [...reasons].sort((a, b) => rank(a) - rank(b));
}

// The API's score (0..1) as a whole percentage, the way a person reads it.
export function scorePercent(score: number): number {
  return Math.round(Math.min(Math.max(score, 0), 1) * 100);
}

// How strongly the panel shows a score: a high one is worth a close look.
export function scoreBand(score: number): "high" | "medium" | "low" {
  if (score >= 0.75) return "high";
  if (score >= 0.5) return "medium";
  return "low";
}

// A report already linked (a duplicate, a copy, merged) takes no other link: the API
// refuses it (409), so the panel offers none.
export function canLink(report: { linked_report_id: string | null }): boolean {
  return report.linked_report_id === null;
}
