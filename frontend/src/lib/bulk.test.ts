import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../i18n/messages";
import { allPages, plan, rangeSelected, runAll, runOne, secondsLeft, selectKey, tally, toggled, toggledAll, withRefusals, type Answer, type Sender, offersBulk } from "./bulk";
import { csvPath } from "./csv";
import { MESSAGES } from "../i18n/bothCatalogues";
import { said, sayIn } from "../i18n/said";

// English is a chunk of its own in the app (messages.ts), fetched when chosen: these
// tests word things in both languages.
beforeAll(() => loadCatalogue("en"));

describe("offering bulk work", () => {
  it("offers it when some row allows an action, whatever the caller's roles", () => {
    expect(offersBulk([])).toBe(false);
    expect(offersBulk([{ allowed_actions: [] }, {}])).toBe(false);
    expect(offersBulk([{ allowed_actions: [] }, { allowed_actions: ["assign"] }])).toBe(true);
  });
  it("keeps the bar while its work is on screen, though no row allows anything now", () => {
    const none = [{ allowed_actions: [] }];
    expect(offersBulk(none, { chosen: 0, stage: "idle" })).toBe(false);
    expect(offersBulk(none, { chosen: 2, stage: "idle" })).toBe(true);
    expect(offersBulk(none, { chosen: 0, stage: "done" })).toBe(true);
  });
});

describe("the selection", () => {
  it("toggles one, and all shown (none when all were)", () => {
    expect([...toggled(new Set(["a"]), "b")]).toEqual(["a", "b"]);
    expect([...toggled(new Set(["a", "b"]), "a")]).toEqual(["b"]);
    expect([...toggledAll(new Set(["a"]), ["a", "b"])].sort()).toEqual(["a", "b"]);
    expect([...toggledAll(new Set(["a", "b", "z"]), ["a", "b"])]).toEqual(["z"]);
  });
  it("extends a shift-range from the anchor, taking the anchor's state, either way", () => {
    const shown = ["a", "b", "c", "d", "e"];
    expect([...rangeSelected(new Set(["b"]), shown, 1, 3)].sort()).toEqual(["b", "c", "d"]);
    expect([...rangeSelected(new Set(["d"]), shown, 3, 0)].sort()).toEqual(["a", "b", "c", "d"]);
    // The anchor cleared: the range is cleared too, other choices kept.
    expect([...rangeSelected(new Set(["b", "c", "z"]), shown, 0, 2)].sort()).toEqual(["z"]);
    // No anchor yet: the row itself toggles.
    expect([...rangeSelected(new Set(), shown, -1, 2)]).toEqual(["c"]);
    expect([...rangeSelected(new Set(["a"]), shown, 0, 9)]).toEqual(["a"]);
  });
  it("reads x, Shift+X and * as selection keys, never with a modifier", () => {
    expect(selectKey({ key: "x" })).toBe("toggle");
    expect(selectKey({ key: "X" })).toBe("range");
    expect(selectKey({ key: "*" })).toBe("all");
    expect(selectKey({ key: "x", ctrlKey: true })).toBeNull();
    expect(selectKey({ key: "j" })).toBeNull();
  });
  it("selects every filtered row over all pages, and stops at the cap", async () => {
    const pages: Record<string, { items: number[]; next_cursor: string | null }> = {
      start: { items: [1, 2], next_cursor: "p2" },
      p2: { items: [3, 4], next_cursor: "p3" },
      p3: { items: [5], next_cursor: null },
    };
    const asked: (string | undefined)[] = [];
    const page = async (cursor: string | undefined) => {
      asked.push(cursor);
      return pages[cursor ?? "start"]!;
    };
    expect(await allPages(page)).toEqual({ rows: [1, 2, 3, 4, 5], complete: true });
    expect(asked).toEqual([undefined, "p2", "p3"]);
    expect(await allPages(page, 3)).toEqual({ rows: [1, 2, 3], complete: false });
  });
});

describe("the preview", () => {
  it("lists each row's change or its refusal, and applies only the changes", () => {
    const rows = [
      { id: "a", allowed: ["assign"], examiner: null },
      { id: "b", allowed: [], examiner: null },
      { id: "c", allowed: ["assign"], examiner: "sari" },
    ];
    const p = plan(rows, (r) =>
      !r.allowed.includes("assign") ? { refused: { text: "closed" } } : r.examiner === "sari" ? { refused: { text: "already Sari's" } } : { change: { text: "→ Sari" } },
    );
    expect(p.apply.map((r) => r.id)).toEqual(["a"]);
    expect(p.refused).toBe(2);
    expect(p.lines.map((l) => l.change ?? l.refused)).toEqual([{ text: "→ Sari" }, { text: "closed" }, { text: "already Sari's" }]);
  });
  it("counts the undo window down in whole seconds, never below zero", () => {
    expect(secondsLeft(1000, 1000)).toBe(10);
    expect(secondsLeft(1000, 1001)).toBe(10);
    expect(secondsLeft(1000, 10_500)).toBe(1);
    expect(secondsLeft(1000, 11_000)).toBe(0);
    expect(secondsLeft(1000, 99_000)).toBe(0);
  });
});

