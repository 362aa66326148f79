import { describe, expect, it } from "vitest";
import { nested } from "./fields";

describe("form values to a request body", () => {
  it("nests dotted paths and leaves empty fields out", () => {
    expect(
      nested({ summary: "Ijazah ditahan", "reporter.name": "Budi", "reporter.nik": "", "reported_agency.name": "Dinas" }),
    ).toEqual({ summary: "Ijazah ditahan", reporter: { name: "Budi" }, reported_agency: { name: "Dinas" } });
  });
});
