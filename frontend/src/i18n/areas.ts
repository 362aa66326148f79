// The staff screens' messages by area (issue 21): a staff screen fetches the shared
// staff part (`staff`) and its own area's files, not every area's, before it renders
// (router.tsx names each staff route's area; messages.ts loads it). Each catalogue file
// is a chunk of its own in each language, fetched once however many areas name it, so
// an area that shares a file with another (the SLA words, the bulk bar) costs nothing
// twice. This module is a chunk too, fetched with the first staff screen (messages.ts)
// rather than carried by the entry chunk every public page loads. routeAreas.test.ts
// checks that every key a route's files use is in what that route loads, in both
// languages, and that no area's part outgrows its budget.
import { onceUntilFailed } from "../lib/onceUntilFailed";
import type { Locale } from "./messages";

type Texts = Readonly<Record<string, string>>;

// Each catalogue file's two languages, fetched on demand: the English only once English
// is chosen (messages.ts asks for the languages in use).
const FILES = {
  staff: { id: () => import("./staff").then((m) => m.STAFF_ID), en: () => import("./en/staff").then((m) => m.STAFF_EN) },
  refusals: { id: () => import("./refusals").then((m) => m.REFUSALS_ID), en: () => import("./en/refusals").then((m) => m.REFUSALS_EN) },
  bulk: { id: () => import("./bulk").then((m) => m.BULK_ID), en: () => import("./en/bulk").then((m) => m.BULK_EN) },
  casework: { id: () => import("./casework").then((m) => m.CASEWORK_ID), en: () => import("./en/casework").then((m) => m.CASEWORK_EN) },
  verification: { id: () => import("./verification").then((m) => m.VERIFICATION_ID), en: () => import("./en/verification").then((m) => m.VERIFICATION_EN) },
  webdesk: { id: () => import("./webdesk").then((m) => m.WEBDESK_ID), en: () => import("./en/webdesk").then((m) => m.WEBDESK_EN) },
  portalFiles: { id: () => import("./portalFiles").then((m) => m.PORTAL_FILES_ID), en: () => import("./en/portalFiles").then((m) => m.PORTAL_FILES_EN) },
  integration: { id: () => import("./integration").then((m) => m.INTEGRATION_ID), en: () => import("./en/integration").then((m) => m.INTEGRATION_EN) },
  desk: { id: () => import("./desk").then((m) => m.DESK_ID), en: () => import("./en/desk").then((m) => m.DESK_EN) },
  kpi: { id: () => import("./kpi").then((m) => m.KPI_ID), en: () => import("./en/kpi").then((m) => m.KPI_EN) },
  kpiDefinitions: { id: () => import("./kpiDefinitions").then((m) => m.KPI_DEFINITIONS_ID), en: () => import("./en/kpiDefinitions").then((m) => m.KPI_DEFINITIONS_EN) },
  admin: { id: () => import("./admin").then((m) => m.ADMIN_ID), en: () => import("./en/admin").then((m) => m.ADMIN_EN) },
  moriStaff: { id: () => import("./moriStaff").then((m) => m.MORI_STAFF_ID), en: () => import("./en/moriStaff").then((m) => m.MORI_STAFF_EN) },
  protection: { id: () => import("./protection").then((m) => m.PROTECTION_ID), en: () => import("./en/protection").then((m) => m.PROTECTION_EN) },
  intern: { id: () => import("./intern").then((m) => m.INTERN_ID), en: () => import("./en/intern").then((m) => m.INTERN_EN) },
  community: { id: () => import("./community").then((m) => m.COMMUNITY_ID), en: () => import("./en/community").then((m) => m.COMMUNITY_EN) },
} satisfies Record<string, Record<Locale, () => Promise<Texts>>>;

export type TextsFile = keyof typeof FILES;

// What each staff area's screens show beyond the entry's, the public pages' and the
// shared staff part. `staff` itself is that shared part: every staff screen loads it (the
// home queues' names, the words of more than one area's screens, the API's refusals a
// step can meet anywhere).
export const STAFF_AREAS = {
  staff: ["staff", "refusals"],
  // The home screen's queues: the shared part's words only.
  home: [],
  // Registration, the verification queue and a report's page, the records archive.
  intake: ["verification", "webdesk", "casework", "bulk", "portalFiles"],
  // The examination board and a case's page.
  examination: ["casework", "webdesk", "bulk"],
  // The consultation (service) desk.
  consultation: ["desk"],
  kpi: ["kpi", "kpiDefinitions"],
  admin: ["admin", "webdesk", "casework"],
  // The internship's staff screens and the institution formats of its records.
  internship: ["moriStaff", "protection", "bulk", "casework"],
  // The intern's own screens.
  intern: ["intern"],
  // The Red Button's protection officers and alert contacts.
  protection: ["protection"],
  prevention: ["community", "bulk", "casework"],
  // The Sahabat Ombudsman member's own screen.
  community: ["community"],
  integration: ["integration", "portalFiles"],
} as const satisfies Record<string, readonly TextsFile[]>;

export type StaffArea = Exclude<keyof typeof STAFF_AREAS, "staff">;

export const ALL_STAFF_AREAS = Object.keys(STAFF_AREAS).filter((a) => a !== "staff") as StaffArea[];

// The files an area's screens need in all: the shared staff part's and the area's own.
export function filesOf(area: StaffArea): TextsFile[] {
  return [...new Set<TextsFile>([...STAFF_AREAS.staff, ...STAFF_AREAS[area]])];
}

const fetches = new Map<string, () => Promise<Texts>>();

// One file's messages in one language, fetched once; a fetch that failed is made again
// by the next screen that needs the file (onceUntilFailed).
export function textsOf(file: TextsFile, locale: Locale): Promise<Texts> {
  const key = `${file}:${locale}`;
  let fetch = fetches.get(key);
  if (fetch === undefined) {
    fetch = onceUntilFailed(FILES[file][locale]);
    fetches.set(key, fetch);
  }
  return fetch();
}
