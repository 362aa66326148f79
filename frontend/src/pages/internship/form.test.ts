import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../i18n/messages";
import { sayIn } from "../../i18n/said";
import { applicationPart, applyErrors, applyField, applyRefusal, EMPTY_APPLY } from "./form";

const filled = {
  ...EMPTY_APPLY,
  name: " Rina Kusuma ",
  email: "rina@example.org",
  institution: "Universitas Hasanuddin",
  programme: "MBKM",
  start: "2027-01-04",
  end: "2027-03-31",
  units: ["intake"],
};

beforeAll(() => loadCatalogue("en"));

describe("the application form", () => {
  it("builds the API's application part, leaving out what was not given", () => {
    expect(applicationPart("PUSAT", filled)).toEqual({
      office: "PUSAT",
      applicant: { name: "Rina Kusuma", email: "rina@example.org", phone: undefined, study: undefined },
      institution_kind: "university",
      institution: "Universitas Hasanuddin",
      programme: "MBKM",
      period_start: "2027-01-04",
      period_end: "2027-03-31",
      units: ["intake"],
    });
  });

  it("names every missing field, the letter included", () => {
    expect(applyErrors(EMPTY_APPLY, null)).toEqual([
      "applicant.name", "applicant.email", "institution", "programme", "period_start", "period_end", "units", "letter",
    ]);
    expect(applyErrors(filled, new File(["x"], "surat.pdf"))).toEqual([]);
  });

  it("refuses a period that ends before it starts", () => {
    expect(applyErrors({ ...filled, end: "2027-01-03" }, new File(["x"], "surat.pdf"))).toEqual(["period_end"]);
  });

  it("puts the API's errors at the form's fields", () => {
    expect(applyField("#/application/applicant/name")).toBe("applicant.name");
    expect(applyField("#/application/units/0")).toBe("units");
    expect(applyField("#/letter")).toBe("letter");
    expect(applyField("#/application")).toBe("general");
  });

  it("words the API's field errors by their code in the language on screen, not its English detail", () => {
    const { fields, stray } = applyRefusal({
      errors: [
        { pointer: "#/letter", code: "content_not_accepted", detail: "The letter is image/gif.", params: { media_type: "image/gif" } },
        { pointer: "#/application/units/1", code: "unit_twice", detail: "a unit is asked for twice" },
        { pointer: "#/application", code: "some_future_code", detail: "Something the app has no words for." },
        { pointer: "#/application/institution", code: "another_future_code" },
      ],
    });
    // Nothing to say of it at all: the field is still marked, with the form's failure.
    expect(sayIn("id", fields["institution"]!)).toBe(sayIn("id", { id: "mori.apply.failed" }));
    expect(sayIn("id", fields["letter"]!)).toBe("Isi berkas berjenis image/gif, yang tidak diterima.");
    expect(sayIn("en", fields["letter"]!)).toBe("The content is image/gif, which is not accepted.");
    expect(sayIn("id", fields["units"]!)).toBe("Ada unit yang disebut dua kali.");
    // A code the app does not know: the API's own sentence, rather than nothing.
    expect(stray.map((s) => sayIn("id", s))).toEqual(["Something the app has no words for."]);
  });
});

