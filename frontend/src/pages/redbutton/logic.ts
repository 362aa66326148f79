// The Red Button pages' pure logic: the receipt as the intern types it back, the quick
// exit's destination, the protection deadline in words, and the raise form's checks
// (mirroring the API's, so that a person in a hurry is told before sending).
import type { MessageId } from "../../i18n/messages";

// Where the quick-exit button goes: a neutral page of this same app's origin would still
// be APIK, so a well-known neutral site; `location.replace` leaves no history entry.
export const QUICK_EXIT_URL = "https://www.bmkg.go.id/cuaca/prakiraan-cuaca";

// 16 digits, with or without spaces or dashes -> `1234 5678 9012 3456`; null when the
// typed text cannot be a receipt (the API would refuse it without a lookup anyway).
export function normaliseReceipt(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, "");
  if (!/^\d{16}$/.test(digits)) return null;
  return digits.match(/.{4}/g)!.join(" ");
}

export type Mode = "identified" | "confidential" | "anonymous";
export type Severity = "danger" | "urgent" | "concern";

export interface RaiseDraft {
  mode: Mode;
  severity: Severity | "";
  account: string;
  name: string;
  phone: string;
  email: string;
  institution: string;
  reportedPerson: string;
  reportedUnit: string;
}

export const EMPTY_DRAFT: RaiseDraft = {
  mode: "anonymous",
  severity: "",
  account: "",
  name: "",
  phone: "",
  email: "",
  institution: "",
  reportedPerson: "",
  reportedUnit: "",
};

// Field -> message id of what is missing; empty when the draft can be sent.
export function draftErrors(draft: RaiseDraft): Record<string, MessageId> {
  const errors: Record<string, MessageId> = {};
  if (draft.severity === "") errors.severity = "rb.error.severity";
  if (draft.account.trim() === "") errors.account = "rb.error.account";
  if (draft.mode !== "anonymous") {
    if (draft.name.trim() === "") errors["reporter.name"] = "rb.error.name";
    if (draft.phone.trim() === "" && draft.email.trim() === "") errors["reporter.phone"] = "rb.error.reach";
  }
  return errors;
}

// The API's body: an anonymous report carries no reporter, even if fields were typed
// before the intern switched to anonymous.
export function raiseBody(office: string, draft: RaiseDraft) {
  const trim = (s: string) => (s.trim() === "" ? undefined : s.trim());
  const reported =
    trim(draft.reportedPerson) || trim(draft.reportedUnit)
      ? { person: trim(draft.reportedPerson), unit: trim(draft.reportedUnit) }
      : undefined;
  const reporter =
    draft.mode === "anonymous"
      ? undefined
      : { name: draft.name.trim(), phone: trim(draft.phone), email: trim(draft.email), institution: trim(draft.institution) };
  return { office, mode: draft.mode, severity: draft.severity as Severity, account: draft.account, reporter, reported };
}

// What is left before the 1x24-hour deadline, or how late it is: whole hours and
// minutes, for a text that says it (never colour alone).
export function deadlineLeft(dueIso: string, now: Date): { overdue: boolean; hours: number; minutes: number } {
  const ms = new Date(dueIso).getTime() - now.getTime();
  const total = Math.floor(Math.abs(ms) / 60_000);
  return { overdue: ms < 0, hours: Math.floor(total / 60), minutes: total % 60 };
}
