import { describe, expect, it } from "vitest";
import { levelKey, levelSign, newAlerts, titleWithCount } from "./alerts";

describe("the alert page's logic", () => {
  it("cues only the alerts not seen before", () => {
    const seen = new Set(["a"]);
    expect(newAlerts([{ id: "a", level: 0 }, { id: "b", level: 1 }], seen).map((a) => a.id)).toEqual(["b"]);
    expect(newAlerts([], seen)).toEqual([]);
  });

  it("puts the count in the title only when there is one", () => {
    expect(titleWithCount("APIK", 0)).toBe("APIK");
    expect(titleWithCount("APIK", 3)).toBe("(3) APIK");
  });

  it("names each escalation level with its own sign", () => {
    expect([0, 1, 2, 5].map(levelKey)).toEqual(["rb.alerts.level0", "rb.alerts.level1", "rb.alerts.level2", "rb.alerts.level2"]);
    expect(new Set([0, 1, 2].map(levelSign)).size).toBe(3);
  });
});
