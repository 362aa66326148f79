import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../i18n/messages";
import codes from "../../i18n/kpiIndicators.json";
import { MESSAGES } from "../../i18n/bothCatalogues";
import { cellText, definitionIn } from "./cells";

// English is a chunk of its own in the app (messages.ts), fetched when chosen: these
// tests word things in both languages.
beforeAll(() => loadCatalogue("en"));

const ctx = { labels: MESSAGES.id, locale: "id-ID", substances: { ADMINDUK: "Administrasi Kependudukan" } };

describe("a reporting table's cells", () => {
  it("show months by name, as the API writes them", () => {
    expect(cellText("month", "2026-08", ctx)).toBe("Agustus");
    expect(cellText("month", 12, ctx)).toBe("Desember");
    expect(cellText("month", "2026-13", ctx)).toBe("2026-13");
  });

  it("show codes by their labels, and a code without one as it is", () => {
    expect(cellText("substance", "ADMINDUK", ctx)).toBe("Administrasi Kependudukan");
    expect(cellText("substance", "BARU", ctx)).toBe("BARU");
    expect(cellText("channel", "walk_in", ctx)).toBe(MESSAGES.id["channel.walk_in"]);
    expect(cellText("agency_type", "unspecified", ctx)).toBe("tidak disebut");
  });

  it("write numbers in the user's language, rupiah columns as rupiah", () => {
    expect(cellText("count", 1234, ctx)).toBe("1.234");
    expect(cellText("prevented_idr", 1_500_000, ctx).replace(/\s/g, " ")).toBe("Rp 1.500.000");
    expect(cellText("desk_avg_rating", 4.256, ctx)).toBe("4,26");
    expect(cellText("count", null, ctx)).toBe("—");
  });
});

describe("a definition", () => {
  const item = { definition: "Public reports registered", definition_en: "Public reports registered", definition_id: "Laporan Masyarakat yang diregistrasi" };

  it("is shown in the chosen language, marked as such", () => {
    expect(definitionIn("id", item)).toEqual({ text: "Laporan Masyarakat yang diregistrasi", lang: "id" });
    expect(definitionIn("id-ID", item)).toEqual({ text: "Laporan Masyarakat yang diregistrasi", lang: "id" });
    expect(definitionIn("en", item)).toEqual({ text: "Public reports registered", lang: "en" });
  });

  it("falls back to the English of an older answer", () => {
    expect(definitionIn("id", { definition: "Public reports registered" })).toEqual({ text: "Public reports registered", lang: "en" });
  });

  it("of an indicator is the catalogue's, by its code, whatever the answer holds", () => {
    const answer = { indicator: "desk_visits", definition: "old English", definition_en: "old English", definition_id: "lama" };
    expect(definitionIn("id", answer)).toEqual({ text: MESSAGES.id["kpi.def.desk_visits"], lang: "id" });
    expect(definitionIn("en", answer)).toEqual({ text: MESSAGES.en["kpi.def.desk_visits"], lang: "en" });
    // An indicator newer than the app: the API's own words.
    expect(definitionIn("id", { ...answer, indicator: "brand_new" })).toEqual({ text: "lama", lang: "id" });
  });
});

// kpiIndicators.json is reporting's own list of indicator codes (tests/deploy checks it
// against `apik_reporting.kpis.rules.INDICATORS`).
describe("every indicator the API can return", () => {
  it("has its label and definition in both languages", () => {
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) {
      for (const key of [`indicator.${code}`, `kpi.def.${code}`]) {
        const id = (MESSAGES.id as Record<string, string>)[key];
        const en = (MESSAGES.en as Record<string, string>)[key];
        expect(id, `id: ${key}`).toBeTruthy();
        expect(en, `en: ${key}`).toBeTruthy();
        expect(id, key).not.toBe(en);
      }
    }
  });
});
