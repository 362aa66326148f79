import { afterEach, describe, expect, it, vi } from "vitest";
import dayjs from "dayjs";
import { todayIn } from "./dates";
import { nowInstant, officeInstant, openingDay, pickerDate, startsOnToday, todayMark, wallClock } from "./dateFields";

// Node reads TZ again when it is set: the browser's zone is played by the process's.
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("a date and time typed on the office's clock", () => {
  it("reaches the API as the instant in the office's zone, with its offset", () => {
    // 09:30 typed at a Makassar office (WITA, UTC+8) is 01:30 UTC.
    const sent = officeInstant("2026-12-06 09:30:00", "Asia/Makassar");
    expect(sent).toBe("2026-12-06T09:30:00+08:00");
    expect(new Date(sent!).toISOString()).toBe("2026-12-06T01:30:00.000Z");
    expect(officeInstant("2026-12-06 09:30:00", "Asia/Jakarta")).toBe("2026-12-06T09:30:00+07:00");
    expect(officeInstant("2026-12-06 09:30:00", "Asia/Jayapura")).toBe("2026-12-06T09:30:00+09:00");
  });

  it("does not depend on the browser's zone", () => {
    for (const zone of ["America/Los_Angeles", "Pacific/Kiritimati", "UTC", "Asia/Jakarta"]) {
      vi.stubEnv("TZ", zone);
      expect(new Date(2026, 11, 6).toISOString().startsWith("2026-12-06T00") === (zone === "UTC")).toBe(true); // the zone is in force
      expect(officeInstant("2027-01-01 00:15:00", "Asia/Makassar")).toBe("2027-01-01T00:15:00+08:00");
      expect(wallClock("2026-12-31T16:15:00Z", "Asia/Makassar")).toBe("2027-01-01 00:15:00");
    }
  });

  it("shows a stored instant on the office's clock, round trip", () => {
    expect(wallClock("2026-12-06T01:30:00Z", "Asia/Makassar")).toBe("2026-12-06 09:30:00");
    expect(wallClock("2026-12-06T09:30:00+08:00", "Asia/Jayapura")).toBe("2026-12-06 10:30:00");
    const typed = "2026-12-06 23:45:00";
    expect(wallClock(officeInstant(typed, "Asia/Jakarta")!, "Asia/Jakarta")).toBe(typed);
  });

  it("is corrected across a zone's clock change", () => {
    // 03:30 on the morning New York springs forward is on the new offset, the day before on the old.
    expect(officeInstant("2026-03-08 03:30:00", "America/New_York")).toBe("2026-03-08T03:30:00-04:00");
    expect(officeInstant("2026-03-07 03:30:00", "America/New_York")).toBe("2026-03-07T03:30:00-05:00");
  });

  it("refuses what is not a whole date and time", () => {
    expect(officeInstant("", "Asia/Jakarta")).toBeNull();
    expect(officeInstant("2026-12-06", "Asia/Jakarta")).toBeNull();
    expect(officeInstant("2026-02-30 09:30:00", "Asia/Jakarta")).toBeNull();
    expect(officeInstant("2026-12-06 24:10:00", "Asia/Jakarta")).toBeNull();
    expect(wallClock("", "Asia/Jakarta")).toBeNull();
    expect(wallClock("2026-12-06", "Asia/Jakarta")).toBeNull();
  });

  it("starts from now on the office's clock", () => {
    // 20:00 UTC is 03:00 the next day in Jakarta, 04:00 in Makassar.
    expect(nowInstant("Asia/Jakarta", new Date("2024-05-02T20:00:40Z"))).toBe("2024-05-03T03:00:00+07:00");
    expect(nowInstant("Asia/Makassar", new Date("2024-05-02T20:00:40Z"))).toBe("2024-05-03T04:00:00+08:00");
  });
});

describe("a date", () => {
  it("is sent as the calendar day picked, in any browser zone", () => {
    for (const zone of ["America/Los_Angeles", "Pacific/Kiritimati", "Asia/Jayapura"]) {
      vi.stubEnv("TZ", zone);
      expect(new Date(2026, 11, 6).toISOString().startsWith("2026-12-06T00") === (zone === "UTC")).toBe(true); // the zone is in force
      expect(pickerDate("2026-12-06")).toBe("2026-12-06");
      expect(pickerDate("2026-01-01")).toBe("2026-01-01");
    }
  });

  it("is none when it is not a real day", () => {
    expect(pickerDate("")).toBeNull();
    expect(pickerDate("2026-02-29")).toBeNull();
    expect(pickerDate("2028-02-29")).toBe("2028-02-29");
    expect(pickerDate("06/12/2026")).toBeNull();
    expect(pickerDate("2026-12-06T00:00:00Z")).toBeNull();
  });
});

describe("the calendar's today", () => {
  it("is the office's date, not the browser's, for a browser far from the office", () => {
    vi.stubEnv("TZ", "Pacific/Honolulu"); // UTC-10, 18 hours behind Makassar
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date("2026-12-06T23:30:00Z")); // Honolulu 13:30 on the 6th, Makassar 07:30 on the 7th
      // What Mantine marks on its own (the browser's date): the 6th.
      expect(dayjs("2026-12-06").isSame(new Date(), "day")).toBe(true);
      const officeToday = todayIn("Asia/Makassar");
      expect(officeToday).toBe("2026-12-07");
      expect(todayMark("2026-12-07", officeToday)).toEqual({ "data-today": true, "aria-current": "date" });
      // null, not undefined: Mantine drops undefined props and would keep its own mark.
      expect(todayMark("2026-12-06", officeToday)).toEqual({ "data-today": null, "aria-current": undefined });
    } finally {
      vi.useRealTimers();
    }
  });

  it("starts an empty field on today with an arrow key, never a field partly typed", () => {
    expect(startsOnToday("ArrowUp", ["", "", ""])).toBe(true);
    expect(startsOnToday("ArrowDown", ["", "", "", "", ""])).toBe(true);
    expect(startsOnToday("ArrowUp", ["", "12", ""])).toBe(false);
    expect(startsOnToday("ArrowLeft", ["", "", ""])).toBe(false);
    expect(startsOnToday("ArrowUp", [])).toBe(false);
  });

  it("opens an empty calendar on the office's today, within the field's days", () => {
    expect(openingDay("2026-12-07")).toBe("2026-12-07");
    expect(openingDay("2026-12-07", "2027-01-01")).toBe("2027-01-01");
    expect(openingDay("2026-12-07", undefined, "2026-11-30")).toBe("2026-11-30");
  });
});
