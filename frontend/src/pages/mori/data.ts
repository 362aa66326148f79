// The internship staff screens' reads: applications, quotas, cohorts, the logbook queue
// and the rubrics, each a query keyed under "mori" so a write refreshes what it touched.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import type { ApplicationFilters } from "../../lib/mori";

export type Application = components["schemas"]["ApplicationPublic"];
type ApplicationPage = components["schemas"]["Page_ApplicationPublic_"];
export type Quota = components["schemas"]["QuotaPublic"];
export type Cohort = components["schemas"]["CohortPublic"];
export type CohortSummary = components["schemas"]["CohortSummary"];
export type Plan = components["schemas"]["RotationPlan"];
export type Change = components["schemas"]["PlacementChangePublic"];
export type Entry = components["schemas"]["EntryPublic"];
export type Certificate = components["schemas"]["CertificatePublic"];

export function useApplications(filters: ApplicationFilters) {
  return useQuery({
    queryKey: ["mori", "applications", filters],
    // The API filters; the queue shows every page of what it selects (the newest 500 at
    // most: an office's season, many times over).
    queryFn: async (): Promise<Application[]> => {
      const out: Application[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const query = { limit: 100, ...filters, ...(cursor ? { cursor } : {}) };
        const { data } = await api.GET("/api/v1/internship/applications", { params: { query } });
        if (!data) throw new Error("applications");
        // The listing answers JSON or CSV; JSON was asked for.
        const json = data as ApplicationPage;
        out.push(...json.items);
        if (!json.next_cursor) break;
        cursor = json.next_cursor;
      }
      return out;
    },
  });
}

export function useApplication(id: string | undefined) {
  return useQuery({
    queryKey: ["mori", "application", id],
    enabled: id !== undefined,
    queryFn: async (): Promise<Application | null> => {
      const { data, response } = await api.GET("/api/v1/internship/applications/{application_id}", { params: { path: { application_id: id! } } });
      if (response.status === 404) return null;
      if (!data) throw new Error("application");
      return data;
    },
  });
}

export function useQuotas(window: { from: string; to: string } | null) {
  return useQuery({
    queryKey: ["mori", "quotas", window?.from, window?.to],
    enabled: window !== null,
    queryFn: async (): Promise<Quota[]> => {
      const { data } = await api.GET("/api/v1/internship/quotas", { params: { query: { from: window!.from, to: window!.to } } });
      if (!data) throw new Error("quotas");
      return data;
    },
  });
}

export function useCohorts() {
  return useQuery({
    queryKey: ["mori", "cohorts"],
    queryFn: async (): Promise<CohortSummary[]> => {
      const { data } = await api.GET("/api/v1/internship/cohorts");
      if (!data) throw new Error("cohorts");
      return data;
    },
  });
}

export function useCohort(id: string | undefined) {
  return useQuery({
    queryKey: ["mori", "cohort", id],
    enabled: id !== undefined,
    queryFn: async () => {
      const path = { params: { path: { cohort_id: id! } } };
      const [cohort, plan, history] = await Promise.all([
        api.GET("/api/v1/internship/cohorts/{cohort_id}", path),
        api.GET("/api/v1/internship/cohorts/{cohort_id}/plan", path),
        api.GET("/api/v1/internship/cohorts/{cohort_id}/history", path),
      ]);
      if (!cohort.data || !plan.data || !history.data) throw new Error("cohort");
      return { cohort: cohort.data, plan: plan.data, history: history.data };
    },
  });
}

export function useWaitingEntries() {
  return useQuery({
    queryKey: ["mori", "logbook", "submitted"],
    queryFn: async (): Promise<Entry[]> => {
      const { data } = await api.GET("/api/v1/internship/logbook", { params: { query: { status: "submitted" } } });
      if (!data) throw new Error("logbook");
      return data;
    },
  });
}

export function useRubrics() {
  return useQuery({
    queryKey: ["mori", "rubrics"],
    staleTime: 3600_000,
    queryFn: async () => {
      const { data } = await api.GET("/api/v1/internship/evaluations/rubrics");
      if (!data) throw new Error("rubrics");
      return data.rubrics;
    },
  });
}

export function useEvaluations(applicationId: string | undefined) {
  return useQuery({
    queryKey: ["mori", "evaluations", applicationId],
    enabled: applicationId !== undefined,
    queryFn: async () => {
      const { data } = await api.GET("/api/v1/internship/evaluations/interns/{application_id}", { params: { path: { application_id: applicationId! } } });
      if (!data) throw new Error("evaluations");
      return data;
    },
  });
}

// The name a listed application shows: the applicant as the reader may see them.
export function nameOf(application: Application | undefined): string {
  return application?.applicant.name ?? "—";
}
