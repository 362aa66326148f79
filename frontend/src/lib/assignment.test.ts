import { describe, expect, it } from "vitest";
import { absentOn, nextInTurn, type RosterEntry } from "./assignment";

function examiner(id: string, over: Partial<RosterEntry> = {}): RosterEntry {
  return { examiner_id: id, display_name: id, team: "", capacity: 5, in_rotation: true, absent_from: null, absent_until: null, open_cases: 0, ...over };
}

const TODAY = "2026-12-07";

describe("the round-robin's next examiner", () => {
  it("is nobody while the rotation is off", () => {
    expect(nextInTurn([examiner("user:a")], { enabled: false, team: null, last_examiner_id: null }, TODAY)).toBeNull();
    expect(nextInTurn([examiner("user:a")], null, TODAY)).toBeNull();
  });

  it("is the first after the last one picked, by id, wrapping round", () => {
    const roster = [examiner("user:c"), examiner("user:a"), examiner("user:b")];
    const after = (last: string | null) => nextInTurn(roster, { enabled: true, team: null, last_examiner_id: last }, TODAY)?.examiner_id;
    expect(after(null)).toBe("user:a");
    expect(after("user:a")).toBe("user:b");
    expect(after("user:c")).toBe("user:a");
  });

  it("skips the absent, the full and those out of rotation or of another team", () => {
    const roster = [
      examiner("user:a", { absent_from: "2026-12-01", absent_until: "2026-12-10" }),
      examiner("user:b", { open_cases: 5 }),
      examiner("user:c", { in_rotation: false }),
      examiner("user:d", { team: "B" }),
      examiner("user:e", { team: "A" }),
    ];
    expect(nextInTurn(roster, { enabled: true, team: null, last_examiner_id: null }, TODAY)?.examiner_id).toBe("user:d");
    expect(nextInTurn(roster, { enabled: true, team: "A", last_examiner_id: null }, TODAY)?.examiner_id).toBe("user:e");
    expect(nextInTurn(roster.slice(0, 3), { enabled: true, team: null, last_examiner_id: null }, TODAY)).toBeNull();
  });

  it("reads an absence open at either end as running from or to the end of time", () => {
    expect(absentOn(examiner("x", { absent_from: TODAY }), "2027-05-01")).toBe(true);
    expect(absentOn(examiner("x", { absent_until: TODAY }), "2020-01-01")).toBe(true);
    expect(absentOn(examiner("x", { absent_from: "2026-12-08" }), TODAY)).toBe(false);
  });
});
