import { describe, expect, it } from "vitest";
import { etagOf, isMove, statusOf, stepLabel, type MemberStep } from "./community";

describe("community", () => {
  it("writes the version as the API's ETag", () => {
    expect(etagOf(3)).toBe('"3"');
  });

  it("takes each move the API offers to the status the API's rule names", () => {
    const offered: MemberStep[] = ["induct", "decline", "leave", "return", "training"];
    expect(offered.filter(isMove).map((s) => [s, statusOf(s)])).toEqual([
      ["induct", "active"],
      ["decline", "inactive"],
      ["leave", "inactive"],
      ["return", "active"],
    ]);
    expect(stepLabel("training")).toBe("com.training");
  });
});
