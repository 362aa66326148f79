import { describe, expect, it } from "vitest";
import { deadlineLeft, draftErrors, EMPTY_DRAFT, normaliseReceipt, raiseBody } from "./logic";

describe("the receipt typed back", () => {
  it("takes it with spaces, dashes or none", () => {
    expect(normaliseReceipt("1234567890123456")).toBe("1234 5678 9012 3456");
    expect(normaliseReceipt(" 1234-5678-9012-3456 ")).toBe("1234 5678 9012 3456");
    expect(normaliseReceipt("1234 5678 9012 3456")).toBe("1234 5678 9012 3456");
  });

  it("refuses what cannot be one", () => {
    expect(normaliseReceipt("1234 5678 9012 345")).toBeNull(); // 15 digits
    expect(normaliseReceipt("1234 5678 9012 345a")).toBeNull();
    expect(normaliseReceipt("")).toBeNull();
  });
});

describe("the raise form", () => {
  it("asks an anonymous intern only for the severity and the account", () => {
    expect(draftErrors(EMPTY_DRAFT)).toEqual({ severity: "rb.error.severity", account: "rb.error.account" });
    expect(draftErrors({ ...EMPTY_DRAFT, severity: "danger", account: "x" })).toEqual({});
  });

  it("asks an identified intern for a name and a way to reach them", () => {
    const draft = { ...EMPTY_DRAFT, mode: "identified" as const, severity: "urgent" as const, account: "x" };
    expect(draftErrors(draft)).toEqual({ "reporter.name": "rb.error.name", "reporter.phone": "rb.error.reach" });
    expect(draftErrors({ ...draft, name: "Rina", email: "rina@example.org" })).toEqual({});
  });

  it("sends no reporter when anonymous, even if one was typed before", () => {
    const body = raiseBody("PUSAT", { ...EMPTY_DRAFT, name: "Rina", phone: "0812", severity: "danger", account: "a" });
    expect(body.reporter).toBeUndefined();
    expect(body.reported).toBeUndefined();
    const named = raiseBody("PUSAT", { ...EMPTY_DRAFT, mode: "confidential", name: " Rina ", phone: "0812", severity: "danger", account: "a", reportedUnit: "intake" });
    expect(named.reporter).toEqual({ name: "Rina", phone: "0812", email: undefined, institution: undefined });
    expect(named.reported).toEqual({ person: undefined, unit: "intake" });
  });
});

describe("the 1x24-hour deadline in words", () => {
  it("counts down and then up, in whole minutes", () => {
    const now = new Date("2026-12-05T10:00:00Z");
    // 2026-12-06T08:30Z is 22 h 30 min after 10:00Z.
    expect(deadlineLeft("2026-12-06T08:30:00Z", now)).toEqual({ overdue: false, hours: 22, minutes: 30 });
    // 09:15Z is 45 minutes before 10:00Z.
    expect(deadlineLeft("2026-12-05T09:15:00Z", now)).toEqual({ overdue: true, hours: 0, minutes: 45 });
  });
});
