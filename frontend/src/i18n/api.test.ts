import { describe, expect, it } from "vitest";
import { MESSAGES } from "./bothCatalogues";
import types from "./problemTypes.json";

// problemTypes.json is the API's own list of problem types (tests/deploy checks it
// against every component's catalogue).
describe("the problem types' catalogue", () => {
  it("words every type the API can answer in both languages", () => {
    expect(types.length).toBeGreaterThan(50);
    for (const slug of types) {
      for (const locale of ["id", "en"] as const) {
        const text = (MESSAGES[locale] as Record<string, string>)[`api.problem.${slug}`];
        expect(text, `${locale}: ${slug}`).toBeTruthy();
      }
      expect(MESSAGES.id[`api.problem.${slug}` as keyof typeof MESSAGES.id]).not.toBe(MESSAGES.en[`api.problem.${slug}` as keyof typeof MESSAGES.en]);
    }
  });

  it("holds no type the API no longer answers", () => {
    const catalogued = Object.keys(MESSAGES.id).filter((k) => k.startsWith("api.problem.")).map((k) => k.slice("api.problem.".length));
    expect(catalogued.sort()).toEqual([...types].sort());
  });
});
