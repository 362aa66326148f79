// The Indonesian of every screen but the entry's (sign-in, public report, tracking): one
// chunk, fetched before the first such screen renders (loadScreenTexts in messages.ts,
// awaited by router.tsx), so the entry chunk stays light for the public pages on slow
// phone connections (issue 21). Each area's file as before; a new area is added here,
// a key an entry screen shows goes to entry.ts instead.
import { ADMIN_ID } from "./admin";
import { BULK_ID } from "./bulk";
import { CASEWORK_ID } from "./casework";
import { COMMUNITY_ID } from "./community";
import { DATES_ID } from "./dateFields";
import { DESK_ID } from "./desk";
import { INTEGRATION_ID } from "./integration";
import { INTERN_ID } from "./intern";
import { KPI_ID } from "./kpi";
import { KPI_DEFINITIONS_ID } from "./kpiDefinitions";
import { MORI_ID } from "./mori";
import { MORI_STAFF_ID } from "./moriStaff";
import { PREVENTION_ID } from "./prevention";
import { PROTECTION_ID } from "./protection";
import { PUBLICATIONS_ID } from "./publications";
import { VERIFICATION_ID } from "./verification";
import { WEBDESK_ID } from "./webdesk";

export const SCREENS_ID = { ...ADMIN_ID, ...DESK_ID, ...KPI_ID, ...KPI_DEFINITIONS_ID, ...MORI_ID, ...MORI_STAFF_ID, ...PROTECTION_ID, ...PREVENTION_ID, ...COMMUNITY_ID, ...PUBLICATIONS_ID, ...INTERN_ID, ...CASEWORK_ID, ...VERIFICATION_ID, ...WEBDESK_ID, ...BULK_ID, ...DATES_ID, ...INTEGRATION_ID } as const;
