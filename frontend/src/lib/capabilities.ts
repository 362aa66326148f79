// What the caller may do, as the gateway's `/auth/me` answers it (issue 21): the names of
// the services' route guards (`apik_shared.platform.capabilities`). Screens and create
// forms are shown by these, never by a role table of the web app's own.
import type { components } from "../api/schema";

export type Capability = components["schemas"]["Capability"];

// Who is looking, for the menus: what they may do, and whether they are a Sahabat
// Ombudsman member (the role is held alone; their home is their own screen, not a queue).
export interface Viewer {
  capabilities: readonly Capability[];
  member: boolean;
}

export const NOBODY: Viewer = { capabilities: [], member: false };

export function viewerOf(me: { capabilities?: readonly Capability[]; roles?: readonly string[] } | undefined): Viewer {
  if (!me) return NOBODY;
  return { capabilities: me.capabilities ?? [], member: (me.roles ?? []).includes("community_member") };
}

// True when the caller holds any of `wanted`.
export function holds(viewer: Viewer, ...wanted: Capability[]): boolean {
  return wanted.some((c) => viewer.capabilities.includes(c));
}
