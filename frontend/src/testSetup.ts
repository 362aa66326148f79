// The unit tests start where the app is once a screen other than the entry's has
// rendered: the screens' Indonesian loaded (router.tsx awaits it before such a screen;
// messages.test.ts checks the catalogue before and after on a fresh module).
import { loadScreenTexts } from "./i18n/messages";

await loadScreenTexts();
