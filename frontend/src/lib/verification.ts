// The intake verification queue's URL state and the steps a report page offers, as pure
// functions: a bookmark with a bad filter still opens a working queue, and which form
// shows is decided by what the API says is allowed (`allowed_steps`), never by a
// status list kept here.
import type { QueueSearch } from "./routeSearch";

export { queueSearch, REPORT_STATUSES, type QueueSearch } from "./routeSearch";

// The API's query for the queue's URL state; a filter left off is not sent.
export function reportQuery(search: QueueSearch, limit: number) {
  return {
    status: search.status,
    awaiting_notice: search.awaiting_notice,
    overdue: search.lewat,
    cursor: search.kursor,
    limit,
  };
}

// A filter changed: back to the first page (an old cursor belongs to another listing).
export function withQueueFilter<K extends keyof Omit<QueueSearch, "kursor">>(
  search: QueueSearch,
  key: K,
  value: QueueSearch[K] | null,
): QueueSearch {
  const next: QueueSearch = { ...search };
  delete next.kursor;
  if (value === null || value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

// The forms of a report page, each shown when the API allows one of its steps.
export type StepForm = "formal" | "material" | "plenary";

const FORM_OF: Record<string, StepForm> = {
  formal_complete: "formal",
  formal_incomplete: "formal",
  material_within_authority: "material",
  material_outside_authority: "material",
  plenary_accept: "plenary",
  plenary_reject: "plenary",
  plenary_rco: "plenary",
};

export function stepForms(allowed: readonly string[]): StepForm[] {
  const forms = allowed.map((s) => FORM_OF[s]).filter((f): f is StepForm => f !== undefined);
  return [...new Set(forms)];
}

// The plenary's choices the API allows now (an RCO track is only offered when allowed).
export type PlenaryChoice = "accept" | "reject" | "rco";
export function plenaryChoices(allowed: readonly string[]): PlenaryChoice[] {
  return (["accept", "reject", "rco"] as const).filter((c) => allowed.includes(`plenary_${c}`));
}

// The formal checklist (the API's `FormalChecklist`); the power of attorney only when
// the reporter is represented, as the API counts it.
export const CHECKLIST = ["identity", "chronology", "prior_complaint", "within_two_years", "power_of_attorney"] as const;
export type ChecklistItem = (typeof CHECKLIST)[number];

export function checklistItems(represented: boolean): ChecklistItem[] {
  return CHECKLIST.filter((item) => represented || item !== "power_of_attorney");
}

// The body of formal verification: complete only when every item shown is ticked
// (the API checks it again, with its own findings on identity and age); an incomplete
// report lists what the reporter must add, one per line, and the notice they were sent.
export interface FormalInput {
  ticked: Partial<Record<ChecklistItem, boolean>>;
  represented: boolean;
  missing: string;
  note: string;
  notify: boolean;
  channel: string;
  message: string;
}

export function formalBody(input: FormalInput) {
  const items = checklistItems(input.represented);
  const checklist = Object.fromEntries(items.map((i) => [i, Boolean(input.ticked[i])])) as Record<ChecklistItem, boolean>;
  const complete = items.every((i) => checklist[i]);
  const missing = input.missing
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return {
    complete,
    checklist,
    missing: complete ? [] : missing,
    note: input.note.trim() === "" ? null : input.note.trim(),
    notification:
      !complete && input.notify ? { channel: input.channel, message: input.message.trim() } : null,
  };
}
