// A table cell of the reporting API as the user reads it: coded cells by their labels
// (the message catalogue, the office's substances), months by name, numbers in the
// user's language; a code with no label stays as the API sends it.
import { catalogue, codeLabel } from "../../i18n/messages";
import { formatFigure, monthName } from "../../lib/kpi";

const CODED: Record<string, "channel" | "outcome"> = { channel: "channel", outcome: "outcome" };

export function cellText(
  column: string,
  value: string | number | null | undefined,
  ctx: { labels: Record<string, string>; locale: string; substances: Record<string, string> },
): string {
  if (value === null || value === undefined) return "—";
  if (column === "month") {
    // The API names a month 2026-08 (or, in older answers, 8).
    const month = typeof value === "number" ? value : Number(/^\d{4}-(\d{2})$/.exec(value)?.[1]);
    if (month >= 1 && month <= 12) return monthName(month, ctx.locale);
  }
  if (typeof value === "number") return formatFigure(value, column.endsWith("_idr") ? "idr" : Number.isInteger(value) ? "count" : "rating", ctx.locale);
  if (value === "unspecified") return ctx.labels["kpi.unspecified"] ?? value;
  if (column === "substance") return ctx.substances[value] ?? value;
  const group = CODED[column];
  return group ? codeLabel(ctx.labels, group, value) : value;
}

// An indicator's (or a table's) definition in the user's language, with its `lang` for
// screen readers. An indicator's is the catalogue's, by its code (i18n/kpiDefinitions.ts);
// a table's, or an indicator newer than the app, the API's: it sends both, and an answer
// without the Indonesian (an older reporting) falls back to `definition`, the English.
export function definitionIn(
  locale: string,
  item: { indicator?: string; definition: string; definition_id?: string; definition_en?: string },
): { text: string; lang: "id" | "en" } {
  const lang = locale.startsWith("id") ? "id" : "en";
  const catalogued = item.indicator === undefined ? undefined : (catalogue(lang) as Record<string, string>)[`kpi.def.${item.indicator}`];
  if (catalogued !== undefined) return { text: catalogued, lang };
  if (lang === "id" && item.definition_id) return { text: item.definition_id, lang: "id" };
  return { text: item.definition_en || item.definition, lang: "en" };
}
