import { createIntl } from "react-intl";
import { describe, expect, it, vi } from "vitest";
import { DESK_ID } from "./desk";
import { KPI_ID } from "./kpi";
import { MORI_ID } from "./mori";
import { MORI_STAFF_ID } from "./moriStaff";
import { MESSAGES } from "./bothCatalogues";
import { codeLabel } from "./messages";
import { ALL_STAFF_AREAS } from "./areas";

// The placeholders the prevention and intern screens' messages use besides the common ones.
const AREA_VALUES = { weight: 30, points: 25.5, followed: 1, issued: 2, pending: 1, rate: "50%", due: 2, open: 1, high: 1, medium: 1, low: 0, none: 0, active: 3, regencies: 2, code: "x", time: "08.00", pre: 40, post: 80, username: "u", key: "k", version: 1, codes: "c", detail: "d", created: 1, updated: 0, platform: "x", day: "d", zone: "WITA" };
// The bulk bar's placeholders.
const BULK_VALUES = { comment: "c", apply: 2, refused: 1, applied: 2, changed: 0, failed: 0, title: "t", label: "l", status: "s" };
// The internship staff screens' placeholders.
const MORI_STAFF_VALUES = { unit: "u", start: "s", end: "e", free: 1, places: 2, rank: 1, from: "a", to: "b", reason: "r", criteria: "c", min: 70, today: "t", text: "x", working: 20, present: 18, attendance: 90, logbook: 18, logbookPercent: 90, phase: 1 };
// The public form's placeholders (publicForm.ts).
const PUBLIC_FORM_VALUES = { size: "10 MB", types: "PDF", max: 5, names: "a.pdf" };
// The import's row reasons (int.imp.reason.*).
const IMPORT_VALUES = { allowed: "LM, RCO", row: 3 };
// A problem's reasons and fields' errors (i18n/problems.ts): the API's params.
const PROBLEM_VALUES = { ends_on: "2026-12-31", actions: "1, 3", assignee: "a", at: "t", closed_on: "2026-12-31", event_date: "2020-01-01", finding: "f", holder: "h", indicators: "i", kind: "k", link_type: "duplicate", media_type: "image/png", needed: "n", outcome: "o", portal: "p", reason: "r", received_on: "2026-01-01", roles: "r", stage: "s", target: "t", track: "t", years: 2, min_length: 3, max_length: 1, max_digits: 4, decimal_places: 2, gt: 0, ge: 1, lt: 10, le: 9, multiple_of: 5, previous: "2026-01-05T09:00:00+07:00", field: "paused_at", earliest: "2000-01-01", latest: "2100-12-31", start: "2026-01-01", macros: "a VBA project", both: "PDF and HTML", max_days: 1098, province: "99", regency: "1799", max_bytes: 1000, max_pixels: 4000000, substance: "PENDIDIKAN" };
// The fields' errors of internship, prevention and integration (`api.field.*`): their params.
const OWN_FIELD_VALUES = { mode: "confidential", units: "a, b", max_days: 366, max_months: 24, max_bytes: 1024, max_rows: 5000, column: "c", records_began: "2026-01-01", event_types: "e", indicator: "i", respondent: "r", respondents: "r", scheme: "s", year_from: "2019", year_to: "open", field: "opening", placeholder: "{x}", working_days: 61, approved: 30, min_score: 70, opened_on: "2026-01-05", item: "chronology", missing: "none", months: "2026-05 (3/3)", known: "{status}", expected: "multipart/form-data", limit: 2, period_end: "2026-06-30" };

describe("the catalogues", () => {
  it("have the same messages in both languages", () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.id).sort());
  });

  // Every message of both catalogues formatted: seconds on a busy shared machine.
  it("parse as ICU in both languages", () => {
    for (const [locale, messages] of Object.entries(MESSAGES)) {
      const intl = createIntl({ locale, messages, onError: (e) => { throw e; } });
      for (const id of Object.keys(messages)) {
        expect(() => intl.formatMessage({ id }, { count: 2, days: 2, step: 1, total: 3, number: "x", name: "n", office: "o", date: "d", year: 2026, score: 4, hours: 0, minutes: 1, seconds: 5, other: "y", percent: 80, link: "l", capacity: 2, ...AREA_VALUES, ...MORI_STAFF_VALUES, ...BULK_VALUES, ...PUBLIC_FORM_VALUES, ...IMPORT_VALUES, ...PROBLEM_VALUES, ...OWN_FIELD_VALUES })).not.toThrow();
      }
    }
  }, 20_000);

  it("show an API code this version has no label for as the code", () => {
    expect(codeLabel(MESSAGES.id, "status", "accepted")).toBe("Diterima untuk diperiksa");
    expect(codeLabel(MESSAGES.id, "status", "suspended_by_court")).toBe("suspended_by_court");
    expect(codeLabel(MESSAGES.id, "caseStatus", "monitoring")).toBe("Resolusi dan monitoring");
    expect(codeLabel(MESSAGES.en, "event", "reporter_responded")).toBe("Reporter's response received");
    expect(codeLabel(MESSAGES.id, "event", "reopened")).toBe("reopened");
  });

  it("keep each area's messages under keys of their own", () => {
    // The core catalogue is merged last: a key it shares with an area's would win here.
    for (const area of [DESK_ID, KPI_ID, MORI_ID, MORI_STAFF_ID] as Record<string, string>[]) {
      for (const [key, text] of Object.entries(area)) expect(MESSAGES.id[key as keyof typeof MESSAGES.id]).toBe(text);
    }
    expect(Object.keys(DESK_ID).filter((k) => k in KPI_ID)).toEqual([]);
    expect(Object.keys(MORI_ID).filter((k) => !/^(rb|mori)\./.test(k))).toEqual([]);
    expect(Object.keys(MORI_STAFF_ID).filter((k) => !k.startsWith("mg."))).toEqual([]);
    expect(codeLabel(MESSAGES.id, "visitStatus", "in_service")).toBe("Sedang dilayani");
    expect(codeLabel(MESSAGES.en, "indicator", "desk_visits")).toBe("Service desk visits");
  });
});

