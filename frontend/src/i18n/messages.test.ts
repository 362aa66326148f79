import { createIntl } from "react-intl";
import { describe, expect, it } from "vitest";
import { codeLabel, MESSAGES } from "./messages";

describe("the catalogues", () => {
  it("have the same messages in both languages", () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.id).sort());
  });

  it("parse as ICU in both languages", () => {
    for (const [locale, messages] of Object.entries(MESSAGES)) {
      const intl = createIntl({ locale, messages, onError: (e) => { throw e; } });
      for (const id of Object.keys(messages)) {
        expect(() => intl.formatMessage({ id }, { count: 2, days: 2, step: 1, total: 3, number: "x", name: "n", office: "o", date: "d" })).not.toThrow();
      }
    }
  });

  it("show an API code this version has no label for as the code", () => {
    expect(codeLabel(MESSAGES.id, "status", "accepted")).toBe("Diterima untuk diperiksa");
    expect(codeLabel(MESSAGES.id, "status", "suspended_by_court")).toBe("suspended_by_court");
    expect(codeLabel(MESSAGES.id, "caseStatus", "monitoring")).toBe("Resolusi dan monitoring");
    expect(codeLabel(MESSAGES.en, "event", "reporter_responded")).toBe("Reporter's response received");
    expect(codeLabel(MESSAGES.id, "event", "reopened")).toBe("reopened");
  });
});
