import { describe, expect, it } from "vitest";
import { definitionOf, draftOf, EMPTY_FORMAT, parseFormatFile } from "./format";

describe("an institution format in the form", () => {
  it("turns lines into items and grades, and back", () => {
    const draft = { ...EMPTY_FORMAT, institution: " Universitas Bengkulu ", title: "Surat Keterangan", items: "name = Nama\n\n grade = Predikat ", grades: "80 = A\n70=B" };
    const definition = definitionOf(draft);
    expect(definition.institution).toBe("Universitas Bengkulu");
    expect(definition.items).toEqual([
      { item: "name", label: "Nama" },
      { item: "grade", label: "Predikat" },
    ]);
    expect(definition.grades).toEqual([
      { minimum: 80, grade: "A" },
      { minimum: 70, grade: "B" },
    ]);
    expect(definition.opening).toBeNull();
    expect(draftOf(definition).items).toBe("name = Nama\ngrade = Predikat");
  });

  it("reads a format file, bare or as the API returns it", () => {
    const bare = { institution: "U", title: "T", items: [{ item: "name", label: "Nama" }] };
    expect(parseFormatFile(JSON.stringify(bare))?.institution).toBe("U");
    expect(parseFormatFile(JSON.stringify({ key: "u", definition: bare }))?.title).toBe("T");
    expect(parseFormatFile("{not json")).toBeNull();
    expect(parseFormatFile(JSON.stringify({ title: "T" }))).toBeNull();
  });
});
