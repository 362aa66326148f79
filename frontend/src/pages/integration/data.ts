// The integration screens' reads (the integration service through the gateway): the
// office's imports and one import's report, the portals' pull state, the complaints
// pulled, the sends and their deadlines. A 403 is the head-only screen's answer to
// another role, shown as such rather than as a failure.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { useLocale } from "../../i18n/locale";
import { catalogue } from "../../i18n/messages";

export type ImportReport = components["schemas"]["ImportPublic"];
export type ImportSummary = components["schemas"]["ImportSummary"];
export type PullState = components["schemas"]["PullStatePublic"];
export type Pulled = components["schemas"]["PulledComplaintPublic"];
export type Send = components["schemas"]["PortalSendPublic"];
export type Deadlines = components["schemas"]["ReportDeadlinesPublic"];

export class Refused extends Error {}

const LIMIT = 50;

function refusedOr(status: number, what: string): Error {
  return status === 403 || status === 401 ? new Refused(what) : new Error(what);
}

export function useImports() {
  return useQuery({
    queryKey: ["integration", "imports"],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/integration/imports", { params: { query: { limit: LIMIT } } });
      if (!data) throw refusedOr(response.status, "imports");
      return data;
    },
    // While one runs, its counts move in the list too.
    refetchInterval: (query) => (query.state.data?.items.some((i) => i.status === "running") ? 2000 : false),
    retry: false,
  });
}

// One import's report and its version (`ETag`, for `If-Match` on the run); read again
// every second while it runs, so the progress moves on the screen.
export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: ["integration", "import", id],
    enabled: id !== undefined,
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/integration/imports/{import_id}", {
        params: { path: { import_id: id as string } },
      });
      if (!data) throw refusedOr(response.status, "import");
      return { report: data, etag: response.headers.get("ETag") };
    },
    refetchInterval: (query) => (query.state.data?.report.status === "running" ? 1000 : false),
    retry: false,
  });
}

export function usePullState() {
  return useQuery({
    queryKey: ["integration", "pull-state"],
    queryFn: async (): Promise<PullState[]> => {
      const { data, response } = await api.GET("/api/v1/integration/portals/pull-state");
      if (!data) throw refusedOr(response.status, "pull state");
      return data;
    },
    retry: false,
  });
}

export function usePulled() {
  return useQuery({
    queryKey: ["integration", "pulled"],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/integration/portals/pulled", { params: { query: { limit: LIMIT } } });
      if (!data) throw refusedOr(response.status, "pulled");
      return data;
    },
    retry: false,
  });
}

export function useSends() {
  return useQuery({
    queryKey: ["integration", "sends"],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/integration/portals/sends", { params: { query: { limit: LIMIT } } });
      if (!data) throw refusedOr(response.status, "sends");
      return data;
    },
    retry: false,
  });
}

export function useDeadlines() {
  return useQuery({
    queryKey: ["integration", "deadlines"],
    queryFn: async (): Promise<Deadlines[]> => {
      const { data, response } = await api.GET("/api/v1/integration/portals/deadlines", { params: { query: { limit: LIMIT } } });
      if (!data) throw refusedOr(response.status, "deadlines");
      return data;
    },
    retry: false,
  });
}

// An API code's words (`<prefix>.<code>`), or the code itself when this version of the
// app has none for it.
export function useWord(): (prefix: string, code: string) => string {
  const { locale } = useLocale();
  const messages = catalogue(locale) as Record<string, string>;
  return (prefix, code) => messages[`${prefix}.${code}`] ?? code;
}
