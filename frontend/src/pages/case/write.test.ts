import { describe, expect, it } from "vitest";
import { errorAt, written } from "./write";

const answer = (status: number) => new Response(null, { status });

describe("what a write on a case came back with", () => {
  it("is saved on a 2xx", () => {
    expect(written(answer(201), undefined, "gagal", "wajib", "periksa")).toEqual({ kind: "saved" });
  });

  it("is a conflict when If-Match met a newer version (412)", () => {
    const problem = { status: 412, title: "Precondition Failed", detail: "changed by someone else" };
    expect(written(answer(412), problem, "gagal", "wajib", "periksa")).toEqual({ kind: "conflict" });
  });

  it("puts the API's field errors at their fields, in the user's words when known", () => {
    const problem = {
      status: 422,
      title: "Unprocessable",
      errors: [
        { pointer: "#/body/summary", detail: "Field required" },
        { pointer: "#/body/corrective_actions/1", detail: "String should have at least 1 character" },
        { pointer: "#/body/recommendation", detail: "String should have at most 5000 characters" },
        { pointer: "#/body/body", detail: "Value should have at least 1 item after validation, not 0" },
      ],
    };
    expect(written(answer(422), problem, "gagal", "Wajib diisi.", "Periksa isian.")).toEqual({
      kind: "refused",
      errors: {
        // An empty text is "required" to the user too; a message with no translation
        // is shown as the API words it.
        fields: {
          summary: "Wajib diisi.",
          "corrective_actions.1": "Wajib diisi.",
          recommendation: "String should have at most 5000 characters",
          body: "Wajib diisi.",
        },
        general: "Periksa isian.",
      },
    });
  });

  it("says what belongs to no field above the form", () => {
    const problem = { status: 409, title: "Conflict", detail: "Corrective actions 1 are not done." };
    expect(written(answer(409), problem, "gagal", "wajib", "periksa")).toEqual({
      kind: "refused",
      errors: { fields: {}, general: "Corrective actions 1 are not done." },
    });
  });
});

describe("a field's message", () => {
  it("is its own, or that of an item inside it", () => {
    const errors = { fields: { "corrective_actions.1": "kosong", finding: "wajib" }, general: null };
    expect(errorAt(errors, "finding")).toBe("wajib");
    expect(errorAt(errors, "corrective_actions")).toBe("kosong");
    expect(errorAt(errors, "forms")).toBeUndefined();
  });
});
