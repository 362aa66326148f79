import { describe, expect, it } from "vitest";
import { latestDateInIndonesia, nikProblem } from "./nik";

const TODAY = { year: 2026, month: 12, day: 6 };

describe("the NIK check mirrors the API's", () => {
  it("accepts a well-formed NIK", () => {
    // 17 Bengkulu, 71 Kota Bengkulu, 01 district; born 12-05-1990 (a man); serial 0001
    expect(nikProblem("1771011205900001", TODAY)).toBeNull();
    // a woman: day 52 = 12 + 40
    expect(nikProblem("1771015205900001", TODAY)).toBeNull();
  });

  it("names the part that is wrong", () => {
    expect(nikProblem("177101120590000", TODAY)).toBe("digits");
    expect(nikProblem("17710112059000a1", TODAY)).toBe("digits");
    expect(nikProblem("2071011205900001", TODAY)).toBe("province"); // 20 is no province
    expect(nikProblem("1700011205900001", TODAY)).toBe("region");
    expect(nikProblem("1771003105900001", TODAY)).toBe("region");
    expect(nikProblem("1771013102900001", TODAY)).toBe("no_such_date"); // 31 February
    expect(nikProblem("1771011205900000", TODAY)).toBe("serial");
  });

  it("reads a two-digit year in the future as the last century, as the API does", () => {
    // YY=27 > 2026: 1927, not 2027, so a real (old) birth date
    expect(nikProblem("1771010101270001", TODAY)).toBeNull();
    // YY=26: 2026; 7 December 2026 is after 6 December 2026
    expect(nikProblem("1771010712260001", TODAY)).toBe("future_birth");
    expect(nikProblem("1771010612260001", TODAY)).toBeNull();
  });

  it("takes today's date in WIT, the latest in Indonesia", () => {
    // 15:30 UTC on 5 December is 00:30 on 6 December in WIT (UTC+9)
    expect(latestDateInIndonesia(new Date("2026-12-05T15:30:00Z"))).toEqual(TODAY);
    expect(latestDateInIndonesia(new Date("2026-12-05T14:59:00Z"))).toEqual({ year: 2026, month: 12, day: 5 });
  });
});
