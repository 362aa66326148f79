// The English of staff.ts.
import type { STAFF_ID } from "../staff";

export const STAFF_EN: Record<keyof typeof STAFF_ID, string> = {
  "queue.registered": "Awaiting formal verification",
  "queue.awaiting_completion": "Awaiting the reporter's documents",
  "queue.formally_verified": "Awaiting material verification",
  "queue.materially_verified": "Awaiting the plenary",
  "queue.mine": "Assigned to me",
  "queue.casesMine": "My cases",
  "queue.casesWarning": "Cases near their deadline",
  "queue.casesBreached": "Cases past their deadline",
  "queue.deskWaiting": "Visitors waiting at the service desk",
  "home.visitors": "{count, plural, one {# visitor} other {# visitors}}",
  "intern.home.returned": "This month's logbook entries returned for correction",
  "intern.home.entries": "{count, plural, one {# entry} other {# entries}}",
  "prev.home.subjectOverdue": "Data subject requests past their deadline",
  "visit.downloadFailed": "The file could not be fetched. Try again.",
};
