import { describe, expect, it } from "vitest";
import { canLink, orderedReasons, scoreBand, scorePercent } from "./duplicates";

describe("duplicate candidates", () => {
  it("orders the reasons strongest first and keeps codes it does not know, last", () => {
    expect(orderedReasons(["same_substance", "mystery", "same_reporter", "similar_text"])).toEqual([
      "same_reporter",
      "similar_text",
      "same_substance",
      "mystery",
    ]);
  });

  it("reads the score as a whole percentage, clamped to 0..100", () => {
    expect(scorePercent(0.826)).toBe(83);
    expect(scorePercent(1.4)).toBe(100);
    expect(scorePercent(-0.2)).toBe(0);
  });

  it("bands the score at 0.75 and 0.5", () => {
    expect(scoreBand(0.75)).toBe("high");
    expect(scoreBand(0.74)).toBe("medium");
    expect(scoreBand(0.5)).toBe("medium");
    expect(scoreBand(0.49)).toBe("low");
  });

  it("offers no link on a report already linked", () => {
    expect(canLink({ linked_report_id: null })).toBe(true);
    expect(canLink({ linked_report_id: "6f1c0c1e-0000-4000-8000-000000000000" })).toBe(false);
  });
});
