// The Indonesian of the staff screens' areas: one chunk, fetched before the first staff
// screen renders (loadScreenTexts in messages.ts, awaited by router.tsx), never by the
// public pages on slow phone connections (issue 21). The areas the public pages show
// are publicScreens.ts; the entry's own words messages.ts and entry.ts. A new area is
// added here (or to publicScreens.ts when a public page shows it).
import { ADMIN_ID } from "./admin";
import { BULK_ID } from "./bulk";
import { CASEWORK_ID } from "./casework";
import { COMMUNITY_ID } from "./community";
import { DESK_ID } from "./desk";
import { INTEGRATION_ID } from "./integration";
import { INTERN_ID } from "./intern";
import { KPI_ID } from "./kpi";
import { KPI_DEFINITIONS_ID } from "./kpiDefinitions";
import { MORI_STAFF_ID } from "./moriStaff";
import { PROTECTION_ID } from "./protection";
import { REFUSALS_ID } from "./refusals";
import { VERIFICATION_ID } from "./verification";
import { WEBDESK_ID } from "./webdesk";

export const SCREENS_ID = { ...ADMIN_ID, ...DESK_ID, ...KPI_ID, ...KPI_DEFINITIONS_ID, ...MORI_STAFF_ID, ...PROTECTION_ID, ...COMMUNITY_ID, ...INTERN_ID, ...CASEWORK_ID, ...VERIFICATION_ID, ...WEBDESK_ID, ...BULK_ID, ...INTEGRATION_ID, ...REFUSALS_ID } as const;
