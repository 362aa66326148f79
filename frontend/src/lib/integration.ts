// The integration screens' pure logic: the import's column mapping checked as the API
// checks it (so a typo is shown at its field before the upload), the multipart body
// built with a boundary of our own (so a double click replays one request under its
// Idempotency-Key instead of sending a second, different body), the API's problems put
// at the mapping's fields, and the words for each state the API sends.
import type { components } from "../api/schema";
import type { MessageId } from "../i18n/messages";
import { problemText, type Said } from "../i18n/said";
import { isProblem, type Problem } from "./problems";

type RowError = components["schemas"]["RowErrorPublic"];

// The fields an old spreadsheet's columns map to, in the order the form shows them
// (the API's `ImportMapping`).
export const IMPORT_FIELDS = [
  "registration_number",
  "received_on",
  "closed_on",
  "kind",
  "reporter_name",
  "nik",
  "reported_agency",
  "substance",
  "summary",
  "status",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

// What an old status text may mean (`OutcomeCode` of the API): a closure outcome,
// `closed` (closed, outcome not kept) or `open` (still in process).
export const OUTCOME_CODES = [
  "resolved_by_agency",
  "conciliation",
  "no_maladministration",
  "in_court",
  "withdrawn",
  "not_authority",
  "no_data",
  "recommendation",
  "closed",
  "open",
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export const HEADER_MAX = 200;
export const STATUS_TEXT_MAX = 100;

export interface OutcomeRow {
  text: string;
  code: OutcomeCode | "";
}

export interface MappingForm {
  columns: Partial<Record<ImportField, string>>;
  outcomes: OutcomeRow[];
}

export type MappingProblem = "tooLong" | "control" | "blank" | "duplicate" | "noCode" | "multiline";

// A status text as the API compares it: case, punctuation and spacing aside
// (`normal_header` in imports/rules.py; Python's `\w` is Unicode letters, digits and _).
export function normalText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function lineProblem(value: string, max: number): MappingProblem | null {
  if (/[\r\n]/.test(value)) return "multiline";
  if (CONTROL.test(value)) return "control";
  if (value.length > max) return "tooLong";
  return null;
}

// The mapping's problems by field: a column `status`, an outcome row `outcomes.<i>.text`
// or `outcomes.<i>.code`. The API decides in the end (a header the sheet lacks is its
// to say); this only spares a round trip for what it would refuse anyway.
export function mappingProblems(form: MappingForm): Record<string, MappingProblem> {
  const found: Record<string, MappingProblem> = {};
  for (const field of IMPORT_FIELDS) {
    const value = (form.columns[field] ?? "").trim();
    const problem = value === "" ? null : lineProblem(value, HEADER_MAX);
    if (problem) found[field] = problem;
  }
  const seen = new Set<string>();
  form.outcomes.forEach((row, i) => {
    const text = row.text.trim();
    if (text === "" && row.code === "") return; // an empty row is ignored
    const problem = text === "" ? "blank" : lineProblem(text, STATUS_TEXT_MAX);
    if (problem) found[`outcomes.${i}.text`] = problem;
    else if (seen.has(normalText(text))) found[`outcomes.${i}.text`] = "duplicate";
    seen.add(normalText(text));
    if (row.code === "") found[`outcomes.${i}.code`] = "noCode";
  });
  return found;
}

// The `mapping` part as the API takes it, or null when nothing is given (the API then
// recognises the usual headers and status words).
export function mappingPart(form: MappingForm): Record<string, unknown> | null {
  const part: Record<string, unknown> = {};
  for (const field of IMPORT_FIELDS) {
    const value = (form.columns[field] ?? "").trim();
    if (value !== "") part[field] = value;
  }
  const outcomes: Record<string, string> = {};
  for (const row of form.outcomes) {
    if (row.text.trim() !== "" && row.code !== "") outcomes[row.text.trim()] = row.code;
  }
  if (Object.keys(outcomes).length > 0) part.outcomes = outcomes;
  return Object.keys(part).length > 0 ? part : null;
}

// The text around the file's bytes in a multipart/form-data body (RFC 7578). A
// filename's quotes and line breaks are escaped as browsers do.
export function multipartFrame(
  boundary: string,
  filename: string,
  mediaType: string,
  mapping: Record<string, unknown> | null,
): { head: string; tail: string } {
  const name = filename.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    `Content-Type: ${mediaType}\r\n\r\n`;
  let tail = "\r\n";
  if (mapping !== null) {
    tail +=
      `--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n` +
      `Content-Type: application/json\r\n\r\n${JSON.stringify(mapping)}\r\n`;
  }
  return { head, tail: `${tail}--${boundary}--\r\n` };
}

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function sheetType(filename: string): string {
  return filename.toLowerCase().endsWith(".xlsx") ? XLSX : "text/csv";
}

// The import's problems (`#/file`, `#/mapping/<field>`, `#/mapping/outcomes/<text>`)
// at the form's fields: `file`, the column's field, or the outcome row holding that text.
export function importProblems(error: unknown, outcomes: OutcomeRow[], fallback: string): { fields: Record<string, string>; general: string | null } {
  if (!isProblem(error)) return { fields: {}, general: fallback };
  const problem: Problem = error;
  const fields: Record<string, string> = {};
  const stray: string[] = [];
  for (const e of problem.errors ?? []) {
    const parts = (e.pointer ?? "").replace(/^#?\//, "").split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    const detail = e.detail ?? fallback;
    let key: string | null = null;
    if (parts[0] === "file") key = "file";
    else if (parts[0] === "mapping" && parts[1] === "outcomes" && parts.length > 2) {
      const i = outcomes.findIndex((row) => row.text.trim() === parts.slice(2).join("/"));
      key = i >= 0 ? `outcomes.${i}.code` : null;
    } else if (parts[0] === "mapping" && parts.length === 2) key = parts[1] ?? null;
    if (key === null) stray.push(detail);
    else fields[key] ??= detail;
  }
  // A refusal of no field is worded by its type (as `formErrors` does).
  const general = stray.length > 0 ? stray.join("; ") : Object.keys(fields).length === 0 ? problemText(problem, "id", fallback) : null;
  return { fields, general };
}

// A bad row's reason as the API codes it, worded here (`int.imp.reason.<code>`, its
// placeholders from `params`); a reason without a code of its own (`invalid`), or one
// newer than the app, as the API's English `detail`.
export const ROW_REASON_CODES = ["required", "too_long", "not_a_date", "implausible_year", "not_a_kind", "control_character", "multiline", "nik_invalid", "closed_before_received", "unknown_status", "open_status_closed", "duplicate_number"] as const satisfies readonly Exclude<RowError["code"], "invalid">[];
type Exhaustive<T, U extends readonly T[]> = [T] extends [U[number] | "invalid"] ? true : never;
const _allReasons: Exhaustive<RowError["code"], typeof ROW_REASON_CODES> = true;
void _allReasons;

export function rowReason(error: Pick<RowError, "code" | "params" | "detail">): Said {
  return (ROW_REASON_CODES as readonly string[]).includes(error.code)
    ? { id: `int.imp.reason.${error.code}` as MessageId, values: error.params }
    : { text: error.detail };
}

// --- The words for each state the API sends ------------------------------------------

// Kept in integrationTones.ts, which the report page's portal files use without the
// rest of the integration screens' logic (and its words: issue 21).
export { fileTone, importTone, sendTone, type Tone } from "./integrationTones";
export { importSearch } from "./routeSearch";

export interface PullStateLike {
  polled_at?: string | null;
  last_error?: string | null;
}

// The pull from one portal: failing while its last poll failed, never polled yet, or fine.
export function pullHealth(state: PullStateLike): "failing" | "never" | "ok" {
  if (state.last_error) return "failing";
  return state.polled_at ? "ok" : "never";
}

export interface SendLike {
  status: string;
  sent_at?: string | null;
}

// What the office's sends say of the push: the last one the portal took, and how many
// wait (pending) or need a hand (failed). From one page: `more` when it was not the last.
export function pushSummary(sends: SendLike[], more: boolean): { lastSent: string | null; pending: number; failed: number; more: boolean } {
  let lastSent: string | null = null;
  let pending = 0;
  let failed = 0;
  for (const s of sends) {
    if (s.status === "pending") pending += 1;
    if (s.status === "failed") failed += 1;
    if (s.sent_at && (lastSent === null || s.sent_at > lastSent)) lastSent = s.sent_at;
  }
  return { lastSent, pending, failed, more };
}
