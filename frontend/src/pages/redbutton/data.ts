// The protection officers' data: the office's cases (the list is also how one case is
// read: the API has no single-case read).
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { ROWS } from "../../api/stale";

// The merged OpenAPI names the list's items after examination's `CasePublic` (both
// services have a schema of that name); the items are the internship one.
export type RedButtonCase = components["schemas"]["internship_CasePublic"];

export class NotForRole extends Error {}

export function useRedButtonCases() {
  return useQuery({
    queryKey: ["red-button-cases"],
    meta: ROWS,
    queryFn: async (): Promise<RedButtonCase[]> => {
      const { data, response } = await api.GET("/api/v1/internship/red-button/cases", { params: { query: { limit: 200 } } });
      if (response.status === 403) throw new NotForRole();
      if (!data) throw new Error("cases");
      return data.items;
    },
    retry: false,
    refetchInterval: 30_000,
  });
}

// An API code's label under `rb.<group>.`, or the code itself when this version of the
// app has none for it (a new status is shown, never hidden).
export function rbLabel(messages: Record<string, string>, group: string, code: string): string {
  return messages[`rb.${group}.${code}`] ?? code;
}
