import { describe, expect, it } from "vitest";
import { MESSAGES } from "../../i18n/bothCatalogues";
import { rbLabel } from "./data";

describe("the Red Button's API codes in words", () => {
  it("says a known code in the user's language", () => {
    expect(rbLabel(MESSAGES.id, "status", "acknowledged")).toBe("Diterima petugas");
    expect(rbLabel(MESSAGES.en, "protection", "overdue")).toBe("Past the deadline");
    expect(rbLabel(MESSAGES.id, "mode", "confidential")).toBe("Rahasia");
  });

  it("shows a code this version has no label for as the API sends it", () => {
    expect(rbLabel(MESSAGES.id, "status", "closed")).toBe("closed");
  });
});
