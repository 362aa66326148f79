import { describe, expect, it } from "vitest";
import { STAFF_MENU } from "../components/StaffNav";
import { MESSAGES } from "../i18n/bothCatalogues";
import type { MessageId } from "../i18n/messages";
import type { Viewer } from "./capabilities";
import { globalAction, lookupOrder, matchScreens, mayOpen, numberQuery, screenEntries } from "./palette";

// What `/auth/me` answers an intake officer, an examiner and a head (the API's table).
const INTAKE_OFFICER: Viewer = { capabilities: ["intake.reports.read", "intake.reports.file", "intake.reports.work"], member: false };
const EXAMINER: Viewer = { capabilities: ["intake.reports.read", "examination.cases.read"], member: false };
const HEAD: Viewer = {
  capabilities: ["intake.reports.read", "intake.manage", "examination.cases.read", "examination.sla", "prevention.read", "redbutton.read", "kpi.read", "integration.manage"],
  member: false,
};
// A community member files reports too, but their screen is their own.
const MEMBER: Viewer = { capabilities: ["intake.reports.file"], member: true };
const DESK: Viewer = { capabilities: ["desk.work"], member: false };

const id = (m: MessageId) => MESSAGES.id[m];
const en = (m: MessageId) => MESSAGES.en[m];

describe("the palette's screens", () => {
  it("are the staff menu's own, for the capabilities that open them", () => {
    const intake = screenEntries(STAFF_MENU, INTAKE_OFFICER, id).map((e) => e.to);
    expect(intake).toEqual(["/", "/registrasi", "/verifikasi", "/arsip"]);
    const examiner = screenEntries(STAFF_MENU, EXAMINER, id).map((e) => e.to);
    expect(examiner).toEqual(["/", "/verifikasi", "/arsip", "/pemeriksaan"]);
    // A community member (the role held alone) has their own screen only.
    expect(screenEntries(STAFF_MENU, MEMBER, id).map((e) => e.to)).toEqual(["/sahabat"]);
    // The head sees what the menu shows a head, no more.
    const head = screenEntries(STAFF_MENU, HEAD, id).map((e) => e.to);
    expect(head).toEqual(STAFF_MENU.filter((e) => e.shownTo(HEAD)).map((e) => e.to));
    expect(head).not.toContain("/meja-layanan");
    expect(head).not.toContain("/registrasi");
    expect(head).toContain("/admin");
  });

  it("are labelled in the user's language and keep the menu's search flag", () => {
    const [home, , , board] = screenEntries(STAFF_MENU, EXAMINER, en);
    expect(home).toEqual({ to: "/", label: MESSAGES.en["nav.home"], search: false });
    expect(board).toEqual({ to: "/pemeriksaan", label: MESSAGES.en["nav.board"], search: true });
  });

  it("match every word typed, any case and accent", () => {
    const entries = [
      { to: "/registrasi", label: "Registrasi laporan", search: false },
      { to: "/verifikasi", label: "Antrean verifikasi", search: true },
      { to: "/pencegahan", label: "Pencegahan", search: true },
    ];
    expect(matchScreens(entries, "").map((e) => e.to)).toEqual(["/registrasi", "/verifikasi", "/pencegahan"]);
    expect(matchScreens(entries, "  REGIS  ").map((e) => e.to)).toEqual(["/registrasi"]);
    expect(matchScreens(entries, "antrean verif").map((e) => e.to)).toEqual(["/verifikasi"]);
    expect(matchScreens(entries, "pencégahan").map((e) => e.to)).toEqual(["/pencegahan"]);
    expect(matchScreens(entries, "laporan antrean")).toEqual([]);
  });

  it("look numbers up only where the roles open their screen", () => {
    expect(mayOpen(STAFF_MENU, "/verifikasi", INTAKE_OFFICER)).toBe(true);
    expect(mayOpen(STAFF_MENU, "/pemeriksaan", INTAKE_OFFICER)).toBe(false);
    expect(mayOpen(STAFF_MENU, "/pemeriksaan", EXAMINER)).toBe(true);
    expect(mayOpen(STAFF_MENU, "/verifikasi", DESK)).toBe(false);
  });
});

describe("a registration number in the palette", () => {
  it("is a whole number with a digit and a separator", () => {
    expect(numberQuery(" BKL-2026-7K3Q-M9XD-2HFP ")).toBe("BKL-2026-7K3Q-M9XD-2HFP");
    expect(numberQuery("bkl-2026-7k3q")).toBe("bkl-2026-7k3q");
    expect(numberQuery("123/PVL/2019")).toBe("123/PVL/2019");
  });

  it("is not a screen's name, a half typed word or a sentence", () => {
    expect(numberQuery("registrasi")).toBeNull();
    expect(numberQuery("BKL-")).toBeNull();
    expect(numberQuery("2026")).toBeNull();
    expect(numberQuery("BKL 2026 7K3Q")).toBeNull();
    expect(numberQuery("-2026-7K3Q")).toBeNull();
    expect(numberQuery(`BKL-${"9".repeat(61)}`)).toBeNull(); // longer than the API takes
  });
});

describe("a number that is a report and its case", () => {
  it("offers first what the caller works: intake staff the report, an examiner or the head the case", () => {
    expect(lookupOrder(INTAKE_OFFICER)).toEqual(["reports", "cases"]);
    expect(lookupOrder(EXAMINER)).toEqual(["cases", "reports"]);
    expect(lookupOrder({ capabilities: [...EXAMINER.capabilities, "examination.roster"], member: false })).toEqual(["cases", "reports"]);
    expect(lookupOrder(HEAD)).toEqual(["cases", "reports"]);
    // An administrator holds every capability, intake's work among them: the report.
    expect(lookupOrder({ capabilities: [...INTAKE_OFFICER.capabilities, "examination.cases.read"], member: false })).toEqual(["reports", "cases"]);
    // Who reads reports only (no case screen) is offered the report.
    expect(lookupOrder({ capabilities: ["intake.reports.read"], member: false })).toEqual(["reports", "cases"]);
  });
});

describe("the keys on every page", () => {
  it("open the palette with Ctrl+K or ⌘K, even in a field", () => {
    expect(globalAction({ key: "k", ctrlKey: true }, false)).toBe("palette");
    expect(globalAction({ key: "K", metaKey: true }, true)).toBe("palette");
    expect(globalAction({ key: "k", ctrlKey: true, altKey: true }, false)).toBeNull();
  });

  it("take / and ? outside a field only", () => {
    expect(globalAction({ key: "/" }, false)).toBe("palette");
    expect(globalAction({ key: "?" }, false)).toBe("help");
    expect(globalAction({ key: "/" }, true)).toBeNull();
    expect(globalAction({ key: "?" }, true)).toBeNull();
    expect(globalAction({ key: "k" }, false)).toBeNull(); // the board's
    expect(globalAction({ key: "/", ctrlKey: true }, false)).toBeNull();
  });
});
