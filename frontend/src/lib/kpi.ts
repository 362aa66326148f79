// The KPI dashboard's pure logic: the year in the URL, numbers shown in their unit, the
// chart's rows, and the targets form read back into what the API takes.

export { FIRST_YEAR, kpiSearch, LAST_YEAR, type KpiSearch } from "./routeSearch";

// A figure in its unit, in the user's language: rupiah without sen, percentages and
// averages with at most one or two decimals, counts whole.
export function formatFigure(value: number | null | undefined, unit: string, locale: string): string {
  if (value === null || value === undefined) return "—";
  if (unit === "idr") {
    return new Intl.NumberFormat(locale, { style: "currency", currency: "IDR", maximumFractionDigits: 0 }).format(value);
  }
  // The IKM is graded at two decimals (88.30 is B, 88.31 is A): shown as graded.
  const digits = unit === "percent" ? 1 : unit === "count" ? 0 : 2;
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return unit === "percent" ? `${text}%` : text;
}

export interface KpiRow {
  indicator: string;
  percent: number | null;
}

// The chart's bars: the indicators that have a target (a percentage), in the API's
// order, each named by `label`.
export function chartRows(items: readonly KpiRow[], label: (code: string) => string): { indicator: string; percent: number }[] {
  return items.filter((i) => i.percent !== null).map((i) => ({ indicator: label(i.indicator), percent: i.percent! }));
}

// A number as typed at an Indonesian office: "1.500.000" (dots group thousands),
// "4,5" (a decimal comma), "4.5" or "85" also. Null when it is no number.
export function parseTarget(text: string): number | null {
  let s = text.trim().replace(/^Rp\s*/i, "").replace(/\s/g, "");
  if (s === "") return null;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, "").replace(",", ".");
  else if (/^\d+,\d+$/.test(s)) s = s.replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

// The form's values (one per indicator code) as the API's `targets`: empty fields left
// out (no target), and the fields that hold no number named so the form marks them.
export function targetsBody(values: Record<string, string>): { targets: Record<string, number>; invalid: string[] } {
  const targets: Record<string, number> = {};
  const invalid: string[] = [];
  for (const [code, text] of Object.entries(values)) {
    if (text.trim() === "") continue;
    const value = parseTarget(text);
    if (value === null) invalid.push(code);
    else targets[code] = value;
  }
  return { targets, invalid };
}

// The form's starting values: each indicator's current target, as the user writes it.
export function targetsDraft(codes: readonly string[], targets: Record<string, number>, locale: string): Record<string, string> {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false });
  return Object.fromEntries(codes.map((c) => [c, targets[c] === undefined ? "" : format.format(targets[c]!)]));
}

// The name of month 1–12 in the user's language.
export function monthName(month: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2026, month - 1, 1)));
}
