import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../i18n/messages";
import { MESSAGES } from "../i18n/bothCatalogues";
import { relocalize } from "../i18n/relocalize";
import { sayIn } from "../i18n/said";
import { fieldPath, formErrors, formSaid, isProblem } from "./problems";

// English is a chunk of its own in the app (messages.ts), fetched when chosen: these
// tests word things in both languages.
beforeAll(() => loadCatalogue("en"));

describe("problem+json to form errors", () => {
  it("puts each body pointer at its field, unescaping JSON pointer parts", () => {
    const errors = formErrors(
      {
        status: 422,
        detail: "Invalid fields: #/body/reporter/nik, #/body/reported_agency/name",
        errors: [
          { pointer: "#/body/reporter/nik", detail: "a NIK has exactly 16 digits" },
          { pointer: "#/body/reported_agency/name", detail: "Field required" },
          { pointer: "#/body/reporter/nik", detail: "a second reason" },
        ],
      },
      "fallback",
    );
    expect(errors.fields).toEqual({
      "reporter.nik": "a NIK has exactly 16 digits",
      "reported_agency.name": "Field required",
    });
    expect(errors.general).toBeNull();
  });

  it("says the errors it knows in the user's language, the others as the API does", () => {
    const errors = formErrors(
      {
        status: 422,
        errors: [
          { pointer: "#/body/summary", detail: "Field required" },
          { pointer: "#/body/reporter/nik", detail: "a NIK has exactly 16 digits" },
        ],
      },
      "fallback",
      { "Field required": "Wajib diisi." },
    );
    expect(errors.fields).toEqual({ summary: "Wajib diisi.", "reporter.nik": "a NIK has exactly 16 digits" });
  });

  it("sends what names no body field above the form", () => {
    const errors = formErrors(
      { status: 422, errors: [{ pointer: "#/query/received_to", detail: "ends before it starts" }] },
      "fallback",
    );
    expect(errors.fields).toEqual({});
    expect(errors.general).toBe("ends before it starts");
  });

  it("falls back to the detail, then the title, then the caller's text", () => {
    expect(formErrors({ status: 409, detail: "Newer version" }, "x").general).toBe("Newer version");
    expect(formErrors({ status: 409, title: "Conflict" }, "x").general).toBe("Conflict");
    expect(formErrors({ status: 500 }, "x").general).toBe("x");
  });

  it("reads pointers", () => {
    expect(fieldPath("#/body/a~1b/c~0d")).toBe("a/b.c~d");
    expect(fieldPath("#/body")).toBeNull();
    expect(fieldPath("#/header/x-tracking-pin")).toBeNull();
  });

  it("tells a problem from other JSON", () => {
    expect(isProblem({ status: 422, title: "Invalid input" })).toBe(true);
    expect(isProblem({ items: [] })).toBe(false);
    expect(isProblem(null)).toBe(false);
  });

  it("words a refusal of no field by its type, reworded in the language switched to", () => {
    const found = formErrors({ type: "/problems/stale-proposal", status: 409, title: "x", detail: "The proposal is decided or the roles changed since" }, "fallback");
    expect(found.general).toBe(MESSAGES.id["api.problem.stale-proposal"]);
    expect(relocalize(found.general!, "en")).toBe(MESSAGES.en["api.problem.stale-proposal"]);
  });
});

// A screen that keeps an API refusal as what to say (the Red Button page, the reporter's
// identity read) shows it in the language of the moment: a switch rewords it, a field's
// message with values too, and a refusal of no field by its problem type.
describe("problem+json kept as what to say", () => {
  it("words each field's error again after a switch of language, values and all", () => {
    const kept = formSaid(
      { status: 422, errors: [{ pointer: "#/body/account", code: "string_too_short", params: { min_length: 10 }, detail: "String should have at least 10 characters" }] },
      "rb.failed",
    );
    expect(kept.general).toBeNull();
    const account = kept.fields["account"]!;
    expect(sayIn("id", account)).toBe(MESSAGES.id["api.field.string_too_short"].replace("{min_length}", "10"));
    expect(sayIn("en", account)).toBe("At least 10 characters.");
  });

  it("words a refusal of no field by its type, and nothing at all by the fallback, in either language", () => {
    const refusal = formSaid({ type: "/problems/entry-approved", status: 409, detail: "An approved entry is final" }, "identityRead.failed");
    expect(refusal.fields).toEqual({});
    expect(sayIn("id", refusal.general!)).toBe("Isian yang sudah disetujui bersifat final.");
    expect(sayIn("en", refusal.general!)).toBe("An approved entry is final.");
    const silent = formSaid({ status: 500 }, "identityRead.failed");
    expect(sayIn("id", silent.general!)).toBe(MESSAGES.id["identityRead.failed"]);
    expect(sayIn("en", silent.general!)).toBe(MESSAGES.en["identityRead.failed"]);
  });

  it("says errors outside the body above the form, and a field error without words by the fallback", () => {
    const kept = formSaid({ type: "/problems/validation-error", status: 422, errors: [{ pointer: "#/query/purpose", code: "missing" }, { pointer: "#/body/severity" }] }, "rb.failed");
    expect(sayIn("en", kept.fields["severity"]!)).toBe(MESSAGES.en["rb.failed"]);
    expect(sayIn("id", kept.general!)).toBe(MESSAGES.id["api.field.missing"]);
    expect(sayIn("en", kept.general!)).toBe(MESSAGES.en["api.field.missing"]);
  });
});
