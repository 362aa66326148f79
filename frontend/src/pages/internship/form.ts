// The internship application form's pure logic: the `application` part the API reads
// from the multipart body, the checks it makes that the form can make first, and where
// the API's field errors (`#/application/applicant/name`) belong on the form.
import { fieldSaid, said, type FieldError, type Said } from "../../i18n/said";

export interface ApplyDraft {
  name: string;
  email: string;
  phone: string;
  study: string;
  institutionKind: string;
  institution: string;
  programme: string;
  start: string; // YYYY-MM-DD
  end: string;
  units: string[];
}

export const EMPTY_APPLY: ApplyDraft = {
  name: "",
  email: "",
  phone: "",
  study: "",
  institutionKind: "university",
  institution: "",
  programme: "",
  start: "",
  end: "",
  units: [],
};

export function applicationPart(office: string, d: ApplyDraft) {
  const opt = (s: string) => (s.trim() === "" ? undefined : s.trim());
  return {
    office,
    applicant: { name: d.name.trim(), email: d.email.trim(), phone: opt(d.phone), study: opt(d.study) },
    institution_kind: d.institutionKind,
    institution: d.institution.trim(),
    programme: d.programme.trim(),
    period_start: d.start,
    period_end: d.end,
    units: d.units,
  };
}

// The form's own field names; "letter" for the file.
export function applyErrors(d: ApplyDraft, letter: File | null): string[] {
  const missing: string[] = [];
  if (d.name.trim() === "") missing.push("applicant.name");
  if (d.email.trim() === "") missing.push("applicant.email");
  if (d.institution.trim().length < 2) missing.push("institution");
  if (d.programme.trim().length < 2) missing.push("programme");
  if (d.start === "") missing.push("period_start");
  if (d.end === "" || (d.start !== "" && d.end < d.start)) missing.push("period_end");
  if (d.units.length === 0) missing.push("units");
  if (letter === null) missing.push("letter");
  return missing;
}

// `#/application/applicant/name` -> `applicant.name`; `#/letter` -> `letter`;
// `#/application/units/0` -> `units`.
export function applyField(pointer: string): string {
  const parts = pointer.replace(/^#?\//, "").split("/");
  const inner = parts[0] === "application" ? parts.slice(1) : parts;
  const named = inner.filter((p) => !/^\d+$/.test(p));
  return named.length === 0 ? "general" : named.join(".");
}

// A refused application as the form shows it: each field's first error under the
// field, worded by its code in the language on screen (the API's English `detail`
// only for a code the app does not know), the rest with the failure at the top.
export function applyRefusal(problem: { errors?: FieldError[] }): { fields: Record<string, Said>; stray: Said[] } {
  const fields: Record<string, Said> = {};
  const stray: Said[] = [];
  for (const e of problem.errors ?? []) {
    const path = e.pointer ? applyField(e.pointer) : "general";
    const worded = fieldSaid(e, "");
    // Neither words of the app's nor a sentence of the API's: the field is still marked.
    const shown = "text" in worded && worded.text === "" ? said("mori.apply.failed") : worded;
    if (path === "general") stray.push(worded);
    else fields[path] ??= shown;
  }
  return { fields, stray };
}
