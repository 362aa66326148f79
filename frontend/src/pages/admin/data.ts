// The administration screens' reads: the gateway's users, role proposals, offices and
// API clients, and the integration service's webhook subscriptions. A refusal (403)
// is told apart, so a screen says "not for your role" rather than "failed".
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { ROWS } from "../../api/stale";

export type User = components["schemas"]["UserPublic"];
export type Office = components["schemas"]["OfficePublic"];
export type Client = components["schemas"]["ClientPublic"];
export type Proposal = components["schemas"]["RoleChangePublic"];
export type Subscription = components["schemas"]["SubscriptionPublic"];

export class Refused extends Error {}

const LIMIT = 200;

function refusedOr(status: number, what: string): Error {
  return status === 403 || status === 401 ? new Refused(what) : new Error(what);
}

export function useUsers() {
  return useQuery({
    queryKey: ["admin", "users"],
    meta: ROWS,
    queryFn: async (): Promise<User[]> => {
      const { data, response } = await api.GET("/api/v1/auth/users", { params: { query: { limit: LIMIT } } });
      if (!data) throw refusedOr(response.status, "users");
      return data.items;
    },
    retry: false,
  });
}

export function useProposals() {
  return useQuery({
    queryKey: ["admin", "proposals"],
    meta: ROWS,
    queryFn: async (): Promise<Proposal[]> => {
      const { data, response } = await api.GET("/api/v1/auth/role-proposals", { params: { query: { limit: LIMIT } } });
      if (!data) throw refusedOr(response.status, "role proposals");
      return data.items;
    },
    retry: false,
  });
}

export function useOffices() {
  return useQuery({
    queryKey: ["admin", "offices"],
    meta: ROWS,
    queryFn: async (): Promise<Office[]> => {
      const { data, response } = await api.GET("/api/v1/auth/offices");
      if (!data) throw refusedOr(response.status, "offices");
      return data.items;
    },
    retry: false,
  });
}

export function useClients() {
  return useQuery({
    queryKey: ["admin", "clients"],
    meta: ROWS,
    queryFn: async (): Promise<Client[]> => {
      const { data, response } = await api.GET("/api/v1/auth/clients", { params: { query: { limit: LIMIT } } });
      if (!data) throw refusedOr(response.status, "clients");
      return data.items;
    },
    retry: false,
  });
}

export function useSubscriptions() {
  return useQuery({
    queryKey: ["admin", "webhooks"],
    meta: ROWS,
    queryFn: async (): Promise<Subscription[]> => {
      const { data, response } = await api.GET("/api/v1/integration/webhooks/subscriptions");
      if (!data) throw refusedOr(response.status, "webhook subscriptions");
      return data;
    },
    retry: false,
  });
}
