import { afterEach, describe, expect, it, vi } from "vitest";
import { KPI_ID } from "./kpi";

// A fresh copy of the modules per test: what main.tsx finds on a page's first load.
async function fresh() {
  vi.resetModules();
  const { firstLocale } = await import("./locale");
  const messages = await import("./messages");
  return { firstLocale, messages };
}

describe("the first render's language", () => {
  afterEach(() => {
    vi.doUnmock("./en");
    vi.doUnmock("./en/kpi");
    localStorage.clear();
  });

  it("is Indonesian when English, chosen on an earlier visit, cannot be fetched", async () => {
    localStorage.setItem("apik.locale", "en");
    vi.doMock("./en", async () => {
      throw new TypeError("Failed to fetch dynamically imported module");
    });
    let englishAreaFetches = 0;
    vi.doMock("./en/kpi", async (original) => {
      englishAreaFetches += 1;
      return original();
    });
    const { firstLocale, messages } = await fresh();
    expect(await firstLocale()).toBe("id");
    // A screen's words come in the language shown, not also in the one that failed.
    await messages.loadScreenTexts(["kpi"]);
    expect((messages.catalogue("id") as Record<string, string>)["kpi.title"]).toBe(KPI_ID["kpi.title"]);
    expect(englishAreaFetches).toBe(0);
    expect(localStorage.getItem("apik.locale")).toBe("en"); // the choice stands for next time
  });

  it("is English, chosen on an earlier visit, once its catalogue is here", async () => {
    localStorage.setItem("apik.locale", "en");
    const { firstLocale, messages } = await fresh();
    expect(await firstLocale()).toBe("en");
    expect((messages.catalogue("en") as Record<string, string>)["common.retry"]).toBe("Try again");
  });
});
