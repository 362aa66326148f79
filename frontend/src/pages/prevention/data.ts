// The prevention API's reads the staff screens show, one query each, keyed by what they
// ask (a year, an id): switching back to a tab or a year already seen shows it at once.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { components } from "../../api/schema";

export type Assessment = components["schemas"]["AssessmentPublic"];
export type Score = components["schemas"]["AssessmentScore"];
export type Dimension = components["schemas"]["DimensionScore"];
export type Agreement = components["schemas"]["AgreementSummary"];
export type ClinicGains = components["schemas"]["ClinicGains"];
export type Study = components["schemas"]["StudyPublic"];
export type YearResults = components["schemas"]["YearResults"];

// A read the API refuses for the user's role: the page says so instead of an error.
export class NotForRole extends Error {}

function refused(status: number, what: string): Error {
  return status === 403 ? new NotForRole(what) : new Error(what);
}

export function useAssessments(year: number) {
  return useQuery({
    queryKey: ["prevention", "assessments", year],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/assessments", { params: { query: { year, limit: 200 } } });
      if (!data) throw refused(response.status, "assessments");
      // The listing answers JSON or CSV; JSON was asked for.
      return (data as components["schemas"]["Page_AssessmentPublic_"]).items;
    },
    retry: false,
  });
}

export function useAssessment(id: string) {
  return useQuery({
    queryKey: ["prevention", "assessment", id],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/assessments/{assessment_id}", { params: { path: { assessment_id: id } } });
      if (response.status === 404 || response.status === 422) return null;
      if (!data) throw refused(response.status, "assessment");
      return data;
    },
    retry: false,
  });
}

export function useScore(id: string) {
  return useQuery({
    queryKey: ["prevention", "score", id],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/assessments/{assessment_id}/score", { params: { path: { assessment_id: id } } });
      if (!data) throw refused(response.status, "score");
      return data;
    },
    retry: false,
  });
}

export function useAgreements() {
  return useQuery({
    queryKey: ["prevention", "agreements"],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/agreements");
      if (!data) throw refused(response.status, "agreements");
      return data;
    },
    retry: false,
  });
}

export function useClinics(year: number) {
  return useQuery({
    queryKey: ["prevention", "clinics", year],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/clinics/effectiveness", { params: { query: { year } } });
      if (!data) throw refused(response.status, "clinics");
      return data;
    },
    retry: false,
  });
}

export function useClinic(id: string) {
  return useQuery({
    queryKey: ["prevention", "clinic", id],
    queryFn: async () => {
      const path = { params: { path: { clinic_id: id } } };
      const clinic = await api.GET("/api/v1/prevention/clinics/{clinic_id}", path);
      if (clinic.response.status === 404 || clinic.response.status === 422) return null;
      if (!clinic.data) throw refused(clinic.response.status, "clinic");
      const gains = await api.GET("/api/v1/prevention/clinics/{clinic_id}/n-gain", path);
      if (!gains.data) throw refused(gains.response.status, "n-gain");
      return { clinic: clinic.data, gains: gains.data };
    },
    retry: false,
  });
}

export function useFocalPoints() {
  return useQuery({
    queryKey: ["prevention", "focal-points"],
    queryFn: async () => {
      const [points, counts] = await Promise.all([api.GET("/api/v1/prevention/focal-points"), api.GET("/api/v1/prevention/focal-points/counts")]);
      if (!points.data) throw refused(points.response.status, "focal points");
      return { points: points.data, counts: counts.data ?? null };
    },
    retry: false,
  });
}

export function useStudies(year: number) {
  return useQuery({
    queryKey: ["prevention", "studies", year],
    queryFn: async () => {
      const [studies, rate] = await Promise.all([
        api.GET("/api/v1/prevention/studies", { params: { query: { year } } }),
        api.GET("/api/v1/prevention/studies/follow-up-rate", { params: { query: { year } } }),
      ]);
      if (!studies.data) throw refused(studies.response.status, "studies");
      return { studies: studies.data, rate: rate.data ?? null };
    },
    retry: false,
  });
}

export function useStudy(id: string) {
  return useQuery({
    queryKey: ["prevention", "study", id],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/studies/{study_id}", { params: { path: { study_id: id } } });
      if (response.status === 404 || response.status === 422) return null;
      if (!data) throw refused(response.status, "study");
      return data;
    },
    retry: false,
  });
}

// The public pages (no login).
export function usePublicResults(year: number) {
  return useQuery({
    queryKey: ["prevention", "public-results", year],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/prevention/public/results", { params: { query: { year } } });
      if (error) throw new Error("results");
      return data;
    },
  });
}

export function useCertificate(code: string) {
  return useQuery({
    queryKey: ["prevention", "certificate", code],
    retry: false,
    queryFn: async () => {
      const { data } = await api.GET("/api/v1/prevention/public/clinics/certificates/{code}", { params: { path: { code } } });
      return data ?? null;
    },
  });
}
