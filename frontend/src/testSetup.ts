// The unit tests start where the app is once a screen other than the entry's has
// rendered: the screens' Indonesian loaded, every staff area's (router.tsx awaits a
// screen's before it renders; messages.test.ts checks the catalogue before and after on
// a fresh module).
import { ALL_STAFF_AREAS } from "./i18n/areas";
import { loadScreenTexts } from "./i18n/messages";

await loadScreenTexts(ALL_STAFF_AREAS);
