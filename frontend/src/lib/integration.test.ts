import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../i18n/messages";
import { sayIn } from "../i18n/said";
import {
  rowReason,
  fileTone,
  importProblems,
  importSearch,
  importTone,
  mappingPart,
  mappingProblems,
  multipartFrame,
  normalText,
  pullHealth,
  pushSummary,
  sendTone,
  sheetType,
  type MappingForm,
} from "./integration";

// English is a chunk of its own in the app (messages.ts), fetched when chosen: these
// tests word things in both languages.
beforeAll(() => loadCatalogue("en"));

const form = (over: Partial<MappingForm> = {}): MappingForm => ({ columns: {}, outcomes: [], ...over });

describe("the import's mapping", () => {
  it("compares status texts as the API does: case, punctuation and spacing aside", () => {
    expect(normalText("  Tuntas, oleh   Instansi! ")).toBe("tuntas oleh instansi");
    expect(normalText("Bukan-Kewenangan")).toBe("bukan kewenangan");
    expect(normalText("Ditolak (Ombudsman)")).toBe("ditolak ombudsman");
  });

  it("finds what the API would refuse, at its field", () => {
    const problems = mappingProblems(
      form({
        columns: { summary: "x".repeat(201), status: "Status\nlama", kind: "Jenis" },
        outcomes: [
          { text: "Tuntas oleh Instansi", code: "resolved_by_agency" },
          { text: "tuntas, oleh instansi", code: "closed" },
          { text: "", code: "open" },
          { text: "Arsip", code: "" },
          { text: "", code: "" },
        ],
      }),
    );
    expect(problems).toEqual({
      summary: "tooLong",
      status: "multiline",
      "outcomes.1.text": "duplicate",
      "outcomes.2.text": "blank",
      "outcomes.3.code": "noCode",
    });
    expect(mappingProblems(form({ columns: { nik: "N\u0000IK" } }))).toEqual({ nik: "control" });
    expect(mappingProblems(form({ columns: { nik: "NIK" }, outcomes: [{ text: "Tuntas", code: "closed" }] }))).toEqual({});
  });

  it("sends only what was given, or no mapping at all", () => {
    expect(mappingPart(form())).toBeNull();
    expect(mappingPart(form({ columns: { summary: "  " }, outcomes: [{ text: "", code: "" }] }))).toBeNull();
    expect(
      mappingPart(form({ columns: { summary: " Perihal ", kind: "" }, outcomes: [{ text: " Tuntas oleh Instansi ", code: "resolved_by_agency" }, { text: "x", code: "" }] })),
    ).toEqual({ summary: "Perihal", outcomes: { "Tuntas oleh Instansi": "resolved_by_agency" } });
  });
});

describe("the upload's body", () => {
  it("frames the file and the mapping with the boundary given, the same each time", () => {
    const frame = multipartFrame("b0", 'old "2019".csv', "text/csv", { summary: "Perihal" });
    expect(frame.head).toBe('--b0\r\nContent-Disposition: form-data; name="file"; filename="old %222019%22.csv"\r\nContent-Type: text/csv\r\n\r\n');
    expect(frame.tail).toBe('\r\n--b0\r\nContent-Disposition: form-data; name="mapping"\r\nContent-Type: application/json\r\n\r\n{"summary":"Perihal"}\r\n--b0--\r\n');
    expect(multipartFrame("b0", 'old "2019".csv', "text/csv", { summary: "Perihal" })).toEqual(frame);
    expect(multipartFrame("b1", "a.csv", "text/csv", null).tail).toBe("\r\n--b1--\r\n");
  });

  it("names a workbook's type by its extension", () => {
    expect(sheetType("Arsip.XLSX")).toContain("spreadsheetml");
    expect(sheetType("arsip.csv")).toBe("text/csv");
  });

  it("puts the API's problems at the mapping's fields", () => {
    const outcomes = [{ text: "Tuntas oleh Instansi", code: "closed" as const }];
    const found = importProblems(
      {
        status: 422,
        errors: [
          { pointer: "#/mapping/summary", detail: "no such column" },
          { pointer: "#/mapping/outcomes/Tuntas oleh Instansi", detail: "bad code" },
          { pointer: "#/file", detail: "empty sheet" },
        ],
      },
      outcomes,
      "fallback",
    );
    expect(found).toEqual({ fields: { summary: "no such column", "outcomes.0.code": "bad code", file: "empty sheet" }, general: null });
    expect(importProblems({ status: 413, detail: "too large" }, [], "fallback")).toEqual({ fields: {}, general: "too large" });
    expect(importProblems({ status: 415, errors: [{ pointer: "#/headers/content-type", detail: "not multipart" }] }, [], "f").general).toBe("not multipart");
    expect(importProblems(new Error("network"), [], "fallback")).toEqual({ fields: {}, general: "fallback" });
  });
});

describe("the states' words", () => {
  it("give each API state a tone, an unknown one waiting or failed rather than fine", () => {
    expect(["checked", "running", "done", "new"].map(importTone)).toEqual(["waiting", "busy", "ok", "waiting"]);
    expect(["pending", "sent", "failed"].map(sendTone)).toEqual(["waiting", "ok", "failed"]);
    expect(["waiting", "stored", "refused", "failed", "other"].map(fileTone)).toEqual(["waiting", "ok", "failed", "failed", "failed"]);
  });

  it("say whether a pull runs, fails, or never ran", () => {
    expect(pullHealth({ polled_at: null, last_error: null })).toBe("never");
    expect(pullHealth({ polled_at: "2026-12-01T01:00:00Z" })).toBe("ok");
    expect(pullHealth({ polled_at: "2026-12-01T01:00:00Z", last_error: "503" })).toBe("failing");
  });

  it("sum up the push from the sends", () => {
    const sends = [
      { status: "sent", sent_at: "2026-12-01T01:00:00Z" },
      { status: "pending", sent_at: null },
      { status: "sent", sent_at: "2026-12-02T01:00:00Z" },
      { status: "failed" },
    ];
    expect(pushSummary(sends, true)).toEqual({ lastSent: "2026-12-02T01:00:00Z", pending: 1, failed: 1, more: true });
    expect(pushSummary([], false)).toEqual({ lastSent: null, pending: 0, failed: 0, more: false });
  });

  it("keep only an import's id in the URL", () => {
    expect(importSearch({ impor: "0b7f3c1e-5d7a-4c1e-9a55-2a0f1f0c9b11", x: 1 })).toEqual({ impor: "0b7f3c1e-5d7a-4c1e-9a55-2a0f1f0c9b11" });
    expect(importSearch({ impor: "../admin" })).toEqual({});
  });
});

describe("a bad row's reason", () => {
  it("is worded by its code, in either language, with its parameters", () => {
    const row = { code: "duplicate_number" as const, params: { row: 3 }, detail: "the number is already on row 3" };
    const id = sayIn("id", rowReason(row));
    const en = sayIn("en", rowReason(row));
    expect(id).toBe("Nomor registrasi ini sudah ada di baris 3.");
    expect(en).toBe("This registration number is already on row 3.");
    const status = { code: "unknown_status" as const, params: { status: "Entah" }, detail: "unknown status 'Entah'" };
    expect(sayIn("id", rowReason(status))).toContain("“Entah”");
  });

  it("without a code of its own is the API's English", () => {
    expect(sayIn("id", rowReason({ code: "invalid", params: {}, detail: "Input should be a valid integer" }))).toBe("Input should be a valid integer");
  });
});
