import { describe, expect, it } from "vitest";
import { refusedAsStale } from "./stale";

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
