// What a write on a case came back with, as a form acts on it: saved, refused because
// the case changed meanwhile (412 on If-Match: the conflict dialog), or refused with
// the API's problem+json (messages at their fields).
import { formErrors, isProblem, type FormErrors } from "../../lib/problems";

export type Written = { kind: "saved" } | { kind: "conflict" } | { kind: "refused"; errors: FormErrors };

// An empty text as the API words it (a plain string, or a free text checked after
// its whitespace is stripped): "required" to the user.
const EMPTY = ["Field required", "String should have at least 1 character", "Value should have at least 1 item after validation, not 0"];

export function written(response: Response, error: unknown, fallback: string, required: string, fix: string): Written {
  if (response.ok) return { kind: "saved" };
  if (response.status === 412) return { kind: "conflict" };
  const known = Object.fromEntries(EMPTY.map((text) => [text, required]));
  const found = isProblem(error) ? formErrors(error, fallback, known) : { fields: {}, general: fallback };
  return { kind: "refused", errors: { ...found, general: found.general ?? fix } };
}

// A field's message, or that of an item inside it (`corrective_actions.1`).
export function errorAt(errors: FormErrors, name: string): string | undefined {
  if (errors.fields[name]) return errors.fields[name];
  const inside = Object.keys(errors.fields).find((k) => k.startsWith(`${name}.`));
  return inside ? errors.fields[inside] : undefined;
}
