// Sending the public form: JSON without files, multipart (a `report` part and `files`
// parts, as the API takes them) with; a resumed form names its draft, which the API
// deletes with the report's registration.
import { sendWrite } from "../../api/stale";
import type { components } from "../../api/schema";
import { isProblem, type Problem } from "../../lib/problems";
import { splitMultipartProblem, type RefusedFile } from "../../lib/publicForm";
import type { DraftKey } from "./Drafts";

type Receipt = components["schemas"]["PublicReceipt"];

export type Sent = { receipt: Receipt } | { problem: Problem; fileErrors: RefusedFile[] };

export async function sendReport(report: Record<string, unknown>, files: readonly File[], draft: DraftKey | null, idempotencyKey: string): Promise<Sent> {
  const headers: Record<string, string> = { "Idempotency-Key": idempotencyKey };
  if (draft) {
    headers["X-Draft-Code"] = draft.code;
    headers["X-Draft-PIN"] = draft.pin;
  }
  let body: BodyInit;
  if (files.length > 0) {
    const form = new FormData();
    form.append("report", new Blob([JSON.stringify(report)], { type: "application/json" }), "report.json");
    for (const f of files) form.append("files", f, f.name);
    body = form;
  } else {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(report);
  }
  let response: Response;
  try {
    response = await sendWrite("/api/v1/intake/public/reports", { method: "POST", headers, body });
  } catch {
    return { problem: {}, fileErrors: [] };
  }
  const answer: unknown = await response.json().catch(() => ({}));
  if (response.ok) return { receipt: answer as Receipt };
  const problem = isProblem(answer) ? answer : {};
  const split = splitMultipartProblem(problem, files.map((f) => f.name));
  return { problem: split.report, fileErrors: split.files };
}
