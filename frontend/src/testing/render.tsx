// A component rendered as the app renders it: the real Mantine theme, the real message
// catalogues behind react-intl, a QueryClient and the office's date settings (main.tsx's
// providers, without the router). The signed-in user and their office are seeded into the
// query cache, as the gateway's /auth/me and /auth/offices answers would fill it.
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, waitFor, type RenderResult } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import type { ReactNode } from "react";
import { onTestFinished } from "vitest";
import type { components } from "../api/schema";
import { rereadRowsWhenStale } from "../api/stale";
import { session } from "../auth/session";
import { OfficeDates } from "../components/OfficeDates";
import { LocaleProvider, useLocale } from "../i18n/locale";
import { loadCatalogue, type Locale } from "../i18n/messages";
import { DEFAULT_ZONE } from "../office";
import { contrast, theme } from "../theme";

type Me = components["schemas"]["Me"];

export interface AppOptions {
  locale?: Locale;
  // The signed-in user (office.tsx's useMe); none: nobody is known, as on a public page.
  me?: Partial<Me>;
  // The time zone of the user's office (its /auth/offices answer).
  officeZone?: string;
}

export interface RenderedApp extends RenderResult {
  user: UserEvent;
  // The header's language switch, as the user presses it: resolves once the screen
  // speaks the new language.
  speak: (locale: Locale) => Promise<void>;
}

export const ME: Me = {
  subject: "2b0c6c8e-9d1f-4c55-9a3e-5f0f3c1d7a10",
  username: "pemeriksa.uji",
  office: "PUSAT",
  kind: "user",
  roles: ["examiner"],
  capabilities: [],
};

export async function renderApp(ui: ReactNode, options: AppOptions = {}): Promise<RenderedApp> {
  // LocaleProvider starts in the language kept from an earlier visit.
  const locale = options.locale ?? "id";
  localStorage.setItem("apik.locale", locale);
  await loadCatalogue(locale);
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
  onTestFinished(rereadRowsWhenStale(queries)); // as main.tsx wires it, for this test only
  if (options.me !== undefined) {
    const me = { ...ME, ...options.me };
    // office.tsx's keys: useMe's (no token in a test) and useOfficeZone's.
    queries.setQueryData(["me", session.accessToken() !== null], me);
    queries.setQueryData(["office", me.office], { code: me.office, timezone: options.officeZone ?? DEFAULT_ZONE });
  }
  let setLocale: (next: Locale) => void = () => undefined;
  function LocaleHandle() {
    setLocale = useLocale().setLocale;
    return null;
  }
  // Mantine's test mode: no transitions (a dialog is there at once) and no portals. A
  // wrapper, so that `rerender` keeps the providers.
  function Providers({ children }: { children: ReactNode }) {
    return (
      <MantineProvider theme={theme} cssVariablesResolver={contrast} env="test">
        <LocaleProvider>
          <LocaleHandle />
          <QueryClientProvider client={queries}>
            <OfficeDates>{children}</OfficeDates>
          </QueryClientProvider>
        </LocaleProvider>
      </MantineProvider>
    );
  }
  const view = render(ui, { wrapper: Providers });
  const user = userEvent.setup();
  async function speak(next: Locale) {
    act(() => setLocale(next));
    await waitFor(() => {
      if (document.documentElement.lang !== next) throw new Error(`still speaking ${document.documentElement.lang}`);
    });
  }
  return { ...view, user, speak };
}
