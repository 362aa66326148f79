import { describe, expect, it } from "vitest";
import {
  checklistItems,
  formalBody,
  plenaryChoices,
  queueSearch,
  reportQuery,
  stepForms,
  withQueueFilter,
} from "./verification";

describe("queueSearch", () => {
  it("keeps the API's values and drops the rest", () => {
    expect(queueSearch({ status: "registered", awaiting_notice: "true", lewat: true, kursor: "abc" })).toEqual({
      status: "registered",
      awaiting_notice: true,
      lewat: true,
      kursor: "abc",
    });
    expect(queueSearch({ status: "open", awaiting_notice: "no", lewat: "1", kursor: "" })).toEqual({});
  });

  it("maps the URL to the API's query names", () => {
    expect(reportQuery({ status: "awaiting_completion", lewat: true }, 50)).toEqual({
      status: "awaiting_completion",
      awaiting_notice: undefined,
      overdue: true,
      cursor: undefined,
      limit: 50,
    });
  });

  it("starts again at the first page when a filter changes", () => {
    expect(withQueueFilter({ status: "registered", kursor: "x" }, "awaiting_notice", true)).toEqual({
      status: "registered",
      awaiting_notice: true,
    });
    expect(withQueueFilter({ status: "registered", kursor: "x" }, "status", null)).toEqual({});
  });
});

describe("steps from allowed_steps", () => {
  it("shows one form per stage the API allows", () => {
    expect(stepForms(["formal_complete", "formal_incomplete"])).toEqual(["formal"]);
    expect(stepForms(["material_within_authority", "material_outside_authority"])).toEqual(["material"]);
    expect(stepForms(["plenary_accept", "plenary_reject", "plenary_rco", "merge"])).toEqual(["plenary"]);
    expect(stepForms(["answer", "withdraw"])).toEqual([]);
  });

  it("offers the plenary choices allowed, RCO only when allowed", () => {
    expect(plenaryChoices(["plenary_accept", "plenary_reject"])).toEqual(["accept", "reject"]);
    expect(plenaryChoices(["plenary_reject", "plenary_rco", "plenary_accept"])).toEqual(["accept", "reject", "rco"]);
  });
});

describe("formalBody", () => {
  const base = { represented: false, missing: "", note: "", notify: false, channel: "email", message: "" };

  it("counts the power of attorney only when represented", () => {
    expect(checklistItems(false)).toEqual(["identity", "chronology", "prior_complaint", "within_two_years"]);
    expect(checklistItems(true)).toContain("power_of_attorney");
  });

  it("is complete when the four items of an unrepresented reporter are ticked", () => {
    const ticked = { identity: true, chronology: true, prior_complaint: true, within_two_years: true };
    expect(formalBody({ ...base, ticked, missing: "ignored" })).toEqual({
      complete: true,
      checklist: ticked,
      missing: [],
      note: null,
      notification: null,
    });
    // The same ticks with a representative: the power of attorney is missing.
    expect(formalBody({ ...base, represented: true, ticked }).complete).toBe(false);
  });

  it("lists what is missing, one per line, with the notice sent", () => {
    const body = formalBody({
      ...base,
      ticked: { identity: true, chronology: false },
      missing: " Fotokopi KTP \n\nKronologi lengkap",
      notify: true,
      channel: "whatsapp",
      message: " Mohon lengkapi. ",
    });
    expect(body.complete).toBe(false);
    expect(body.checklist).toEqual({ identity: true, chronology: false, prior_complaint: false, within_two_years: false });
    expect(body.missing).toEqual(["Fotokopi KTP", "Kronologi lengkap"]);
    expect(body.notification).toEqual({ channel: "whatsapp", message: "Mohon lengkapi." });
  });
});
