// Both catalogues whole, for the unit tests: the app itself fetches English only when it
// is chosen, and the screens' words only when a screen needs them, the staff screens'
// by area (messages.ts, areas.ts). No screen imports this module.
import { EN } from "./en";
import { SCREENS_EN } from "./en/screens";
import { ID_ENTRY, type Catalogue, type Locale } from "./messages";
import { PUBLIC_SCREENS_ID } from "./publicScreens";
import { SCREENS_ID } from "./screens";

export const MESSAGES: Record<Locale, Catalogue> = { id: { ...SCREENS_ID, ...PUBLIC_SCREENS_ID, ...ID_ENTRY }, en: { ...SCREENS_EN, ...EN } };
