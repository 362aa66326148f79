import { describe, expect, it } from "vitest";
import { holds, NOBODY, viewerOf } from "./capabilities";

describe("the caller's capabilities", () => {
  it("are what /auth/me answers, and nothing before it answered", () => {
    expect(viewerOf(undefined)).toEqual(NOBODY);
    const officer = viewerOf({ roles: ["prevention_officer"], capabilities: ["prevention.read", "prevention.agreement.create"] });
    expect(holds(officer, "prevention.agreement.create")).toBe(true);
    expect(holds(officer, "kpi.targets.edit")).toBe(false);
    expect(holds(NOBODY, "prevention.read")).toBe(false);
  });

  it("are never guessed from the roles", () => {
    // A head whose answer holds no capability (an older gateway) may do nothing here.
    expect(holds(viewerOf({ roles: ["head", "admin"], capabilities: [] }), "kpi.targets.edit")).toBe(false);
  });

  it("hold when any of those asked is held", () => {
    const head = viewerOf({ roles: ["head"], capabilities: ["intake.manage"] });
    expect(holds(head, "intake.reports.work", "intake.manage")).toBe(true);
    expect(holds(head, "intake.reports.work")).toBe(false);
  });

  it("tell a community member, whose home is their own screen", () => {
    expect(viewerOf({ roles: ["community_member"], capabilities: ["intake.reports.file"] }).member).toBe(true);
    expect(viewerOf({ roles: ["intake_officer"], capabilities: ["intake.reports.file"] }).member).toBe(false);
  });
});
