import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { IntlProvider, useIntl } from "react-intl";
import { catalogue, loadCatalogue, subscribeCatalogues, type Locale, type MessageId } from "./messages";
import { sayIn, type Saying } from "./said";

const KEY = "apik.locale";
const LocaleContext = createContext<{ locale: Locale; setLocale: (l: Locale) => void }>({
  locale: "id",
  setLocale: () => undefined,
});

export function initialLocale(): Locale {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(KEY);
  return stored === "en" ? "en" : "id"; // Bahasa Indonesia unless English was chosen
}

// The language of the first render (main.tsx): the one chosen on an earlier visit once
// its catalogue is here, else Bahasa Indonesia, whose entry words the entry chunk
// carries: a phone that could not fetch English still gets a page, not a blank one.
export async function firstLocale(): Promise<Locale> {
  const chosen = initialLocale();
  try {
    await loadCatalogue(chosen);
    return chosen;
  } catch {
    await loadCatalogue("id");
    return "id";
  }
}

export function LocaleProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setState] = useState<Locale>(initial ?? initialLocale);
  // The language changes once its catalogue is here (English is fetched on first use):
  // never a screen half in one language, half in the other.
  const setLocale = (next: Locale) => {
    void loadCatalogue(next).then(() => {
      localStorage.setItem(KEY, next);
      setState(next);
    });
  };
  // The page's language for screen readers and hyphenation, also when English was
  // chosen on an earlier visit (index.html says "id").
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  // The language chosen in another tab of the app is followed here too (the browser
  // tells the others through a `storage` event), so two open tabs never disagree.
  useEffect(() => {
    const follow = (event: StorageEvent) => {
      if (event.key !== KEY) return;
      const next: Locale = event.newValue === "en" ? "en" : "id";
      void loadCatalogue(next).then(() => setState(next));
    };
    window.addEventListener("storage", follow);
    return () => window.removeEventListener("storage", follow);
  }, []);
  // Rendered again when a screen's words arrive (loadScreenTexts).
  const messages = useSyncExternalStore(subscribeCatalogues, () => catalogue(locale));
  return (
    <LocaleContext.Provider value={{ locale, setLocale }}>
      <IntlProvider locale={locale === "id" ? "id-ID" : "en-GB"} messages={messages}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale() {
  return useContext(LocaleContext);
}

// `t("auth.title")`: a typed message id, so a missing message fails the type check.
export function useT() {
  const intl = useIntl();
  return (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
}

// `say(kept)`: what a screen kept to say (said.ts), in the language of the moment.
export function useSay(): (saying: Saying) => string {
  const { locale } = useLocale();
  return (saying) => sayIn(locale, saying);
}