// A sender answering from a script, one answer (or a throw, for a lost answer) per call.
function scripted(script: (Answer | "lost")[], reached = false): Sender<string> & { calls: number } {
  const sender = {
    calls: 0,
    send: async () => {
      const next = script[sender.calls] ?? { status: 500 };
      sender.calls += 1;
      if (next === "lost") throw new Error("network");
      return next;
    },
    reached: async () => reached,
  };
  return sender;
}

describe("each row's result", () => {
  it("reports applied, refused with the API's words, and changed by someone else", async () => {
    expect(await runOne("a", scripted([{ status: 200 }]))).toEqual({ row: "a", outcome: "applied" });
    expect(await runOne("a", scripted([{ status: 409, reason: { text: "Sudah ditutup" } }]))).toEqual({ row: "a", outcome: "refused", reason: { text: "Sudah ditutup" } });
    expect(await runOne("a", scripted([{ status: 412 }], true))).toEqual({ row: "a", outcome: "changed" });
  });
  it("retries a lost answer once with the same version, and never counts it twice", async () => {
    const ours = scripted(["lost", { status: 412 }], true);
    expect(await runOne("a", ours)).toEqual({ row: "a", outcome: "applied" });
    expect(ours.calls).toBe(2);
    const theirs = scripted(["lost", { status: 412 }], false);
    expect((await runOne("a", theirs)).outcome).toBe("changed");
    const gone = scripted(["lost", "lost"]);
    expect((await runOne("a", gone)).outcome).toBe("failed");
    expect(gone.calls).toBe(2);
    // Moved out of sight after a lost answer: not known, not claimed.
    expect((await runOne("a", scripted(["lost", { status: 404 }]))).outcome).toBe("failed");
  });
  it("runs every row, a few at a time, results in the rows' order", async () => {
    let running = 0;
    let most = 0;
    const sender: Sender<number> = {
      send: async (n) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5 * (5 - n)));
        running -= 1;
        return { status: n === 2 ? 409 : 200 };
      },
      reached: async () => false,
    };
    const results = await runAll([0, 1, 2, 3, 4], sender, 2);
    expect(results.map((r) => r.row)).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.outcome)).toEqual(["applied", "applied", "refused", "applied", "applied"]);
    expect(most).toBe(2);
    expect(tally(results)).toEqual({ applied: 4, refused: 1, changed: 0, failed: 0 });
  });
});

describe("the result table", () => {
  it("keeps every previewed row in order: the sent ones' results, the refused with their reason", () => {
    const planned = plan(["a", "b", "c"], (r) => (r === "b" ? { refused: { text: "closed" } } : { change: { text: "x" } }));
    const results = withRefusals(planned, [
      { row: "c", outcome: "changed" },
      { row: "a", outcome: "applied" },
    ]);
    expect(results).toEqual([
      { row: "a", outcome: "applied" },
      { row: "b", outcome: "refused", reason: { text: "closed" } },
      { row: "c", outcome: "changed" },
    ]);
    // A row sent without a result is never shown as done.
    expect(withRefusals(planned, [])[0]).toEqual({ row: "a", outcome: "failed" });
  });
});

describe("the CSV of what is filtered", () => {
  it("asks for the list's own filters as CSV, without the page's cursor and size", () => {
    expect(csvPath("/api/v1/examination/cases", { status: "open", examiner_id: "user:sari", cursor: "abc", limit: 50, sla_state: undefined })).toBe(
      "/api/v1/examination/cases?status=open&examiner_id=user%3Asari&format=csv&lang=id",
    );
    expect(csvPath("/api/v1/intake/reports", { overdue: true })).toBe("/api/v1/intake/reports?overdue=true&format=csv&lang=id");
  });
  it("asks for the headers in the screen's language, whatever the page's address says", () => {
    expect(csvPath("/api/v1/intake/archive/loans", { state: "open", lang: "id" }, "en")).toBe("/api/v1/intake/archive/loans?state=open&format=csv&lang=en");
  });
});

describe("a preview kept to be shown", () => {
  it("is worded again, its status label too, after a switch of language", () => {
    const kept = said("bulk.notAllowed", { status: { text: MESSAGES.id["caseStatus.monitoring"] } });
    expect(sayIn("en", kept)).toContain(MESSAGES.en["caseStatus.monitoring"]);
    expect(sayIn("id", kept)).toContain(MESSAGES.id["caseStatus.monitoring"]);
    expect(sayIn("en", kept)).not.toBe(sayIn("id", kept));
  });
});

