// A write refused because what the screen showed is no longer so: 409 (the row's state
// moved on: a proposal another admin decided, a case a colleague closed, a step taken
// elsewhere; `conflict`, `transition-not-allowed`, `stale-proposal` and every other
// conflict type) or 412 (its version moved on). The lists on screen are read again at
// once, so the row leaves (or shows its new state) beside the refusal that said why;
// without it the row stayed, its buttons inviting the same refusal again.
//
// One place for every screen: the client's middleware sees every write's answer, and
// the app's QueryClient re-reads the queries that are lists of rows (their `meta` is
// `ROWS`). A list only, never a record's page: a page whose form saves with the version
// it read meets a newer one through its conflict dialog, and the user loads it; read
// again behind their back, the form would save what was typed over the newer version.
import type { QueryClient } from "@tanstack/react-query";
import type { Middleware } from "openapi-fetch";

// The `meta` of a query that is a list of rows a refused action can leave stale.
export const ROWS = { rows: true } as const;

const STALE = new Set([409, 412]);
const READS = new Set(["GET", "HEAD"]);

export function refusedAsStale(method: string, status: number): boolean {
  return !READS.has(method.toUpperCase()) && STALE.has(status);
}

const listeners = new Set<() => void>();

// Every write's answer passes here: the typed client's (its middleware, below) and a
// write sent with fetch itself (an upload, `sendWrite`), one check for both.
export function noticeAnswer(method: string, status: number): void {
  if (refusedAsStale(method, status)) for (const listener of listeners) listener();
}

export const staleRefusals: Middleware = {
  onResponse({ request, response }) {
    noticeAnswer(request.method, response.status);
    return undefined;
  },
};

// A write the typed client does not send (a public form's multipart upload, built by
// hand), sent with fetch: its answer meets the same check as the client's writes, so a
// 409 or 412 has the lists on screen read again. Here, not in files.ts: the public
// screens send with it, and this module weighs nothing (no session, no client).
export async function sendWrite(path: string, init: RequestInit & { method: string }): Promise<Response> {
  const response = await fetch(path, init);
  noticeAnswer(init.method, response.status);
  return response;
}

// Wires `queries` to the refusals (main.tsx; the component tests' renderApp): returns
// the unwiring.
export function rereadRowsWhenStale(queries: QueryClient): () => void {
  const listener = () => void queries.invalidateQueries({ predicate: (query) => query.meta?.rows === true });
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
