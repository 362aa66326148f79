// The Indonesian of every staff area, whole: the type of their message ids (messages.ts)
// and the unit tests' catalogue (bothCatalogues.ts). The app never loads this module; a
// staff screen fetches its area's files only (areas.ts, issue 21). A new staff file is
// added here and to areas.ts.
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
import { PORTAL_FILES_ID } from "./portalFiles";
import { PROTECTION_ID } from "./protection";
import { REFUSALS_ID } from "./refusals";
import { STAFF_ID } from "./staff";
import { VERIFICATION_ID } from "./verification";
import { WEBDESK_ID } from "./webdesk";

export const SCREENS_ID = { ...STAFF_ID, ...ADMIN_ID, ...DESK_ID, ...KPI_ID, ...KPI_DEFINITIONS_ID, ...MORI_STAFF_ID, ...PROTECTION_ID, ...COMMUNITY_ID, ...INTERN_ID, ...CASEWORK_ID, ...VERIFICATION_ID, ...WEBDESK_ID, ...BULK_ID, ...INTEGRATION_ID, ...PORTAL_FILES_ID, ...REFUSALS_ID } as const;
