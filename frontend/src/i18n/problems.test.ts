import { beforeAll, describe, expect, it } from "vitest";
import { formErrors } from "../lib/problems";
import { MESSAGES } from "./bothCatalogues";
import fieldCodes from "./fieldCodes.json";
import { ID_ENTRY, loadCatalogue } from "./messages";
import reasons from "./problemReasons.json";
import types from "./problemTypes.json";
import { relocalize } from "./relocalize";
import { problemText, sayIn } from "./said";

// English is a chunk of its own in the app (messages.ts), fetched when chosen: these
// tests word things in both languages.
beforeAll(() => loadCatalogue("en"));

const refusal = (code: string | undefined, detail: string, params: Record<string, unknown> = {}) => ({
  type: "/problems/agreement-not-activatable",
  title: "The agreement cannot be activated yet",
  status: 409,
  detail,
  ...(code === undefined ? {} : { code, params }),
});

// problemReasons.json is the API's own list of specific reasons (tests/deploy checks it
// against every component's problem classes).
describe("the specific reasons' catalogue", () => {
  it("words every reason the API can name in both languages, under a type it knows", () => {
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      const slug = reason.split(".")[0];
      expect(types).toContain(slug);
      const id = (MESSAGES.id as Record<string, string>)[`api.reason.${reason}`];
      const en = (MESSAGES.en as Record<string, string>)[`api.reason.${reason}`];
      expect(id, `id: ${reason}`).toBeTruthy();
      expect(en, `en: ${reason}`).toBeTruthy();
      expect(id).not.toBe(en);
    }
  });

  it("holds no reason the API no longer names", () => {
    const catalogued = Object.keys(MESSAGES.id).filter((k) => k.startsWith("api.reason.")).map((k) => k.slice("api.reason.".length));
    expect(catalogued.sort()).toEqual([...reasons].sort());
  });
});

// fieldCodes.json lists the codes the API's own field checks name (tests/deploy reads
// them from every component's source); pydantic's own are worded beside them.
describe("the fields' codes", () => {
  it("words every code a field check of the API names, in both languages", () => {
    for (const code of fieldCodes as string[]) {
      const id = (MESSAGES.id as Record<string, string>)[`api.field.${code}`];
      const en = (MESSAGES.en as Record<string, string>)[`api.field.${code}`];
      expect(id, `id: ${code}`).toBeTruthy();
      expect(en, `en: ${code}`).toBeTruthy();
    }
  });
});

describe("a refusal put into words", () => {
  it("says the type and the reason its code names, in the user's language", () => {
    const problem = refusal("no_document", "Upload the signed document first.");
    expect(problemText(problem, "id", "x")).toBe("Kerja sama ini belum dapat diaktifkan. Unggah dulu dokumen yang sudah ditandatangani.");
    expect(problemText(problem, "en", "x")).toBe(`${MESSAGES.en["api.problem.agreement-not-activatable"]} Upload the signed document first.`);
  });

  it("fills the reason's placeholders from the problem's params", () => {
    const problem = refusal("ended", "The agreement ended on 2026-12-31.", { ends_on: "2026-12-31" });
    expect(problemText(problem, "id", "x")).toBe("Kerja sama ini belum dapat diaktifkan. Masa berlakunya sudah berakhir pada 2026-12-31.");
    expect(problemText(problem, "en", "x")).toContain("It ended on 2026-12-31.");
  });

  it("keeps the API's detail, as it words it, when no code the app knows names the reason", () => {
    const problem = refusal("brand_new_reason", "The moon is not full.");
    expect(problemText(problem, "id", "x")).toBe("Kerja sama ini belum dapat diaktifkan. The moon is not full.");
    expect(problemText(problem, "en", "x")).toBe(`${MESSAGES.en["api.problem.agreement-not-activatable"]} The moon is not full.`);
    // A detail that is one of the app's texts is given in the user's language.
    const older = refusal(undefined, "Upload the signed document first.");
    expect(problemText(older, "id", "x")).toBe("Kerja sama ini belum dapat diaktifkan. Unggah dulu dokumen yang sudah ditandatangani.");
  });

  it("says the type alone when the detail only repeats its title", () => {
    expect(problemText(refusal(undefined, "The agreement cannot be activated yet"), "id", "x")).toBe("Kerja sama ini belum dapat diaktifkan.");
    expect(problemText({ type: "/problems/not-found", title: "Not found", detail: "Not Found", status: 404 }, "en", "x")).toBe(MESSAGES.en["api.problem.not-found"]);
  });

  it("of a type this version does not know is the API's detail", () => {
    expect(problemText({ type: "/problems/brand-new", title: "Brand new", detail: "Something new happened", code: "x" }, "id", "f")).toBe("Something new happened");
  });

  it("is worded again in the language of the moment, reason and all, once kept as text", () => {
    const kept = problemText(refusal("no_document", "Upload the signed document first."), "id", "x");
    expect(relocalize(kept, "en")).toBe(`${MESSAGES.en["api.problem.agreement-not-activatable"]} Upload the signed document first.`);
    expect(relocalize(relocalize(kept, "en"), "id")).toBe(kept);
    expect(sayIn("en", { problem: refusal("ended", "", { ends_on: "2027-01-31" }) })).toContain("It ended on 2027-01-31.");
  });

  it("of a validation problem shown above a form names each field's error", () => {
    const problem = { type: "/problems/validation-error", title: "The request has invalid fields", status: 422, detail: "Invalid fields: #/body/name", errors: [{ pointer: "#/body/name", detail: "Field required", code: "missing", params: {} }] };
    expect(problemText(problem, "id", "x")).toBe(`${MESSAGES.id["api.problem.validation-error"]} name: Wajib diisi.`);
    expect(problemText(problem, "en", "x")).toBe(`${MESSAGES.en["api.problem.validation-error"]} name: Required.`);
  });
});

