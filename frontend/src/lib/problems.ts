// RFC 9457 problem+json answers, turned into what a form shows: one message per field
// (at the field) and what belongs to no field (above the form).

import { problemText } from "../i18n/said";

export interface ProblemError {
  pointer?: string;
  detail?: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
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

// The API words field errors in English; the ones every form meets are said in the
// user's language (`known`: the API's text to the catalogue's), the rest as the API
// says them. A refusal of no field is worded by its type (`problemText`): kept in
// Bahasa Indonesia here, the catalogue's text, which `useFields` gives in the
// language of the moment.
export function formErrors(problem: Problem, fallback: string, known: Record<string, string> = {}): FormErrors {
  const fields: Record<string, string> = {};
  const stray: string[] = [];
  for (const error of problem.errors ?? []) {
    const path = error.pointer ? fieldPath(error.pointer) : null;
    const detail = error.detail === undefined ? fallback : (known[error.detail] ?? error.detail);
    if (path === null) stray.push(detail);
    else if (!(path in fields)) fields[path] = detail; // the first reason is enough
  }
  let general: string | null = stray.length > 0 ? stray.join("; ") : null;
  if (general === null && Object.keys(fields).length === 0) {
    general = problemText(problem, "id", fallback);
  }
  return { fields, general };
}
