import { describe, expect, it } from "vitest";
import { articleFilters, daysBetween, decimal, expiry, preventionSearch, regionCell, resultColumns, yearParam } from "./prevention";

describe("the prevention screens' URL", () => {
  it("keeps a known tab and a year the API takes, drops the rest", () => {
    expect(preventionSearch({ bagian: "klinik", tahun: "2024" })).toEqual({ bagian: "klinik", tahun: 2024 });
    expect(preventionSearch({ bagian: "admin", tahun: "99999" })).toEqual({});
    expect(yearParam(2026.5)).toBeUndefined();
    expect(yearParam("2200")).toBe(2200);
  });

  it("keeps the publications' known kind and status, drops the rest", () => {
    const search = preventionSearch({ bagian: "publikasi", jenis: "press_release", status: "review" });
    expect(search).toEqual({ bagian: "publikasi", jenis: "press_release", status: "review" });
    expect(preventionSearch({ bagian: "publikasi", jenis: "berita", status: "archived" })).toEqual({ bagian: "publikasi" });
    expect(preventionSearch({ jenis: ["news"], status: 1 })).toEqual({});
  });

  it("asks the list and the CSV for exactly the URL's publications", () => {
    expect(articleFilters({ bagian: "publikasi", tahun: 2026, jenis: "opinion", status: "published" })).toEqual({ kind: "opinion", status: "published" });
    expect(articleFilters({ bagian: "publikasi" })).toEqual({});
  });
});

describe("an agreement's expiry", () => {
  it("counts calendar days, whatever the browser's zone", () => {
    expect(daysBetween("2026-12-06", "2027-03-06")).toBe(90);
    expect(daysBetween("2026-12-06", "2026-12-05")).toBe(-1);
  });

  it("is ending within 90 days, on its last day, expired the day after", () => {
    expect(expiry("active", "2027-06-30", "2026-12-06")).toMatchObject({ state: "active", tone: "ok" });
    expect(expiry("active", "2027-03-06", "2026-12-06")).toMatchObject({ state: "ending", days: 90, icon: "clock" });
    expect(expiry("active", "2026-12-06", "2026-12-06")).toMatchObject({ state: "ends_today", days: 0 });
    // The job has not run yet: the date says it ended.
    expect(expiry("active", "2026-12-05", "2026-12-06")).toMatchObject({ state: "expired", days: -1, icon: "alert" });
    expect(expiry("expired", "2026-01-01", "2026-12-06").state).toBe("expired");
    expect(expiry("terminated", "2027-06-30", "2026-12-06").state).toBe("terminated");
    expect(expiry("draft", "2027-06-30", "2026-12-06").state).toBe("draft");
  });
});

describe("numbers", () => {
  it("are written the locale's way, a missing one as a dash", () => {
    expect(decimal(89.21, "id-ID")).toBe("89,21");
    expect(decimal(0.5, "en-GB", 3)).toBe("0.500");
    expect(decimal(null, "id-ID")).toBe("—");
    expect(decimal(-1e-15, "id-ID")).toBe("0,00");
    expect(decimal(-0.5, "id-ID")).toBe("-0,50");
  });
});

describe("the public results", () => {
  it("keep every result a region has, in the national order first", () => {
    const columns = resultColumns(
      [{ label: "Kualitas Tertinggi (A)", count: 2 }, { label: "Kualitas Tinggi (B)", count: 1 }],
      [{ region: "Bengkulu", published: 2, by_result: { "Kualitas Tinggi (B)": 1, "Kualitas Rendah (E)": 1 } }],
    );
    expect(columns).toEqual(["Kualitas Tertinggi (A)", "Kualitas Tinggi (B)", "Kualitas Rendah (E)"]);
    expect(regionCell({ region: "Bengkulu", published: 2, by_result: { "Kualitas Tinggi (B)": 1 } }, "Kualitas Tertinggi (A)")).toBe(0);
  });
});
