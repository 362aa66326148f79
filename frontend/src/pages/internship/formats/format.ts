// An institution format as the form edits it: the items and the grades as lines of text
// (`code = label`, `minimum = grade`), turned into the API's body and back.
import type { components } from "../../../api/schema";

export type FormatDefinition = components["schemas"]["FormatDefinition"];
export type FormatItemCode = components["schemas"]["Item"];

// The certificate's data a format may print (the API's `Item`; it refuses any other,
// naming the line).
export const ITEM_CODES = [
  "name",
  "study",
  "institution",
  "programme",
  "office",
  "unit",
  "period",
  "period_start",
  "period_end",
  "working_days",
  "days_present",
  "attendance_percent",
  "logbook_approved",
  "logbook_percent",
  "evaluation_score",
  "grade",
  "issued_on",
  "verification_code",
] as const satisfies readonly FormatItemCode[];

export interface FormatDraft {
  institution: string;
  title: string;
  opening: string;
  closing: string;
  orientation: "portrait" | "landscape";
  items: string;
  grades: string;
}

export const EMPTY_FORMAT: FormatDraft = {
  institution: "",
  title: "",
  opening: "",
  closing: "",
  orientation: "portrait",
  items: "name = Nama\nperiod = Periode",
  grades: "",
};

function pairs(text: string): [string, string][] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const at = line.indexOf("=");
      return at < 0 ? [line, ""] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
}

export function draftOf(definition: FormatDefinition): FormatDraft {
  return {
    institution: definition.institution,
    title: definition.title,
    opening: definition.opening ?? "",
    closing: definition.closing ?? "",
    orientation: definition.orientation ?? "portrait",
    items: definition.items.map((i) => `${i.item} = ${i.label}`).join("\n"),
    grades: (definition.grades ?? []).map((g) => `${g.minimum} = ${g.grade}`).join("\n"),
  };
}

// The API's body. A line the form cannot read is sent as it is (an unknown code, a
// minimum that is not a number): the API names the field that is wrong.
export function definitionOf(draft: FormatDraft): FormatDefinition {
  return {
    institution: draft.institution.trim(),
    title: draft.title.trim(),
    opening: draft.opening.trim() || null,
    closing: draft.closing.trim() || null,
    orientation: draft.orientation,
    items: pairs(draft.items).map(([item, label]) => ({ item: item as FormatItemCode, label })),
    grades: pairs(draft.grades).map(([minimum, grade]) => ({ minimum: Number(minimum), grade })),
  };
}

// A format file (the API's definition as JSON, e.g. the shipped `format_unib.json`).
export function parseFormatFile(text: string): FormatDefinition | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    const candidate = ("definition" in value ? (value as { definition: unknown }).definition : value) as Partial<FormatDefinition>;
    if (typeof candidate.institution !== "string" || typeof candidate.title !== "string" || !Array.isArray(candidate.items)) return null;
    return candidate as FormatDefinition;
  } catch {
    return null;
  }
}
