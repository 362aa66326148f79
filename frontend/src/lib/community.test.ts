import { describe, expect, it } from "vitest";
import { etagOf, movesOf } from "./community";

describe("community", () => {
  it("writes the version as the API's ETag", () => {
    expect(etagOf(3)).toBe('"3"');
  });

  it("offers the moves the API allows from each status", () => {
    expect(movesOf("candidate").map((m) => m.to)).toEqual(["active", "inactive"]);
    expect(movesOf("active")).toEqual([{ to: "inactive", label: "com.leave" }]);
    expect(movesOf("inactive")).toEqual([{ to: "active", label: "com.return" }]);
    expect(movesOf("erased")).toEqual([]);
  });
});
