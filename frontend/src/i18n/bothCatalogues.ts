// Both catalogues whole, for the unit tests: the app itself fetches English only when it
// is chosen, and the screens' Indonesian only when a screen needs it (messages.ts). No
// screen imports this module.
import { EN } from "./en";
import { ID_ENTRY, type Catalogue, type Locale } from "./messages";
import { PUBLIC_SCREENS_ID } from "./publicScreens";
import { SCREENS_ID } from "./screens";

export const MESSAGES: Record<Locale, Catalogue> = { id: { ...SCREENS_ID, ...PUBLIC_SCREENS_ID, ...ID_ENTRY }, en: EN };
