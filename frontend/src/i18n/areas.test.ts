import { afterEach, describe, expect, it, vi } from "vitest";

// Each area's messages are spread into one catalogue (screens.ts, publicScreens.ts,
// messages.ts, en/index.ts), where a later area silently wins a message id an earlier
// one also defines: the SLA chip once read an admin column's header that way. So no id
// may be given two different texts across the areas of one language.
const modules = import.meta.glob<Record<string, unknown>>(["./*.ts", "./en/*.ts", "!./*.test.ts"], { eager: true });

function textsById(language: "ID" | "EN"): Map<string, Map<string, string[]>> {
  const found = new Map<string, Map<string, string[]>>();
  for (const [file, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports)) {
      if (!name.endsWith(`_${language}`) && !name.startsWith(`${language}_`)) continue;
      if (typeof value !== "object" || value === null) continue;
      for (const [id, text] of Object.entries(value)) {
        if (typeof text !== "string") continue;
        const texts = found.get(id) ?? new Map<string, string[]>();
        texts.set(text, [...(texts.get(text) ?? []), `${file}:${name}`]);
        found.set(id, texts);
      }
    }
  }
  return found;
}

describe("the areas' messages", () => {
  for (const language of ["ID", "EN"] as const) {
    it(`give each id one text (${language})`, () => {
      const clashes = [...textsById(language)].filter(([, texts]) => texts.size > 1).map(([id, texts]) => `${id}: ${JSON.stringify(Object.fromEntries(texts))}`);
      expect(clashes).toEqual([]);
    });
  }

  it("are all found by this check", () => {
    const ids = textsById("ID");
    expect(ids.get("sla.warning")?.size).toBe(1);
    expect(ids.size).toBeGreaterThan(1000);
  });
});

describe("an area's file", () => {
  afterEach(() => {
    vi.doUnmock("./kpi");
    vi.resetModules();
  });

  it("is fetched again after a fetch that failed", async () => {
    vi.resetModules(); // a fresh areas module: nothing fetched yet
    let fetches = 0;
    vi.doMock("./kpi", () => {
      fetches += 1;
      if (fetches === 1) throw new TypeError("Failed to fetch dynamically imported module");
      return { KPI_ID: { "kpi.title": "Kinerja" } };
    });
    const { textsOf } = await import("./areas");
    await expect(textsOf("kpi", "id")).rejects.toThrow();
    expect(await textsOf("kpi", "id")).toEqual({ "kpi.title": "Kinerja" });
    expect(await textsOf("kpi", "id")).toEqual({ "kpi.title": "Kinerja" });
    expect(fetches).toBe(2);
  });
});
