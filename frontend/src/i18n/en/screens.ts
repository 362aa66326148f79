// The English of every staff area, whole (../screens.ts): the unit tests' catalogue; the
// app fetches it by area (../areas.ts).
import type { SCREENS_ID } from "../screens";
import { ADMIN_EN } from "./admin";
import { BULK_EN } from "./bulk";
import { CASEWORK_EN } from "./casework";
import { COMMUNITY_EN } from "./community";
import { DESK_EN } from "./desk";
import { INTEGRATION_EN } from "./integration";
import { INTERN_EN } from "./intern";
import { KPI_EN } from "./kpi";
import { KPI_DEFINITIONS_EN } from "./kpiDefinitions";
import { MORI_STAFF_EN } from "./moriStaff";
import { PORTAL_FILES_EN } from "./portalFiles";
import { PROTECTION_EN } from "./protection";
import { REFUSALS_EN } from "./refusals";
import { STAFF_EN } from "./staff";
import { VERIFICATION_EN } from "./verification";
import { WEBDESK_EN } from "./webdesk";

export const SCREENS_EN: Record<keyof typeof SCREENS_ID, string> = { ...STAFF_EN, ...ADMIN_EN, ...DESK_EN, ...KPI_EN, ...KPI_DEFINITIONS_EN, ...MORI_STAFF_EN, ...PROTECTION_EN, ...COMMUNITY_EN, ...INTERN_EN, ...CASEWORK_EN, ...VERIFICATION_EN, ...WEBDESK_EN, ...BULK_EN, ...INTEGRATION_EN, ...PORTAL_FILES_EN, ...REFUSALS_EN };
