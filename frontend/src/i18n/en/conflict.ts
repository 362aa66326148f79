// The English of conflict.ts.
import type { CONFLICT_ID } from "../conflict";

export const CONFLICT_EN: Record<keyof typeof CONFLICT_ID, string> = {
  "conflict.title": "The case has changed",
  "conflict.body": "Someone else changed this case since you opened it, so your entry was not saved. Load the latest version, check it, then save again: your entry stays.",
  "conflict.reload": "Load the latest version",
  "conflict.reportTitle": "The report has changed",
  "conflict.reportBody": "Someone else changed this report since you opened it, so your entry was not saved. Load the latest version, check it, then save again: your entry stays.",
  "conflict.visitTitle": "The visit has changed",
  "conflict.visitBody": "Someone else changed this visit after you opened it. Nothing was overwritten and your input is kept. Load the latest version, then save again.",
  "conflict.memberTitle": "The member changed",
  "conflict.memberBody": "Someone else changed this member. Nothing was overwritten; load the latest version and try again.",
  "conflict.recordTitle": "Someone else has just changed this record",
  "conflict.recordBody": "Nothing was overwritten. What you typed stays in the form; load the latest version, then save again.",
};
