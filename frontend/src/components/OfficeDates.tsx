// The one DatesProvider, apart from the date fields themselves: it wraps the whole app,
// so it is in the entry chunk, while the fields (and @mantine/dates' inputs, calendars
// and styles) load with the screens that have a date to type.
import { DatesProvider } from "@mantine/dates";
import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import { session } from "../auth/session";
import { useLocale } from "../i18n/locale";
import { DEFAULT_ZONE, useOfficeZone } from "../office";

const ZoneContext = createContext<string>(DEFAULT_ZONE);

// The one DatesProvider: the UI's locale for the calendar's names, Monday first, and the
// signed-in user's office zone for every date-and-time field (the public pages, with no
// office, stay on the default zone unless a field is given its own).
export function OfficeDates({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  // Rendered again on signing in or out: the office (and its zone) is the new user's.
  useSyncExternalStore(
    (l) => session.subscribe(l),
    () => session.signedIn(),
  );
  const zone = useOfficeZone();
  return (
    <ZoneContext.Provider value={zone}>
      <DatesProvider settings={{ locale, firstDayOfWeek: 1, weekendDays: [0, 6] }}>{children}</DatesProvider>
    </ZoneContext.Provider>
  );
}

export function useDatesZone(): string {
  return useContext(ZoneContext);
}
