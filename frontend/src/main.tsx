// Mantine's styles the entry screens need; the rest loads with the other screens (router.tsx).
import "./styles/entry.css";
import "./app.css";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { rereadRowsWhenStale } from "./api/stale";
import { session } from "./auth/session";
import { dropAllDrafts } from "./components/Draft";
import { OfficeDates } from "./components/OfficeDates";
import { firstLocale, LocaleProvider } from "./i18n/locale";
import { router } from "./router";
import { contrast, theme } from "./theme";

const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });
// A write refused as stale re-reads the lists on screen (api/stale.ts).
rereadRowsWhenStale(queries);

// What one user's session fetched is never shown to the next one on this tab; nor
// are the drafts of forms they left (personal data: see lib/drafts.ts).
let wasSignedIn = session.signedIn();
session.subscribe(() => {
  if (session.signedIn() !== wasSignedIn) queries.clear();
  if (!session.signedIn()) dropAllDrafts();
  wasSignedIn = session.signedIn();
});

// English chosen on an earlier visit: its catalogue (a chunk of its own) is fetched
// before the first render, so no screen flashes in Indonesian first; if it cannot be
// fetched, the page comes in Indonesian (firstLocale).
void firstLocale().then((locale) =>
  createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <LocaleProvider initial={locale}>
        <QueryClientProvider client={queries}>
          {/* Inside the queries: the date fields' zone is the signed-in user's office's. */}
          <OfficeDates>
            <RouterProvider router={router} />
          </OfficeDates>
        </QueryClientProvider>
      </LocaleProvider>
    </MantineProvider>
  </StrictMode>,
  ),
);
