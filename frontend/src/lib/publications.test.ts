import { describe, expect, it } from "vitest";
import { allPlatforms, ARTICLE_ORDER, countOf, historyOf, isBackward, sheetProblems, stageTrail, VILLAGE_ORDER } from "./publications";

describe("a record's history", () => {
  it("keeps the steps and skips what is not one", () => {
    const raw = [
      { at: "2026-01-05T02:00:00Z", by: "ani", step: "drafted", to: "draft" },
      { by: "x" },
      { at: "2026-01-06T02:00:00Z", by: "budi", step: "published", to: "published", number: "001/HM.01/I/2026", note: "" },
    ];
    expect(historyOf(raw)).toEqual([
      { at: "2026-01-05T02:00:00Z", by: "ani", step: "drafted", to: "draft" },
      { at: "2026-01-06T02:00:00Z", by: "budi", step: "published", to: "published", number: "001/HM.01/I/2026" },
    ]);
  });

  it("reads a village decision's letter number as its number", () => {
    const [decided] = historyOf([{ at: "1", by: "kepala", step: "decided", to: "decided", decree_number: "12/DAM/2024" }]);
    expect(decided?.number).toBe("12/DAM/2024");
  });

  it("gives each stage reached with who and when, the latest arrival counting", () => {
    const raw = [
      { at: "1", by: "ani", step: "nominated", to: "nominated" },
      { at: "2", by: "ani", step: "mentoring started", to: "mentoring" },
      { at: "3", by: "ani", step: "instrument opened" },
      { at: "4", by: "budi", step: "verified by the regency", to: "regency_verified" },
      { at: "5", by: "budi", step: "returned to mentoring", to: "mentoring" },
    ];
    expect(stageTrail(raw).map((e) => [e.to, e.by, e.at])).toEqual([
      ["nominated", "ani", "1"],
      ["regency_verified", "budi", "4"],
      ["mentoring", "budi", "5"],
    ]);
  });
});

describe("a sheet's problems", () => {
  it("are listed by row, then column, the file's own first", () => {
    const listed = sheetProblems({ "rows.12.reach": "not a number", "rows.3.url": "missing", "rows.3.platform": "unknown", file: "empty" });
    expect(listed).toEqual([
      { row: null, column: "file", message: "empty" },
      { row: 3, column: "platform", message: "unknown" },
      { row: 3, column: "url", message: "missing" },
      { row: 12, column: "reach", message: "not a number" },
    ]);
  });
});

describe("the year's figures", () => {
  it("add up across platforms", () => {
    const rows = [
      { platform: "instagram", posts: 2, reach: 100, impressions: 300, engagement: 7 },
      { platform: "x", posts: 1, reach: 50, impressions: 60, engagement: 3 },
    ];
    expect(allPlatforms(rows)).toEqual({ posts: 3, reach: 150, impressions: 360, engagement: 10 });
    expect(allPlatforms([])).toEqual({ posts: 0, reach: 0, impressions: 0, engagement: 0 });
  });

  it("read counts as platforms print them, and refuse the rest", () => {
    expect(countOf("12.345")).toBe(12345);
    expect(countOf("1,234,567")).toBe(1234567);
    expect(countOf(" 0 ")).toBe(0);
    expect(countOf("12.34")).toBeNull();
    expect(countOf("-3")).toBeNull();
    expect(countOf("")).toBeNull();
    expect(countOf("2,5 rb")).toBeNull();
  });
});

describe("a step's direction", () => {
  it("is backward when it returns to an earlier status", () => {
    expect(isBackward("review", "draft", ARTICLE_ORDER)).toBe(true);
    expect(isBackward("review", "approved", ARTICLE_ORDER)).toBe(false);
    expect(isBackward("regency_verified", "mentoring", VILLAGE_ORDER)).toBe(true);
    expect(isBackward("mentoring", "not_selected", VILLAGE_ORDER)).toBe(false);
  });
});