describe("a state refusal put into words", () => {
  const problem = (slug: string, code: string, params: Record<string, unknown>, detail = "English detail.") => ({ type: `/problems/${slug}`, title: "t", status: 409, detail, code, params });

  it("names the statuses the state machine refused to move between in the API's words, never its codes", () => {
    const params = { status: "closed", target: "open" };
    const moved = { ...problem("transition-not-allowed", "cannot_become", params), labels: { status: "Ditutup", target: "Dalam pemeriksaan" } };
    expect(problemText(moved, "id", "x")).toBe("Langkah ini tidak diizinkan pada status saat ini. Dari status “Ditutup” tidak dapat berpindah ke “Dalam pemeriksaan”.");
    const english = { ...problem("transition-not-allowed", "cannot_become", params), labels: { status: "Closed", target: "Under examination" } };
    expect(problemText(english, "en", "x")).toBe("This step is not allowed in the current status. From “Closed” it cannot move to “Under examination”.");
    for (const said of [problemText(moved, "id", "x"), problemText(english, "en", "x")]) {
      expect(said).not.toMatch(/\bclosed\b|\bopen\b/);
    }
    // An API before labels still gets its reason said, by the codes it sent.
    expect(problemText(problem("transition-not-allowed", "cannot_become", params), "id", "x")).toContain("Dari status “closed”");
  });

  it("says a refused step and the status in words", () => {
    const step = { ...problem("transition-not-allowed", "step_not_allowed", { step: "plenary_accept", status: "registered" }), labels: { step: "Pleno: diterima", status: "Teregistrasi" } };
    expect(problemText(step, "id", "x")).toContain("Langkah “Pleno: diterima” tidak berlaku saat statusnya “Teregistrasi”.");
  });

  it("of a component's own reason under a shared type is worded by its code, never the English detail", () => {
    const loan = problem("conflict", "file_on_loan", { holder: "Budi" }, "The file is lent to Budi; it must come back first.");
    expect(problemText(loan, "id", "x")).toBe("Bertentangan dengan keadaan saat ini. Berkas sedang dipinjam oleh Budi; kembalikan dulu.");
    const checkedIn = problem("already-recorded", "checked_in", { day: "2026-12-01" });
    expect(problemText(checkedIn, "id", "x")).toBe("Hari itu sudah tercatat. Anda sudah absen masuk pada 2026-12-01.");
    // The API's own reason for a day off is English (a holiday's name): said only in English.
    const sunday = problem("not-a-working-day", "day_off", { day: "2026-12-06", reason: "weekend" });
    expect(problemText(sunday, "id", "x")).toContain("2026-12-06 jatuh pada akhir pekan.");
    const holiday = problem("not-a-working-day", "day_off", { day: "2026-12-25", reason: "Christmas Day" });
    expect(problemText(holiday, "id", "x")).toContain("2026-12-25 adalah hari libur kantor.");
    expect(problemText(holiday, "en", "x")).toContain("2026-12-25 is a day off at the office (Christmas Day).");
  });

  it("counts in English and stays one form in Bahasa Indonesia", () => {
    const one = problem("assessment-not-ready", "entries_unreviewed", { count: 1 });
    const many = problem("assessment-not-ready", "entries_unreviewed", { count: 3 });
    expect(problemText(one, "en", "x")).toContain("1 entry is not reviewed yet.");
    expect(problemText(many, "en", "x")).toContain("3 entries are not reviewed yet.");
    expect(problemText(many, "id", "x")).toContain("3 isian belum ditinjau.");
  });

  it("of an upload on the public form is worded from the entry's own catalogue", () => {
    const upload = problem("unsupported-media-type", "name_mismatch", { name: "foto.pdf", media_type: "image/jpeg" });
    expect(problemText(upload, "id", "x")).toContain("Nama berkasnya foto.pdf, tetapi isinya berjenis image/jpeg.");
    expect(ID_ENTRY["api.reason.unsupported-media-type.name_mismatch"]).toBeDefined();
  });
});

