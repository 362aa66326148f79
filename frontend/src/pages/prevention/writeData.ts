// The prevention API's reads the agreement and innovation write screens need: one
// agreement with its document, activities and the steps offered; the innovations
// register. Each write invalidates the keys below.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { NotForRole } from "./data";

export type AgreementDetail = components["schemas"]["AgreementPublic"];
export type Innovation = components["schemas"]["InnovationPublic"];
export type InnovationBody = components["schemas"]["InnovationBody"];

export function useAgreement(id: string) {
  return useQuery({
    queryKey: ["prevention", "agreement", id],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/agreements/{agreement_id}", { params: { path: { agreement_id: id } } });
      if (response.status === 404 || response.status === 422) return null;
      if (!data) throw response.status === 403 ? new NotForRole("agreement") : new Error("agreement");
      return data;
    },
    retry: false,
  });
}

export function useInnovations() {
  return useQuery({
    queryKey: ["prevention", "innovations"],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/innovations");
      if (!data) throw response.status === 403 ? new NotForRole("innovations") : new Error("innovations");
      return data;
    },
    retry: false,
  });
}
