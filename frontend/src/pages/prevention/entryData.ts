// The prevention API's reads the write screens need: the scheme versions to open an
// assessment with, one version's definition (its respondents and indicators), and an
// assessment's entries for the reviewer.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { ROWS } from "../../api/stale";

export type Entry = components["schemas"]["prevention_EntryPublic"];
export type Scheme = components["schemas"]["SchemePublic"];
export type UnitType = components["schemas"]["UnitType"];
export type RespondentType = components["schemas"]["RespondentType"];

export const UNIT_TYPES: UnitType[] = ["ministry", "agency", "province", "regency", "city", "land_office", "police_resort", "village", "other"];

export function useSchemes() {
  return useQuery({
    queryKey: ["prevention", "schemes"],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/prevention/schemes");
      if (error || !data) throw new Error("schemes");
      // The latest version of each scheme first: the one an assessment is opened with.
      return [...data].sort((a, b) => Number(b.latest) - Number(a.latest) || b.year_from - a.year_from || b.version - a.version);
    },
    retry: false,
  });
}

export function useScheme(id: string) {
  return useQuery({
    queryKey: ["prevention", "scheme", id],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/prevention/schemes/{scheme_id}", { params: { path: { scheme_id: id } } });
      if (error || !data) throw new Error("scheme");
      return data;
    },
    retry: false,
    staleTime: Infinity, // a version is frozen: a correction is another version
  });
}

export function useEntries(assessmentId: string) {
  return useQuery({
    queryKey: ["prevention", "entries", assessmentId],
    meta: ROWS,
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/prevention/assessments/{assessment_id}/entries", {
        params: { path: { assessment_id: assessmentId } },
      });
      if (error || !data) throw new Error("entries");
      return data;
    },
    retry: false,
  });
}
