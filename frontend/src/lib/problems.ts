// RFC 9457 problem+json answers, turned into what a form shows: one message per field
// (at the field) and what belongs to no field (above the form).

import type { MessageId } from "../i18n/messages";
import { reworded } from "../i18n/relocalize";
import { fieldSaid, problemText, sayIn, type FieldError, type Said, type Saying } from "../i18n/said";

export type ProblemError = FieldError;

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  params?: { [name: string]: unknown };
  errors?: ProblemError[];
}

export interface FormErrors {
  // Keyed by the form's dotted field path: `reporter.nik`, `reported_agency.name`.
  fields: Record<string, string>;
  general: string | null;
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === "object" &&
    value !== null &&
    ("status" in value || "title" in value || "errors" in value)
  );
}

// `#/body/reporter/nik` -> `reporter.nik` (JSON pointer escapes undone); null for a
// pointer outside the body (a query parameter, a header): no form field shows it.
export function fieldPath(pointer: string): string | null {
  const parts = pointer.replace(/^#?\//, "").split("/");
  if (parts[0] !== "body") return null;
  const path = parts
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
  return path === "" ? null : path;
}

// The API words field errors in English; each is said in the user's language by its
// code (pydantic's error type: `fieldSaid`), or as the caller knows its text (`known`:
// the API's text to the caller's words, which win), the rest as the API says them. A
// refusal of no field is worded by its type and reason (`problemText`). Kept in Bahasa
// Indonesia here; `useFields` gives them in the language of the moment (a text worded
// from values is kept with how to word it again: `reworded`).
export function formErrors(problem: Problem, fallback: string, known: Record<string, string> = {}): FormErrors {
  const fields: Record<string, string> = {};
  const stray: string[] = [];
  for (const error of problem.errors ?? []) {
    const path = error.pointer ? fieldPath(error.pointer) : null;
    const mine = error.detail === undefined ? undefined : known[error.detail];
    const said = fieldSaid(error, fallback);
    const detail = mine ?? ("values" in said && said.values && Object.keys(said.values).length > 0 ? reworded(sayIn("id", said), (locale) => sayIn(locale, said)) : sayIn("id", said));
    if (path === null) stray.push(detail);
    else if (!(path in fields)) fields[path] = detail; // the first reason is enough
  }
  let general: string | null = stray.length > 0 ? stray.join("; ") : null;
  if (general === null && Object.keys(fields).length === 0) {
    general = problemText(problem, "id", fallback);
  }
  return { fields, general };
}

// The same refusal kept as what to say rather than as words (said.ts): each field's
// error by its code and values, a refusal of no field by its problem type, worded
// only when shown, so a switch of language rewords even a message with placeholders.
// Errors outside the body's fields (a query parameter) are said above the form.
export interface FormSaid {
  fields: Record<string, Said>;
  general: Saying | null;
}

export function formSaid(problem: Problem, fallback: MessageId): FormSaid {
  const fields: Record<string, Said> = {};
  const stray: Said[] = [];
  for (const error of problem.errors ?? []) {
    const path = error.pointer ? fieldPath(error.pointer) : null;
    const said: Said = error.code === undefined && error.detail === undefined ? { id: fallback } : fieldSaid(error, "");
    if (path === null) stray.push(said);
    else if (!(path in fields)) fields[path] = said; // the first reason is enough
  }
  if (stray.length > 0) return { fields, general: stray };
  return { fields, general: Object.keys(fields).length === 0 ? { problem, fallback } : null };
}
