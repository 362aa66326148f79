import { describe, expect, it } from "vitest";
import { allows, itemError, offers, partiesFrom, scoresFrom } from "./preventionWrite";

describe("steps the API offers", () => {
  it("shows a step only when the answer lists it", () => {
    expect(offers({ allowed_steps: ["document", "activate"] }, "activate")).toBe(true);
    expect(offers({ allowed_steps: [] }, "activate")).toBe(false);
    expect(offers(undefined, "activate")).toBe(false);
  });
  it("shows an action only when the answer allows it", () => {
    expect(allows({ allowed_actions: ["edit"] }, "edit")).toBe(true);
    expect(allows({ allowed_actions: ["approved", "returned"] }, "on_hold")).toBe(false);
    expect(allows({ allowed_actions: [] }, "edit")).toBe(false);
    expect(allows(null, "edit")).toBe(false);
  });
});

describe("parties", () => {
  it("skips empty rows and remembers each party's row", () => {
    const values = { "party.0.name": " Ombudsman ", "party.0.kind": "office", "party.1.name": "", "party.2.name": "Dinkes" };
    const { parties, rows } = partiesFrom(values, 3);
    expect(parties).toEqual([
      { name: "Ombudsman", kind: "office" },
      { name: "Dinkes", kind: "agency" },
    ]);
    expect(rows).toEqual([0, 2]);
    // The API's second party is the form's third row.
    expect(itemError({ "parties.1.name": "too long" }, "parties", rows, 2, "name")).toBe("too long");
    expect(itemError({ "parties.1.name": "too long" }, "parties", rows, 0, "name")).toBeUndefined();
  });
});

describe("test scores", () => {
  it("sends blanks as tests not taken and leaves out untouched rows", () => {
    const { scores, invalid } = scoresFrom(["a", "b", "c"], { "pre.a": "40", "post.a": "85", "pre.b": "55" });
    expect(scores).toEqual([
      { participant_id: "a", pre: 40, post: 85 },
      { participant_id: "b", pre: 55, post: null },
    ]);
    expect(invalid).toEqual([]);
  });
  it("keeps back what is not a whole number, naming its field", () => {
    const { scores, invalid } = scoresFrom(["a"], { "pre.a": "4,5", "post.a": "80" });
    expect(scores).toEqual([]);
    expect(invalid).toEqual(["pre.a"]);
  });
  it("puts the API's error on the participant's row", () => {
    const fields = { "scores.1.post": "Input should be less than or equal to 100" };
    expect(itemError(fields, "scores", ["a", "b"], "b", "post")).toBe("Input should be less than or equal to 100");
    expect(itemError(fields, "scores", ["a", "b"], "a", "post")).toBeUndefined();
  });
});
