import { describe, expect, it } from "vitest";
import { attendanceCode, internSearch, logbookErrors, refusal, rewritable, timeOfDay } from "./intern";

describe("the intern screens", () => {
  it("keep a known tab only", () => {
    expect(internSearch({ bagian: "logbook" })).toEqual({ bagian: "logbook" });
    expect(internSearch({ bagian: "perlindungan" })).toEqual({});
  });

  it("read the office screen's code typed or scanned", () => {
    expect(attendanceCode(" 123 456 ")).toBe("123456");
    expect(attendanceCode("MORI-ATT:PUSAT:87654321")).toBe("87654321");
    expect(attendanceCode("12345")).toBeNull();
    expect(attendanceCode("")).toBeNull();
  });

  it("let a waiting or returned entry be rewritten, never an approved one", () => {
    expect(rewritable("returned")).toBe(true);
    expect(rewritable("submitted")).toBe(true);
    expect(rewritable("approved")).toBe(false);
  });

  it("check the logbook's day and length before sending", () => {
    expect(logbookErrors("2026-12-07", "Menyusun notula rapat pleno", "2026-12-06")).toEqual({ day: "future" });
    expect(logbookErrors("", "pendek", "2026-12-06")).toEqual({ day: "required", activities: "short" });
    expect(logbookErrors("2026-12-04", "  Menyusun notula rapat  ", "2026-12-06")).toEqual({});
  });

  it("write a time of day in the office's zone", () => {
    expect(timeOfDay("2026-12-04T01:05:00Z", "Asia/Makassar", "id-ID")).toBe("09.05");
    expect(timeOfDay("2026-12-04T01:05:00Z", "Asia/Jakarta", "en-GB")).toBe("08:05");
  });

  it("say a known refusal in the user's words, another as the API does", () => {
    const known = { "not-a-working-day": "Bukan hari kerja.", "#/body/code": "Kode salah." };
    expect(refusal({ type: "/problems/not-a-working-day", detail: "The office is not open" }, known)).toBe("Bukan hari kerja.");
    expect(refusal({ type: "/problems/validation-error", errors: [{ pointer: "#/body/code" }] }, known)).toBe("Kode salah.");
    expect(refusal({ type: "/problems/other", detail: "Something else" }, known)).toBe("Something else");
    expect(refusal(undefined, known)).toBeNull();
  });
});
