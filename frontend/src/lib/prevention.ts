// The prevention screens' pure logic: which tab the URL names, an agreement's expiry in
// words (never colour alone), a gain or a score as the user's locale writes it, and the
// public results' distribution as chart rows and table columns.

import type { components } from "../api/schema";
import type { PreventionSearch } from "./routeSearch";

export { ARTICLE_KINDS, ARTICLE_STATUSES, PREVENTION_AREAS as AREAS, preventionSearch, yearParam, type PreventionArea, type PreventionSearch } from "./routeSearch";

type ArticleSummary = components["schemas"]["ArticleSummary"];

// What the publications list and its CSV ask of the API: the URL's filters, by the
// API's names (one source, so the URL, the list and the CSV agree).
export function articleFilters(search: PreventionSearch): { kind?: ArticleSummary["kind"]; status?: ArticleSummary["status"] } {
  const out: { kind?: ArticleSummary["kind"]; status?: ArticleSummary["status"] } = {};
  if (search.jenis) out.kind = search.jenis;
  if (search.status) out.status = search.status;
  return out;
}

// Days from `today` to `day` (both YYYY-MM-DD calendar days, no zone to shift them).
export function daysBetween(today: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export type ExpiryState = "draft" | "active" | "ending" | "ends_today" | "expired" | "terminated";

export interface Expiry {
  state: ExpiryState;
  days: number; // days left (negative: days since it ended)
  tone: "ok" | "warn" | "late" | "neutral";
  icon: "check" | "clock" | "alert" | "dash";
}

// An agreement's state against today in the office's zone: the end date is its last day
// in force (as the API's rule says); within `soon` days of it an agreement in force is
// ending (the first reminder the office sends, 90 days, by default).
export function expiry(status: string, endsOn: string, today: string, soon = 90): Expiry {
  const days = daysBetween(today, endsOn);
  if (status === "terminated") return { state: "terminated", days, tone: "neutral", icon: "dash" };
  if (status === "expired" || (status === "active" && days < 0)) return { state: "expired", days, tone: "late", icon: "alert" };
  if (status === "draft") return { state: "draft", days, tone: "neutral", icon: "dash" };
  if (days === 0) return { state: "ends_today", days, tone: "warn", icon: "clock" };
  if (days <= soon) return { state: "ending", days, tone: "warn", icon: "clock" };
  return { state: "active", days, tone: "ok", icon: "check" };
}

// A number with the locale's separators and fixed decimals (89,21 in Indonesian); a
// missing one as a dash, never as zero.
export function decimal(value: number | null | undefined, locale: string, digits = 2): string {
  if (value === null || value === undefined) return "—";
  // A float a hair below zero (0 - 1e-15) would be written "-0,00".
  const shown = Math.abs(value) < 0.5 / 10 ** digits ? 0 : value;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(shown);
}

export function percent(rate: number | null | undefined, locale: string): string {
  if (rate === null || rate === undefined) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(rate);
}

export type GainCategory = "high" | "medium" | "low" | "undefined";

export function gainTone(category: string): "ok" | "warn" | "late" | "neutral" {
  return category === "high" ? "ok" : category === "medium" ? "warn" : category === "low" ? "late" : "neutral";
}

interface ResultCount {
  label: string;
  count: number;
}

interface RegionCount {
  region: string;
  published: number;
  by_result: Record<string, number>;
}

// The region table's columns: the results in the API's order (best first), then any a
// region has that the national list does not (never dropped).
export function resultColumns(byResult: ResultCount[], byRegion: RegionCount[]): string[] {
  const labels = byResult.map((r) => r.label);
  for (const region of byRegion) {
    for (const label of Object.keys(region.by_result)) if (!labels.includes(label)) labels.push(label);
  }
  return labels;
}

// One cell of the region table: its count, zero where the region has none of a result.
export function regionCell(region: RegionCount, label: string): number {
  return region.by_result[label] ?? 0;
}

// A month (YYYY-MM) of a calendar day.
export function monthOf(day: string): string {
  return day.slice(0, 7);
}
