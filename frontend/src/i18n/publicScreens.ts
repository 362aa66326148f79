// The Indonesian of the areas the public pages other than the entry's show (internship
// application and Red Button, compliance results and certificates, publications, the
// date fields, the conflict dialog): one chunk, fetched before any screen but the
// entry's renders (loadScreenTexts in messages.ts, awaited by router.tsx). The staff
// screens' areas are areas.ts. A key goes to its area's file; an area moves here only
// when a public page starts to show it.
import { CONFLICT_ID } from "./conflict";
import { DATES_ID } from "./dateFields";
import { MORI_ID } from "./mori";
import { PREVENTION_ID } from "./prevention";
import { PUBLICATIONS_ID } from "./publications";

export const PUBLIC_SCREENS_ID = { ...MORI_ID, ...PREVENTION_ID, ...PUBLICATIONS_ID, ...DATES_ID, ...CONFLICT_ID } as const;
