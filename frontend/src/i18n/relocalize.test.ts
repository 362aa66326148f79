import { beforeAll, describe, expect, it } from "vitest";
import { MESSAGES } from "./bothCatalogues";
import { loadCatalogue, loadedCatalogues } from "./messages";
import { relocalize } from "./relocalize";

describe("a message kept as text", () => {
  it("is looked up in the catalogues loaded: English only once chosen", async () => {
    expect(loadedCatalogues()).toEqual([MESSAGES.id]);
    await loadCatalogue("en");
    expect(loadedCatalogues()).toEqual([MESSAGES.id, MESSAGES.en]);
  });

  describe("once English is loaded", () => {
    beforeAll(async () => {
      await loadCatalogue("en");
    });

    it("is worded again in the language switched to", () => {
      expect(relocalize(MESSAGES.id["nik.serial"], "en")).toBe(MESSAGES.en["nik.serial"]);
      expect(relocalize(MESSAGES.en["track.notFound"], "id")).toBe(MESSAGES.id["track.notFound"]);
      expect(relocalize(MESSAGES.id["field.required"], "id")).toBe(MESSAGES.id["field.required"]);
    });

    it("gives the API's own Indonesian words in English", () => {
      expect(relocalize("Tanggal lahir tidak sesuai dengan yang tertera pada NIK.", "en")).toBe(MESSAGES.en["api.birthDateMismatch"]);
    });

    it("stays as it is when it is no message of the app", () => {
      expect(relocalize("Value error, the NIK has 16 digits", "id")).toBe("Value error, the NIK has 16 digits");
    });
  });
});