describe("the words of the screens", () => {
  it("arrive after the entry's, a staff area's alone, and the catalogue's readers hear of it", async () => {
    vi.resetModules(); // a fresh module: the setup loaded every area in the shared one
    const fresh = await import("./messages");
    const before = fresh.catalogue("id") as Record<string, string>;
    expect(before["auth.title"]).toBe(MESSAGES.id["auth.title"]);
    expect(before["nav.admin"]).toBe(MESSAGES.id["nav.admin"]); // the staff menu's names
    expect(before["admin.title"]).toBeUndefined();
    let heard = 0;
    const stop = fresh.subscribeCatalogues(() => (heard += 1));
    await fresh.loadScreenTexts(); // a public page's: its areas, no staff area's
    const publicPart = fresh.catalogue("id") as Record<string, string>;
    expect(publicPart["mori.apply.start"]).toBe(MESSAGES.id["mori.apply.start"]);
    expect(publicPart["queue.mine"]).toBeUndefined();
    await fresh.loadScreenTexts(["kpi"]); // a KPI screen's: the shared staff part and the KPI's
    const kpi = fresh.catalogue("id") as Record<string, string>;
    expect(kpi["kpi.title"]).toBe(MESSAGES.id["kpi.title"]);
    expect(kpi["queue.mine"]).toBe(MESSAGES.id["queue.mine"]);
    expect(kpi["admin.title"]).toBeUndefined();
    expect(kpi["mg.title"]).toBeUndefined();
    await fresh.loadScreenTexts(["kpi"]); // here already: nothing to hear
    expect(heard).toBe(2);
    await fresh.loadScreenTexts(ALL_STAFF_AREAS);
    stop();
    expect(heard).toBe(3);
    expect(fresh.catalogue("id")).toEqual(MESSAGES.id);
    expect(await fresh.loadCatalogue("id")).toEqual(MESSAGES.id);
  });

  it("come in the language in use, and in the other one once it is chosen", async () => {
    vi.resetModules();
    const fresh = await import("./messages");
    await fresh.loadCatalogue("en"); // English chosen on an earlier visit (main.tsx)
    await fresh.loadScreenTexts(["admin"]);
    const english = fresh.catalogue("en") as Record<string, string>;
    expect(english["admin.title"]).toBe(MESSAGES.en["admin.title"]);
    expect(english["kpi.title"]).toBeUndefined();
    // No Indonesian fetched for a screen shown in English: only the entry's is at hand.
    expect((fresh.catalogue("id") as Record<string, string>)["admin.title"]).toBeUndefined();
    const indonesian = (await fresh.loadCatalogue("id")) as Record<string, string>;
    expect(indonesian["admin.title"]).toBe(MESSAGES.id["admin.title"]);
    expect(indonesian["mori.apply.start"]).toBe(MESSAGES.id["mori.apply.start"]); // the public part too
    expect(indonesian["kpi.title"]).toBeUndefined();
  });

  it("are fetched again by the next screen after a dropped connection", async () => {
    vi.resetModules();
    let fetches = 0;
    vi.doMock("./kpi", async (original) => {
      fetches += 1;
      if (fetches === 1) throw new TypeError("Failed to fetch dynamically imported module");
      return original();
    });
    try {
      const fresh = await import("./messages");
      let heard = 0;
      const stop = fresh.subscribeCatalogues(() => (heard += 1));
      await expect(fresh.loadScreenTexts(["kpi"])).rejects.toThrow();
      await fresh.loadScreenTexts(["kpi"]); // the router's retry (components/LoadFailed)
      stop();
      expect((fresh.catalogue("id") as Record<string, string>)["kpi.title"]).toBe(MESSAGES.id["kpi.title"]);
      expect(heard).toBeGreaterThan(0);
      expect(fetches).toBe(2);
    } finally {
      vi.doUnmock("./kpi");
    }
  });

  it("are all there when either of two screens asking at once renders", async () => {
    vi.resetModules();
    const fresh = await import("./messages");
    const first = fresh.loadScreenTexts(["examination"]);
    await fresh.loadScreenTexts(["intake"]); // shares files the first one is still fetching
    const now = fresh.catalogue("id") as Record<string, string>;
    for (const id of ["queue.title", "sla.warning", "bulk.undo", "api.reason.conflict.already_assigned"]) expect(now[id], id).toBe(MESSAGES.id[id as keyof typeof MESSAGES.id]);
    await first;
  });
});
