// The Sahabat Ombudsman API's reads and writes the community and subject-request tabs
// use: groups, members (names as the API returns them: in full for the prevention unit,
// its reads audited; masked otherwise), and data subjects' requests.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { operations } from "../../api/schema";
import { NotForRole } from "./data";
import { ROWS } from "../../api/stale";

// By operation: the schema names collide with other services' (the generator prefixes them).
type Listed<K extends keyof operations> = operations[K]["responses"] extends { 200: { content: { "application/json": Array<infer T> } } } ? T : never;
export type Group = Listed<"prevention_community_list_groups">;
export type Member = Listed<"prevention_community_list_members">;
export type SubjectRequest = Listed<"prevention_subject_requests_list_subject_requests">;

function refused(status: number, what: string): Error {
  return status === 403 ? new NotForRole(what) : new Error(what);
}

export function useGroups() {
  return useQuery({
    queryKey: ["prevention", "community", "groups"],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/community/groups");
      if (!data) throw refused(response.status, "groups");
      return data;
    },
    retry: false,
  });
}

export function useMembers() {
  return useQuery({
    queryKey: ["prevention", "community", "members"],
    meta: ROWS,
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/community/members", { params: { query: { limit: 1000 } } });
      if (!data) throw refused(response.status, "members");
      return data;
    },
    retry: false,
  });
}

export function useSubjectRequests() {
  return useQuery({
    queryKey: ["prevention", "subject-requests"],
    meta: ROWS,
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/subject-requests");
      if (!data) throw refused(response.status, "subject requests");
      return data;
    },
    retry: false,
  });
}

export { etagOf, isMove, statusOf, stepLabel } from "../../lib/community";
