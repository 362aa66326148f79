import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, middayIn, todayIn, zoneName } from "./dates";

// 2026-12-05T01:30:00Z is 08:30 in Jakarta (UTC+7), 09:30 in Makassar (UTC+8), 10:30 in
// Jayapura (UTC+9).
const MOMENT = "2026-12-05T01:30:00Z";

describe("dates in the office's zone", () => {
  it("writes the moment in each zone of Indonesia with its name", () => {
    expect(formatDateTime(MOMENT, "Asia/Jakarta")).toBe("5 Desember 2026 pukul 08.30 WIB");
    expect(formatDateTime(MOMENT, "Asia/Makassar")).toBe("5 Desember 2026 pukul 09.30 WITA");
    expect(formatDateTime(MOMENT, "Asia/Jayapura")).toBe("5 Desember 2026 pukul 10.30 WIT");
  });

  it("crosses midnight with the zone, not the browser", () => {
    // 16:30 UTC on 4 December: 23:30 WIB on the 4th, 01:30 WIT on the 5th
    expect(formatDateTime("2026-12-04T16:30:00Z", "Asia/Jakarta")).toBe("4 Desember 2026 pukul 23.30 WIB");
    expect(formatDateTime("2026-12-04T16:30:00Z", "Asia/Jayapura")).toBe("5 Desember 2026 pukul 01.30 WIT");
  });

  it("never shifts a calendar date", () => {
    expect(formatDate("2026-12-05", "Asia/Jayapura")).toBe("5 Desember 2026");
    expect(formatDate("2026-12-05", "America/Los_Angeles")).toBe("5 Desember 2026");
  });

  it("writes English when asked", () => {
    expect(formatDateTime(MOMENT, "Asia/Makassar", "en-GB")).toBe("5 December 2026 at 09:30 WITA");
  });

  it("names West Kalimantan's zone WIB, and an unknown zone by its id", () => {
    expect(zoneName("Asia/Pontianak")).toBe("WIB");
    expect(zoneName("Europe/Amsterdam")).toBe("Europe/Amsterdam");
  });
});

describe("today in the office's zone", () => {
  it("is already tomorrow in the east while still today in the west", () => {
    // 15:30 UTC on 5 December: 22:30 WIB, 23:30 WITA, 00:30 WIT on the 6th
    const moment = new Date("2026-12-05T15:30:00Z");
    expect(todayIn("Asia/Jakarta", moment)).toBe("2026-12-05");
    expect(todayIn("Asia/Makassar", moment)).toBe("2026-12-05");
    expect(todayIn("Asia/Jayapura", moment)).toBe("2026-12-06");
  });
});

describe("midday of a day in the office's zone", () => {
  it("carries the zone's own offset, so the day stays the office's", () => {
    expect(middayIn("2026-12-04", "Asia/Jakarta")).toBe("2026-12-04T12:00:00+07:00");
    expect(middayIn("2026-12-04", "Asia/Makassar")).toBe("2026-12-04T12:00:00+08:00");
    expect(middayIn("2026-12-04", "Asia/Jayapura")).toBe("2026-12-04T12:00:00+09:00");
    expect(middayIn("2026-12-04", "UTC")).toBe("2026-12-04T12:00:00+00:00");
  });
});
