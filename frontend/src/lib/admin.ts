// The administration screens' pure logic: which areas a user works on, which roles a
// change adds, and whether the gateway will want a second admin (its rule mirrored, so
// the screen sends a proposal instead of a change it would refuse; the API decides in
// the end).
import { holds, type Capability, type Viewer } from "./capabilities";
import { ADMIN_AREAS, type AdminArea } from "./routeSearch";

// The roles the gateway never lets an office admin hand out alone (users/rules.py).
export const GUARDED_ROLES = ["head", "dpo", "protection_officer", "national", "admin"];

// Every role an account may hold, in the order the forms show them.
export const ALL_ROLES = [
  "intake_officer",
  "examiner",
  "examination_supervisor",
  "prevention_officer",
  "desk_officer",
  "desk_supervisor",
  "intern_supervisor",
  "intern",
  // Held alone, by an account named `sahabat-<member id>` (the gateway checks both).
  "community_member",
  "analyst",
  "protection_officer",
  "head",
  "dpo",
  "admin",
  "national",
];

export const ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"] as const;

export { adminSearch, type AdminArea } from "./routeSearch";

// The capability each area's writes need (the API's guards, as `/auth/me` says them):
// the gateway's admin API, integration's webhooks, examination's roster and SLA
// policies (a national holder adds a version), intake's substances.
const AREA_NEEDS: Record<AdminArea, Capability> = {
  users: "admin.users",
  offices: "admin.users",
  clients: "admin.clients",
  webhooks: "integration.manage",
  roster: "examination.roster",
  substances: "intake.manage",
  sla: "examination.sla",
};

// The areas a user works on, in the tabs' order.
export function adminAreas(viewer: Viewer): AdminArea[] {
  return ADMIN_AREAS.filter((area) => holds(viewer, AREA_NEEDS[area]));
}

export function addedRoles(before: readonly string[], after: readonly string[]): string[] {
  return after.filter((r) => !before.includes(r));
}

// True when the change adds a guarded role and the actor is not national: the gateway
// then takes a proposal that a second admin approves.
export function needsSecondAdmin(actorRoles: readonly string[], before: readonly string[], after: readonly string[]): boolean {
  if (actorRoles.includes("national")) return false;
  return addedRoles(before, after).some((r) => GUARDED_ROLES.includes(r));
}

export function toggle(roles: readonly string[], role: string, on: boolean): string[] {
  const rest = roles.filter((r) => r !== role);
  return on ? ALL_ROLES.filter((r) => rest.includes(r) || r === role).concat(rest.filter((r) => !ALL_ROLES.includes(r))) : rest;
}

// The event types typed one a line (or separated by commas), blanks and repeats dropped.
export function eventTypes(text: string): string[] {
  const seen: string[] = [];
  for (const part of text.split(/[\n,]/)) {
    const type = part.trim();
    if (type !== "" && !seen.includes(type)) seen.push(type);
  }
  return seen;
}
