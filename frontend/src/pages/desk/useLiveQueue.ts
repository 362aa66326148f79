// The desk's queue, live: read once, then kept current by the API's server-sent events
// (GET /queue/stream), or read every few seconds while the stream is down. The
// browser's EventSource cannot send the bearer token, so the stream is read with fetch;
// a dropped or expired stream reconnects as the server asks.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { session } from "../../auth/session";
import { parseEvents } from "../../lib/desk";

export type Queue = components["schemas"]["Queue"];
export interface Received {
  queue: Queue;
  receivedAt: number; // this machine's clock when it arrived: the timers count from it
}

export const QUEUE_KEY = ["desk-queue"] as const;
const STREAM = "/api/v1/consultation/queue/stream";

async function follow(signal: AbortSignal, onQueue: (queue: Queue) => void, onOpen: () => void): Promise<number> {
  const response = await fetch(STREAM, {
    headers: { Accept: "text/event-stream", Authorization: `Bearer ${session.accessToken() ?? ""}` },
    signal,
    cache: "no-store",
  });
  if (response.status === 401) {
    await session.renew();
    return 0;
  }
  if (response.status === 403) return -1; // a role that may not read the queue: no retry
  if (!response.ok || !response.body) return 5000;
  onOpen();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let retry = 3000;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return retry;
    const parsed = parseEvents(buffer + value);
    buffer = parsed.rest;
    retry = parsed.retryMs ?? retry;
    for (const event of parsed.events) {
      if (event.event === "queue") onQueue(JSON.parse(event.data) as Queue);
    }
  }
}

export function useLiveQueue(): { data: Received | undefined; isError: boolean; live: boolean } {
  const client = useQueryClient();
  const [live, setLive] = useState(false);
  const query = useQuery({
    queryKey: QUEUE_KEY,
    queryFn: async (): Promise<Received> => {
      const { data, error } = await api.GET("/api/v1/consultation/queue");
      if (error) throw new Error("queue");
      return { queue: data, receivedAt: Date.now() };
    },
    // While the stream is down (a proxy that buffers it, a reconnection), the queue is
    // read every few seconds instead, so the screen never stands still for long.
    refetchInterval: live ? false : 5000,
  });

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      follow(
        controller.signal,
        (queue) => client.setQueryData<Received>(QUEUE_KEY, { queue, receivedAt: Date.now() }),
        () => setLive(true),
      )
        .catch(() => 3000)
        .then((wait) => {
          setLive(false);
          if (wait >= 0 && !controller.signal.aborted && session.signedIn()) timer = setTimeout(connect, wait);
        });
    };
    connect();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [client]);

  return { data: query.data, isError: query.isError, live };
}

// Re-renders every `ms` for the running clocks (the API sends no tick).
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