describe("a field's error", () => {
  const problem = {
    type: "/problems/validation-error",
    status: 422,
    errors: [
      { pointer: "#/body/name", detail: "String should have at least 3 characters", code: "string_too_short", params: { min_length: 3 } },
      { pointer: "#/body/size", detail: "Field required", code: "missing", params: {} },
      { pointer: "#/body/nik", detail: "Value error, a NIK has exactly 16 digits", code: "value_error", params: {} },
      { pointer: "#/body/odd", detail: "Something pydantic 9 says", code: "brand_new_type", params: {} },
      { pointer: "#/body/old", detail: "From an API before codes" },
    ],
  };

  it("is said by its code with its params, in either language", () => {
    const { fields } = formErrors(problem, "fallback");
    expect(fields.name).toBe("Paling sedikit 3 karakter.");
    expect(fields.size).toBe("Wajib diisi.");
    expect(relocalize(fields.name ?? "", "en")).toBe("At least 3 characters.");
    expect(relocalize(fields.size ?? "", "en")).toBe("Required.");
  });

  it("of a code the app does not know is the API's own words", () => {
    const { fields } = formErrors(problem, "fallback");
    expect(fields.nik).toBe("a NIK has exactly 16 digits");
    expect(fields.odd).toBe("Something pydantic 9 says");
    expect(fields.old).toBe("From an API before codes");
    expect(relocalize(fields.odd ?? "", "en")).toBe("Something pydantic 9 says");
  });

  it("is said as the caller knows it when the caller says so", () => {
    const { fields } = formErrors(problem, "fallback", { "Field required": "Isian ini wajib." });
    expect(fields.size).toBe("Isian ini wajib.");
  });

  it("of one of APIK's own checks is said by its code with its params, in either language", () => {
    const own = {
      status: 422,
      errors: [
        { pointer: "#/body/received_on", detail: "must be a year between 1900 and 2200", code: "implausible_year", params: { min: 1900, max: 2200 } },
        { pointer: "#/body/office", detail: "The office 'KAB-X' takes no reports.", code: "office_takes_no_reports", params: { office: "KAB-X" } },
      ],
    };
    const { fields } = formErrors(own, "fallback");
    expect(fields.received_on).toBe("Tahunnya harus antara 1900 dan 2200.");
    expect(fields.office).toBe("Kantor KAB-X tidak menerima laporan.");
    expect(relocalize(fields.received_on ?? "", "en")).toBe("The year must be between 1900 and 2200.");
    expect(relocalize(fields.office ?? "", "en")).toBe("The office KAB-X takes no reports.");
  });

  it("of a limit, a date's order or a choice is said with its params filling the message", () => {
    const own = {
      status: 422,
      errors: [
        { pointer: "#/body/scores/0/pre", detail: "150 is above the test's maximum of 100.", code: "less_than_equal", params: { le: 100 } },
        { pointer: "#/body/ends_on", detail: "The end date comes after the start date.", code: "ends_before_start", params: { start: "2027-03-01" } },
        { pointer: "#/body/scheme_id", detail: "IKM covers 2019–today, not 2017.", code: "year_not_covered", params: { scheme: "IKM", year: "2017", year_from: "2019", year_to: "open" } },
        { pointer: "#/body/year", detail: "IKM covers 2019–2021, not 2023.", code: "year_not_covered", params: { scheme: "IKM", year: "2023", year_from: "2019", year_to: "2021" } },
      ],
    };
    const { fields } = formErrors(own, "fallback");
    expect(fields["scores.0.pre"]).toBe("Paling besar 100.");
    expect(fields.ends_on).toBe("Berakhir sebelum dimulai (2027-03-01).");
    expect(fields.scheme_id).toBe("Skema IKM berlaku untuk tahun 2019 dan sesudahnya, bukan 2017.");
    expect(fields.year).toBe("Skema IKM berlaku untuk tahun 2019–2021, bukan 2023.");
    expect(relocalize(fields.ends_on ?? "", "en")).toBe("Ends before it starts (2027-03-01).");
    expect(relocalize(fields.scheme_id ?? "", "en")).toBe("IKM covers 2019–today, not 2017.");
    expect(relocalize(fields.year ?? "", "en")).toBe("IKM covers 2019–2021, not 2023.");
  });

  it("puts English plurals right", () => {
    const one = formErrors({ status: 422, errors: [{ pointer: "#/body/a", code: "string_too_short", params: { min_length: 1 } }] }, "f").fields.a;
    expect(relocalize(one ?? "", "en")).toBe("At least 1 character.");
  });
});
