import { describe, expect, it } from "vitest";
import { applicationFilters, missingScores, monthsOf, moriSearch, quotaLeft, quotaWindow, reviewItems, unmetRules } from "./mori";

const quota = (unit: string, month: string, free: number) => ({ unit, month: `${month}-01`, places: 5, taken: 5 - free, free });

describe("the URL's tab and filters", () => {
  it("keeps what is known and drops the rest", () => {
    expect(moriSearch({ bagian: "angkatan", status: "submitted", unit: "intake", periode: "2027-05" })).toEqual({
      bagian: "angkatan",
      status: "submitted",
      unit: "intake",
      periode: "2027-05",
    });
    expect(moriSearch({ bagian: "x", status: "gone", unit: "Intake!", periode: "2027-13", lamaran: "1; drop" })).toEqual({});
  });
});

describe("places left", () => {
  it("counts the months a period touches, across a year's end", () => {
    expect(monthsOf("2026-11-20", "2027-02-03")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
  });
  it("is the fewest free in any month, none known when a month has no quota", () => {
    const quotas = [quota("intake", "2027-05", 3), quota("intake", "2027-06", 1), quota("prevention", "2027-05", 9)];
    expect(quotaLeft(quotas, "intake", "2027-05-02", "2027-06-30")).toBe(1);
    expect(quotaLeft(quotas, "intake", "2027-05-02", "2027-05-30")).toBe(3);
    expect(quotaLeft(quotas, "prevention", "2027-05-02", "2027-06-30")).toBeNull();
  });
  it("asks for the months of every period, 24 at most", () => {
    expect(quotaWindow([])).toBeNull();
    expect(
      quotaWindow([
        { period_start: "2027-03-01", period_end: "2027-04-30" },
        { period_start: "2027-01-10", period_end: "2027-02-10" },
      ]),
    ).toEqual({ from: "2027-01", to: "2027-04" });
    expect(quotaWindow([{ period_start: "2027-01-01", period_end: "2029-12-31" }])).toEqual({ from: "2027-01", to: "2028-12" });
  });
});

describe("the queue's filters", () => {
  it("are asked of the API under its names, the URL's month as `month`", () => {
    expect(applicationFilters({ bagian: "lamaran", status: "submitted", unit: "intake", periode: "2027-06", lamaran: undefined })).toEqual({
      status: "submitted",
      unit: "intake",
      month: "2027-06",
    });
  });
  it("leave out what the URL does not narrow", () => {
    expect(applicationFilters({ bagian: "lamaran" })).toEqual({});
    expect(applicationFilters({ status: "lost" })).toEqual({});
  });
});

describe("the logbook's bulk review", () => {
  it("sends each chosen entry with the version read; a return needs its comment", () => {
    const entries = [
      { id: "a", version: 1 },
      { id: "b", version: 3 },
      { id: "c", version: 1 },
    ];
    expect(reviewItems(entries, new Set(["a", "b", "gone"]), "approve", " ")).toEqual({
      items: [
        { entry_id: "a", decision: "approve", version: 1 },
        { entry_id: "b", decision: "approve", version: 3 },
      ],
    });
    expect(reviewItems(entries, new Set(["c"]), "return", "ok")).toEqual({ items: [], error: "comment" });
    expect(reviewItems(entries, new Set(["c"]), "return", "Lengkapi kegiatan sore.").items[0]).toEqual({
      entry_id: "c",
      decision: "return",
      version: 1,
      comment: "Lengkapi kegiatan sore.",
    });
    expect(reviewItems(entries, new Set(), "approve", "").error).toBe("none");
  });
});

describe("completion", () => {
  it("reads each unmet rule's numbers from the problem", () => {
    const problem = {
      type: "http://localhost:8000/problems/completion-not-met",
      errors: [
        { pointer: "#/body", detail: "period: needs from 2027-06-30, has today 2027-06-02" },
        { pointer: "#/body", detail: "attendance: needs 80% of 20 working days, has 12 days" },
        { pointer: "#/body", detail: "logbook: needs 80% of 20 working days, has 2 approved entries" },
        { pointer: "#/body/evaluation_score", detail: "evaluation: needs at least 70, has 64" },
        { pointer: "#/body", detail: "mentoring: needs 3 sessions, has 1" },
      ],
    };
    expect(unmetRules(problem)).toEqual([
      { rule: "period", values: { end: "2027-06-30", today: "2027-06-02" } },
      { rule: "attendance", values: { percent: "80", days: "20", count: "12" } },
      { rule: "logbook", values: { percent: "80", days: "20", count: "2" } },
      { rule: "evaluation", values: { min: "70", score: "64" } },
      { rule: "other", values: { text: "mentoring: needs 3 sessions, has 1" } },
    ]);
    expect(unmetRules({ type: "x/invalid-input", errors: [{ detail: "attendance: needs 1, has 0" }] })).toEqual([]);
    expect(unmetRules(null)).toEqual([]);
  });
  it("names the criteria without a score from 1 to 5", () => {
    expect(missingScores(["a", "b", "c"], { a: 5, b: 0 })).toEqual(["b", "c"]);
  });
});
