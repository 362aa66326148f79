import { describe, expect, it } from "vitest";
import { clearDrafts, DRAFT_MAX_AGE_MS, draftKey, isChanged, readDraft, removeDraft, writeDraft, type DraftStorage } from "./drafts";

// A Web Storage in memory (sessionStorage's behaviour, for the pure functions).
function memory(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const NOW = Date.parse("2026-12-06T03:00:00Z");

describe("drafts", () => {
  it("are kept per user, form and record", () => {
    expect(draftKey("user:1", "register")).toBe("apik.draft.user%3A1/register/-");
    expect(draftKey("user:1", "case-lhp", "c1")).not.toBe(draftKey("user:1", "case-lhp", "c2"));
    expect(draftKey("user:1", "register")).not.toBe(draftKey("user:2", "register"));
    // A user name holding the separator cannot reach another's key.
    expect(draftKey("a/b", "c")).not.toBe(draftKey("a", "b/c"));
  });

  it("come back as written, and go when removed", () => {
    const s = memory();
    const key = draftKey("user:1", "register");
    writeDraft(s, key, { values: { "reporter.name": "Siti" }, confidential: true }, NOW);
    expect(readDraft(s, key, NOW + 1000)).toEqual({ values: { "reporter.name": "Siti" }, confidential: true });
    expect(readDraft(s, draftKey("user:2", "register"), NOW)).toBeNull();
    removeDraft(s, key);
    expect(readDraft(s, key, NOW)).toBeNull();
  });

  it("lapse after a working day, and an unreadable one is dropped", () => {
    const s = memory();
    const key = draftKey("user:1", "register");
    writeDraft(s, key, { a: "b" }, NOW);
    expect(readDraft(s, key, NOW + DRAFT_MAX_AGE_MS)).toEqual({ a: "b" });
    expect(readDraft(s, key, NOW + DRAFT_MAX_AGE_MS + 1)).toBeNull();
    expect(s.map.size).toBe(0);
    s.setItem(key, "{not json");
    expect(readDraft(s, key, NOW)).toBeNull();
    expect(s.map.size).toBe(0);
  });

  it("all go at the end of the session, and nothing else of the storage", () => {
    const s = memory();
    s.setItem("apik.session", "tokens");
    writeDraft(s, draftKey("user:1", "register"), { a: "1" }, NOW);
    writeDraft(s, draftKey("user:2", "case-lhp", "c"), { a: "2" }, NOW);
    clearDrafts(s);
    expect([...s.map.keys()]).toEqual(["apik.session"]);
  });

  it("are kept only when something changed", () => {
    expect(isChanged({ values: { kind: "LM" } }, { values: { kind: "LM" } })).toBe(false);
    expect(isChanged({ values: { kind: "LM", summary: "x" } }, { values: { kind: "LM" } })).toBe(true);
  });

  it("never break the form when the storage refuses", () => {
    const full: DraftStorage = {
      length: 0,
      key: () => null,
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => undefined,
    };
    expect(() => writeDraft(full, "k", { a: 1 })).not.toThrow();
    expect(readDraft(full, "k")).toBeNull();
  });
});
