import { describe, expect, it } from "vitest";
import { filenameFrom } from "./files";

describe("a downloaded file's name", () => {
  it("is the one the API gives", () => {
    expect(filenameFrom('inline; filename="tanda-terima-2026-12-05-007.pdf"', "x.pdf")).toBe("tanda-terima-2026-12-05-007.pdf");
    expect(filenameFrom("attachment; filename=kpis-PUSAT-2026.csv", "x")).toBe("kpis-PUSAT-2026.csv");
    expect(filenameFrom("attachment; filename*=UTF-8''laporan%20kinerja.pdf", "x")).toBe("laporan kinerja.pdf");
  });

  it("is never a path, and falls back when there is none", () => {
    expect(filenameFrom('attachment; filename="../../etc/passwd"', "x")).toBe("passwd");
    expect(filenameFrom(null, "cadangan.pdf")).toBe("cadangan.pdf");
    expect(filenameFrom("attachment", "cadangan.pdf")).toBe("cadangan.pdf");
  });
});
