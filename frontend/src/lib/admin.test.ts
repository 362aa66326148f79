import { describe, expect, it } from "vitest";
import { addedRoles, adminAreas, adminSearch, eventTypes, needsSecondAdmin, toggle } from "./admin";
import type { Capability } from "./capabilities";

const holding = (...capabilities: Capability[]) => ({ capabilities, member: false });

describe("the administration areas", () => {
  it("are those whose capabilities the caller holds, in the tabs' order", () => {
    expect(adminAreas(holding("admin.users", "admin.clients", "integration.manage"))).toEqual(["users", "offices", "clients", "webhooks"]);
    expect(adminAreas(holding("kpi.targets.edit", "examination.sla", "intake.manage", "integration.manage"))).toEqual(["webhooks", "substances", "sla"]);
    expect(adminAreas(holding("examination.cases.read", "kpi.read"))).toEqual([]);
  });

  it("give the roster's keeper the roster", () => {
    expect(adminAreas(holding("examination.sla", "examination.roster"))).toEqual(["roster", "sla"]);
  });
});

describe("a role change", () => {
  it("adds the roles not held before", () => {
    expect(addedRoles(["examiner"], ["examiner", "head"])).toEqual(["head"]);
    expect(addedRoles(["examiner", "head"], ["examiner"])).toEqual([]);
  });

  it("needs a second admin when an office admin adds a guarded role", () => {
    expect(needsSecondAdmin(["admin"], ["examiner"], ["examiner", "head"])).toBe(true);
    expect(needsSecondAdmin(["admin"], [], ["admin"])).toBe(true);
    // Taking a guarded role away, or adding an ordinary one, is one admin's to do.
    expect(needsSecondAdmin(["admin"], ["head", "examiner"], ["examiner"])).toBe(false);
    expect(needsSecondAdmin(["admin"], [], ["intake_officer"])).toBe(false);
    // A national admin grants it alone.
    expect(needsSecondAdmin(["admin", "national"], [], ["dpo"])).toBe(false);
  });

  it("keeps the roles in the form's order when one is ticked", () => {
    expect(toggle(["head"], "examiner", true)).toEqual(["examiner", "head"]);
    expect(toggle(["examiner", "head"], "examiner", false)).toEqual(["head"]);
    expect(toggle(["examiner"], "examiner", true)).toEqual(["examiner"]);
  });
});

describe("event types typed in a text box", () => {
  it("are split by lines and commas, blanks and repeats dropped", () => {
    expect(eventTypes("report.registered\n case.closed ,report.registered\n\n")).toEqual(["report.registered", "case.closed"]);
    expect(eventTypes("  ")).toEqual([]);
  });
});

describe("the page's URL parameters", () => {
  it("keep a known area and drop the rest", () => {
    expect(adminSearch({ bagian: "clients" })).toEqual({ bagian: "clients" });
    expect(adminSearch({ bagian: "secrets", x: 1 })).toEqual({});
    expect(adminSearch({ bagian: 3 })).toEqual({});
  });
});
