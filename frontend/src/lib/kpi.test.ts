import { describe, expect, it } from "vitest";
import { chartRows, formatFigure, kpiSearch, monthName, parseTarget, targetsBody, targetsDraft } from "./kpi";

describe("the year in the URL", () => {
  it("is a year the API accepts, or none", () => {
    expect(kpiSearch({ tahun: "2026" })).toEqual({ tahun: 2026 });
    expect(kpiSearch({ tahun: "1999" })).toEqual({});
    expect(kpiSearch({ tahun: "2026.5" })).toEqual({});
    expect(kpiSearch({})).toEqual({});
  });
});

describe("figures in their unit", () => {
  it("are written as an Indonesian office reads them", () => {
    expect(formatFigure(1_500_000, "idr", "id-ID").replace(/\s/g, " ")).toBe("Rp 1.500.000");
    expect(formatFigure(87.54, "percent", "id-ID")).toBe("87,5%");
    expect(formatFigure(4.256, "rating", "id-ID")).toBe("4,26");
    expect(formatFigure(1234, "count", "id-ID")).toBe("1.234");
    expect(formatFigure(88.31, "index", "id-ID")).toBe("88,31"); // grade A, not B
    expect(formatFigure(null, "count", "id-ID")).toBe("—");
    expect(formatFigure(87.54, "percent", "en-GB")).toBe("87.5%");
  });

  it("name their month", () => {
    expect(monthName(8, "id-ID")).toBe("Agustus");
    expect(monthName(1, "en-GB")).toBe("January");
  });
});

describe("the chart", () => {
  it("has a bar for each indicator with a target", () => {
    const items = [
      { indicator: "lm_registered", percent: 50 },
      { indicator: "ikm", percent: null },
      { indicator: "desk_visits", percent: 120.5 },
    ];
    expect(chartRows(items, (c) => c.toUpperCase())).toEqual([
      { indicator: "LM_REGISTERED", percent: 50 },
      { indicator: "DESK_VISITS", percent: 120.5 },
    ]);
  });
});

describe("the targets form", () => {
  it("reads numbers as typed at an Indonesian office", () => {
    expect(parseTarget("1.500.000")).toBe(1_500_000);
    expect(parseTarget("Rp 2.000.000,50")).toBe(2_000_000.5);
    expect(parseTarget("4,5")).toBe(4.5);
    expect(parseTarget("4.5")).toBe(4.5);
    expect(parseTarget(" 85 ")).toBe(85);
    expect(parseTarget("delapan")).toBeNull();
    expect(parseTarget("-3")).toBeNull();
  });

  it("leaves empty fields out and names the ones that are no number", () => {
    expect(targetsBody({ lm_registered: "120", ikm: "", desk_avg_rating: "4,2", desk_visits: "banyak" })).toEqual({
      targets: { lm_registered: 120, desk_avg_rating: 4.2 },
      invalid: ["desk_visits"],
    });
  });

  it("starts from the current targets", () => {
    expect(targetsDraft(["lm_registered", "desk_avg_rating", "ikm"], { lm_registered: 1200, desk_avg_rating: 4.5 }, "id-ID")).toEqual({
      lm_registered: "1200",
      desk_avg_rating: "4,5",
      ikm: "",
    });
    // What the draft shows, the form reads back as the same number.
    expect(parseTarget(targetsDraft(["x"], { x: 1234567.25 }, "id-ID")["x"]!)).toBe(1234567.25);
  });
});
