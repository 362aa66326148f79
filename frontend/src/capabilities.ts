// The signed-in user's capabilities (from `/auth/me`): `may("kpi.targets.edit")`.
import { useMe } from "./office";
import { holds, viewerOf, type Capability, type Viewer } from "./lib/capabilities";

export interface Capabilities {
  // False until `/auth/me` answered: nothing is allowed before.
  ready: boolean;
  viewer: Viewer;
  may: (capability: Capability) => boolean;
}

export function useCapabilities(): Capabilities {
  const me = useMe();
  const viewer = viewerOf(me.data);
  return { ready: me.data !== undefined, viewer, may: (c) => holds(viewer, c) };
}
