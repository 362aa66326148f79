import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../i18n/messages";
import { MESSAGES } from "../i18n/bothCatalogues";
import { said, sayIn } from "../i18n/said";
import { attendanceCode, internSearch, logbookErrors, refusal, rewritable, timeOfDay } from "./intern";

// English is a chunk of its own in the app (messages.ts), fetched when chosen: these
// tests word things in both languages.
beforeAll(() => loadCatalogue("en"));

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

  it("keep a known refusal as the screen's message, another as the API's problem", () => {
    const known = { "not-a-working-day": "intern.att.notWorkingDay", "#/body/code": "intern.att.wrongCode" } as const;
    expect(refusal({ type: "/problems/not-a-working-day", detail: "The office is not open" }, known)).toEqual({ id: "intern.att.notWorkingDay" });
    expect(refusal({ type: "/problems/validation-error", errors: [{ pointer: "#/body/code" }] }, known)).toEqual({ id: "intern.att.wrongCode" });
    const other = { type: "/problems/quota-full", detail: "The unit has no free place in the period" };
    expect(sayIn("id", refusal(other, known))).toBe(MESSAGES.id["api.problem.quota-full"]);
    expect(sayIn("en", refusal(other, known))).toBe(MESSAGES.en["api.problem.quota-full"]);
    expect(sayIn("id", refusal(undefined, known))).toBe("");
  });

  it("word a kept result again after a switch of language", () => {
    const kept = [said("intern.att.failed"), refusal({ type: "/problems/already-recorded" }, { "already-recorded": "intern.att.already" })];
    expect(sayIn("id", kept)).toBe(`${MESSAGES.id["intern.att.failed"]} ${MESSAGES.id["intern.att.already"]}`);
    expect(sayIn("en", kept)).toBe(`${MESSAGES.en["intern.att.failed"]} ${MESSAGES.en["intern.att.already"]}`);
    expect(sayIn("en", said("intern.att.checkedIn", { time: "07.58" }))).not.toBe(sayIn("id", said("intern.att.checkedIn", { time: "07.58" })));
  });
});
