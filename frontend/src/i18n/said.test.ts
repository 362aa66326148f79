import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "./messages";
import { MESSAGES } from "./bothCatalogues";
import { fieldSaid, problemText, said, sayIn, type Saying } from "./said";
import { formErrors } from "../lib/problems";

// English is a chunk of its own in the app (messages.ts), fetched when chosen: these
// tests word things in both languages.
beforeAll(() => loadCatalogue("en"));

// A screen keeps what to say; the user switches language; the same kept value is
// worded again in the new language, placeholders included.
describe("what a screen keeps to say", () => {
  it("is worded again, values and all, after a switch of language", () => {
    const kept: Saying = said("intern.att.checkedIn", { time: "08.05" });
    const before = sayIn("id", kept);
    const after = sayIn("en", kept);
    expect(before).toContain("08.05");
    expect(after).toContain("08.05");
    expect(after).not.toBe(before);
    expect(after).toBe(MESSAGES.en["intern.att.checkedIn"].replace("{time}", "08.05"));
  });

  it("words a failure followed by the API's refusal in the language of the moment", () => {
    const kept: Saying = [said("intern.att.failed"), { problem: { type: "/problems/quota-full", detail: "The unit has no free place in the period" }, fallback: "form.error" }];
    expect(sayIn("id", kept)).toBe(`${MESSAGES.id["intern.att.failed"]} ${MESSAGES.id["api.problem.quota-full"]}`);
    expect(sayIn("en", kept)).toBe(`${MESSAGES.en["intern.att.failed"]} ${MESSAGES.en["api.problem.quota-full"]}`);
  });
});

describe("a problem put into words", () => {
  it("is said by its type in the user's language", () => {
    const refusal = { type: "/problems/entry-approved", title: "An approved entry is final", detail: "An approved entry is final", status: 409 };
    expect(problemText(refusal, "id", "x")).toBe("Isian yang sudah disetujui bersifat final.");
    expect(problemText(refusal, "en", "x")).toBe("An approved entry is final.");
  });

  it("of a type this version does not know keeps the API's words, the app's own in either language", () => {
    expect(problemText({ type: "/problems/brand-new", detail: "Something new" }, "id", "x")).toBe("Something new");
    expect(problemText({ type: "/problems/brand-new", detail: MESSAGES.en["api.birthDateMismatch"] }, "id", "x")).toBe(MESSAGES.id["api.birthDateMismatch"]);
  });

  it("fills a coded param with the API's words in the language shown, not the request's", () => {
    const decided = {
      type: "/problems/stale-proposal",
      status: 409,
      code: "proposal_decided",
      params: { status: "declined" },
      labels: { status: "Ditolak" }, // asked in Bahasa Indonesia
      labels_by_language: { id: { status: "Ditolak" }, en: { status: "Declined" } },
    };
    expect(problemText(decided, "en", "x")).toBe(`${MESSAGES.en["api.problem.stale-proposal"]} The proposal is “Declined” already.`);
    expect(problemText(decided, "id", "x")).toBe(`${MESSAGES.id["api.problem.stale-proposal"]} Usulan ini sudah berstatus “Ditolak”.`);
    // An API that gives only the request's words: those, rather than the code.
    const { labels_by_language: _, ...older } = decided;
    expect(problemText(older, "en", "x")).toContain("The proposal is “Ditolak” already.");
  });

  it("falls back when there is nothing to say", () => {
    expect(problemText(undefined, "id", "Gagal.")).toBe("Gagal.");
    expect(problemText({ status: 500 }, "en", "Failed.")).toBe("Failed.");
  });
});

describe("a field's error put into words", () => {
  // What intake answers for a reporter whose identity lacks items (verification.py).
  const lacking = {
    pointer: "#/body/checklist/identity",
    detail: "The reporter's identity lacks: place of birth, NIK.",
    code: "identity_incomplete",
    params: { missing: "place_of_birth, nik" },
    labels: { missing: "tempat lahir, NIK" },
    labels_by_language: { id: { missing: "tempat lahir, NIK" }, en: { missing: "place of birth, NIK" } },
  };

  it("says a coded param in the API's words in the language shown, never by its codes", () => {
    const kept = fieldSaid(lacking, "");
    expect(sayIn("id", kept)).toBe("Identitas pelapor belum lengkap: tempat lahir, NIK.");
    expect(sayIn("en", kept)).toBe("The reporter's identity lacks: place of birth, NIK.");
    for (const locale of ["id", "en"] as const) expect(sayIn(locale, kept)).not.toContain("place_of_birth");
    // A form's error, kept worded in Bahasa Indonesia, is worded again after a switch.
    const shown = formErrors({ status: 422, errors: [lacking] }, "x").fields["checklist.identity"];
    expect(shown).toBe("Identitas pelapor belum lengkap: tempat lahir, NIK.");
    expect(sayIn("en", { text: shown ?? "" })).toBe("The reporter's identity lacks: place of birth, NIK.");
  });

  it("keeps the request's words from an API that gives only those, and words none by its select", () => {
    const { labels_by_language: _, ...older } = lacking;
    expect(sayIn("en", fieldSaid(older, ""))).toBe("The reporter's identity lacks: tempat lahir, NIK.");
    const undeclared = { code: "identity_incomplete", params: { missing: "none" } };
    expect(sayIn("en", fieldSaid(undeclared, ""))).toBe("The reporter's identity is not declared complete.");
  });

  it("quotes the status a case is refused in", () => {
    const refused = {
      pointer: "#/body/await_response",
      code: "cannot_await_agency",
      params: { status: "monitoring" },
      labels_by_language: { id: { status: "Resolusi dan monitoring" }, en: { status: "Resolution and monitoring" } },
    };
    expect(sayIn("id", fieldSaid(refused, ""))).toBe("Perkara sudah berstatus “Resolusi dan monitoring”, jadi tidak dapat menunggu jawaban instansi.");
    expect(sayIn("en", fieldSaid(refused, ""))).toBe("The case is “Resolution and monitoring” already, so it cannot wait for the agency.");
  });
});

describe("a closure refused for its outcome", () => {
  // What examination answers (closure/rules.py): one refusal, as the reason and as the
  // outcome field's error, the outcome and finding in words in each language.
  const words = {
    id: { outcome: "Maladministrasi ditemukan, diselesaikan instansi terlapor", needed: "Ditemukan maladministrasi" },
    en: { outcome: "Resolved by the agency", needed: "Maladministration found" },
  };
  const params = { outcome: "resolved_by_agency", needed: "maladministration_found" };
  const field = { pointer: "#/body/outcome", code: "outcome_needs_report", params, labels: words.id, labels_by_language: words };
  const refused = {
    type: "/problems/transition-not-allowed",
    status: 409,
    code: "outcome_needs_report",
    params,
    labels: words.id,
    labels_by_language: words,
    errors: [field],
  };

  it("says the outcome and finding in words, the same as reason and as field", () => {
    const reason = "Closing as “Resolved by the agency” needs a final report finding “Maladministration found”.";
    expect(problemText(refused, "en", "x")).toBe(`${MESSAGES.en["api.problem.transition-not-allowed"]} ${reason}`);
    expect(sayIn("en", fieldSaid(field, ""))).toBe(reason);
    expect(sayIn("id", fieldSaid(field, ""))).toBe(
      "Penutupan sebagai “Maladministrasi ditemukan, diselesaikan instansi terlapor” memerlukan LHP dengan temuan “Ditemukan maladministrasi”.",
    );
  });
});
