// The reporting API's reads the dashboard shows, one query each, keyed by year (and
// breakdown): switching back to a year already seen shows it at once.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { components } from "../../api/schema";

export type KpiReport = components["schemas"]["KpiReport"];
export type Table = components["schemas"]["Table"];
export type Dimension = components["schemas"]["Dimension"];
export const DIMENSIONS = ["substance", "outcome", "channel", "agency_type", "month", "public_loss"] as const satisfies readonly Dimension[];

export function useKpis(year: number) {
  return useQuery({
    queryKey: ["kpis", year],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/reporting/kpis", { params: { query: { year } } });
      if (error) throw new Error("kpis");
      return data as KpiReport; // JSON was asked for (CSV and XLSX only by Accept)
    },
  });
}

export function useTargets(year: number) {
  return useQuery({
    queryKey: ["targets", year],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/reporting/targets/{year}", { params: { path: { year } } });
      if (error) throw new Error("targets");
      return data as components["schemas"]["TargetsPublic"];
    },
  });
}

export function useBreakdown(dimension: Dimension, year: number) {
  return useQuery({
    queryKey: ["breakdown", dimension, year],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/reporting/breakdowns/{dimension}", {
        params: { path: { dimension }, query: { year } },
      });
      if (error) throw new Error("breakdown");
      return data as Table;
    },
  });
}

export function useStaff(year: number) {
  return useQuery({
    queryKey: ["staff", year],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/reporting/staff", { params: { query: { year } } });
      if (error) throw new Error("staff");
      return data as Table;
    },
  });
}

// The office's substances by code, for the breakdown's names (codes when refused).
export function useSubstanceNames(locale: string) {
  return useQuery({
    queryKey: ["substances"],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/intake/substances");
      if (error) throw new Error("substances");
      return data;
    },
    staleTime: 3600_000,
    select: (rows) => Object.fromEntries(rows.map((s) => [s.code, locale === "id" ? s.name_id : s.name_en])),
  });
}
