import { describe, expect, it } from "vitest";
import { etagOf, formatRupiah, lines, rupiah } from "./casework";

describe("the case's version", () => {
  it("is the API's ETag, or the one its version makes", () => {
    expect(etagOf('"7"', 7)).toBe('"7"');
    expect(etagOf(null, 7)).toBe('"7"');
    expect(etagOf("  ", 3)).toBe('"3"');
  });
});

describe("the LHP's corrective actions", () => {
  it("are the non-empty lines, trimmed", () => {
    expect(lines("Terbitkan KTP pelapor\n\n  Perbaiki SOP antrean  \r\n")).toEqual([
      "Terbitkan KTP pelapor",
      "Perbaiki SOP antrean",
    ]);
    expect(lines("  \n")).toEqual([]);
  });
});

describe("a rupiah amount", () => {
  it("reads the ways an office types it", () => {
    expect(rupiah("Rp 1.500.000")).toBe(1_500_000);
    expect(rupiah("1500000")).toBe(1_500_000);
    expect(rupiah("Rp1.500.000,50")).toBe(1_500_000); // the sen are dropped
    expect(rupiah("0")).toBe(0);
  });

  it("refuses what is not an amount", () => {
    expect(rupiah("satu juta")).toBeNull();
    expect(rupiah("1.50.000")).toBeNull(); // a dot groups three digits
    expect(rupiah("-5")).toBeNull();
    expect(rupiah("")).toBeNull();
  });

  it("is shown as rupiah", () => {
    // Intl writes a no-break space between "Rp" and the amount.
    expect(formatRupiah(1_500_000).replace(/\s/g, " ")).toBe("Rp 1.500.000");
  });
});
