import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sendReport } from "../pages/public/send";
import { refusedAsStale, rereadRowsWhenStale, ROWS } from "./stale";

describe("a refusal that says the screen is stale", () => {
  it("is a write's 409 or 412", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(refusedAsStale(method, 409), method).toBe(true);
      expect(refusedAsStale(method, 412), method).toBe(true);
    }
  });

  it("is not another refusal, nor a read's answer", () => {
    for (const status of [200, 201, 400, 403, 404, 422, 428, 500]) expect(refusedAsStale("POST", status), String(status)).toBe(false);
    expect(refusedAsStale("GET", 409)).toBe(false);
    expect(refusedAsStale("HEAD", 412)).toBe(false);
  });
});

// A screen's queries, observed as its components observe them: a list of rows and a
// record's page, each counting its reads.
async function screen(queries: QueryClient) {
  const rows = vi.fn(async () => [{ id: 1 }]);
  const record = vi.fn(async () => ({ id: 1 }));
  const observed = [
    new QueryObserver(queries, { queryKey: ["rows"], queryFn: rows, meta: ROWS }),
    new QueryObserver(queries, { queryKey: ["record"], queryFn: record }),
  ].map((observer) => observer.subscribe(() => undefined));
  await vi.waitFor(() => expect([rows.mock.calls.length, record.mock.calls.length]).toEqual([1, 1]));
  return { rows, record, leave: () => observed.forEach((stop) => stop()) };
}

describe("an upload sent with fetch itself", () => {
  afterEach(() => vi.unstubAllGlobals());
  const file = new File(["%PDF-1.7"], "ktp.pdf", { type: "application/pdf" });

  it("refused with 409 re-reads the lists of rows, not a record's page", async () => {
    const queries = new QueryClient();
    const { rows, record, leave } = await screen(queries);
    const unwire = rereadRowsWhenStale(queries);
    const answer = { type: "/problems/conflict", status: 409, title: "Conflict" };
    const sent = vi.fn(async () => new Response(JSON.stringify(answer), { status: 409 }));
    vi.stubGlobal("fetch", sent);
    await sendReport({ summary: "x" }, [file], null, "key-1");
    expect(sent).toHaveBeenCalledOnce();
    expect((sent.mock.calls[0] as unknown as [string, RequestInit])[1].body).toBeInstanceOf(FormData);
    await vi.waitFor(() => expect(rows).toHaveBeenCalledTimes(2));
    expect(record).toHaveBeenCalledOnce();
    unwire();
    leave();
  });

  it("answered otherwise leaves the lists as they are", async () => {
    const queries = new QueryClient();
    const { rows, leave } = await screen(queries);
    const unwire = rereadRowsWhenStale(queries);
    for (const status of [201, 422]) {
      vi.stubGlobal("fetch", vi.fn(async () => new Response("{}", { status })));
      await sendReport({ summary: "x" }, [file], null, `key-${status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rows).toHaveBeenCalledOnce();
    unwire();
    leave();
  });
});
