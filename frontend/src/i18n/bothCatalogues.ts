// Both catalogues at once, for the unit tests: the app itself fetches English only when
// it is chosen (loadCatalogue in messages.ts). No screen imports this module.
import { EN } from "./en";
import { catalogue, type Catalogue, type Locale } from "./messages";

export const MESSAGES: Record<Locale, Catalogue> = { id: catalogue("id"), en: EN };
