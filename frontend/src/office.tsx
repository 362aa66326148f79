// The signed-in user's office and its time zone: dates are shown and picked in the
// office's zone, whatever the browser's.
import { useQuery } from "@tanstack/react-query";
import { api } from "./api/client";
import { session } from "./auth/session";

export const DEFAULT_ZONE = "Asia/Jakarta";

export function useMe() {
  return useQuery({
    queryKey: ["me", session.accessToken() !== null],
    enabled: session.signedIn(),
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/auth/me");
      if (error) throw new Error("me");
      return data;
    },
    staleTime: 60_000,
  });
}

export function useOfficeZone(): string {
  const me = useMe();
  const office = useQuery({
    queryKey: ["office", me.data?.office],
    enabled: me.data !== undefined,
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/auth/offices/{code}", {
        params: { path: { code: me.data!.office } },
      });
      if (error) throw new Error("office");
      return data;
    },
    staleTime: 3600_000,
  });
  return office.data?.timezone ?? DEFAULT_ZONE;
}

// The office's examiner roster (names for the ids the cases carry).
export function useRoster() {
  const me = useMe();
  const office = me.data?.office;
  return useQuery({
    queryKey: ["roster", office],
    enabled: office !== undefined,
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/examination/offices/{office}/examiners", {
        params: { path: { office: office! } },
      });
      if (error) throw new Error("roster");
      return data;
    },
    staleTime: 300_000,
  });
}
