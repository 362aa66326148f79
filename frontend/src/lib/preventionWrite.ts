// The prevention write screens' pure logic: which step the API offers the reader now
// (`allowed_steps`; who may create is a capability of `/auth/me`), an
// agreement's parties and a clinic's test scores read from the form, and the API's
// problem about an item shown at the form row it came from.
import type { Values } from "../pages/fields";

// The steps an answer offers this reader; a button or form shows only for these.
export function offers(answer: { allowed_steps?: readonly string[] } | null | undefined, step: string): boolean {
  return answer?.allowed_steps?.includes(step) ?? false;
}

// The actions an answer allows this reader besides its steps (`allowed_actions`: an
// article's edit, an assessment's entries, an entry's review decisions).
export function allows(answer: { allowed_actions?: readonly string[] } | null | undefined, action: string): boolean {
  return answer?.allowed_actions?.includes(action) ?? false;
}

export interface Party {
  name: string;
  kind: "office" | "agency" | "university" | "other";
}

// The parties typed in rows `party.<row>.name` / `.kind`; empty rows are skipped, and
// `rows[i]` is the form row of the i-th party sent (the API's `parties.<i>` errors).
export function partiesFrom(values: Values, count: number): { parties: Party[]; rows: number[] } {
  const parties: Party[] = [];
  const rows: number[] = [];
  for (let row = 0; row < count; row++) {
    const name = (values[`party.${row}.name`] ?? "").trim();
    if (!name) continue;
    parties.push({ name, kind: (values[`party.${row}.kind`] || "agency") as Party["kind"] });
    rows.push(row);
  }
  return { parties, rows };
}

// The API's message about an item sent as `<list>.<i>[.<part>]`, at the row it came from.
export function itemError(fields: Record<string, string>, list: string, sent: readonly (string | number)[], row: string | number, part: string): string | undefined {
  const n = sent.indexOf(row);
  if (n < 0) return undefined;
  return fields[`${list}.${n}.${part}`] ?? (part === "name" || part === "pre" ? fields[`${list}.${n}`] : undefined);
}

export interface ScoreRow {
  participant_id: string;
  pre: number | null;
  post: number | null;
}

// Scores typed per participant (`pre.<id>`, `post.<id>`): a blank is a test not taken
// (null); a participant with both blank is not sent. What is not a whole number is
// kept back with the fields it came from, for the form to say so before sending.
export function scoresFrom(ids: readonly string[], values: Values): { scores: ScoreRow[]; invalid: string[] } {
  const scores: ScoreRow[] = [];
  const invalid: string[] = [];
  const read = (name: string): number | null | undefined => {
    const raw = (values[name] ?? "").trim();
    if (raw === "") return null;
    if (!/^\d+$/.test(raw)) {
      invalid.push(name);
      return undefined;
    }
    return Number(raw);
  };
  for (const id of ids) {
    const pre = read(`pre.${id}`);
    const post = read(`post.${id}`);
    if (pre === undefined || post === undefined) continue;
    if (pre === null && post === null) continue;
    scores.push({ participant_id: id, pre, post });
  }
  return { scores, invalid };
}
