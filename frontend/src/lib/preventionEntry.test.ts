import { describe, expect, it } from "vitest";
import { answerError, answersFrom, questionsFor, scaleChoices, type SchemeShape } from "./preventionEntry";

const scheme: SchemeShape = {
  scale: { min: 0, max: 3, labels: { "0": "Tidak ada", "3": "Lengkap" } },
  respondents: [
    { type: "official", label: "Pejabat", method: "interview" },
    { type: "observation", label: "Observasi", method: "observation" },
  ],
  dimensions: [
    {
      code: "I",
      name: "Input",
      variables: [
        {
          code: "I.1",
          indicators: [
            { code: "I.1", text: "Kompetensi", respondents: ["official"], scale: { min: 1, max: 5 } },
            { code: "I.2", text: "Sarana", respondents: ["observation"], evidence: "Foto ruang tunggu" },
          ],
        },
      ],
    },
    { code: "P", name: "Proses", variables: [{ code: "P.1", indicators: [{ code: "P.1", text: "Standar", respondents: ["official", "observation"] }] }] },
  ],
};

describe("the questions of a respondent", () => {
  it("keeps the scheme's order, only the respondent's indicators, each with its scale", () => {
    const official = questionsFor(scheme, "official");
    expect(official.map((q) => q.code)).toEqual(["I.1", "P.1"]);
    expect(official[0]?.scale).toEqual({ min: 1, max: 5 });
    expect(official[1]?.scale.max).toBe(3);
    expect(official[1]?.dimension).toBe("Proses");
    expect(questionsFor(scheme, "observation")[0]?.evidence).toBe("Foto ruang tunggu");
    expect(questionsFor(scheme, "public")).toEqual([]);
  });

  it("offers every value of the scale, labelled where the scheme names it", () => {
    expect(scaleChoices(scheme.scale)).toEqual([
      { value: "0", label: "0 — Tidak ada" },
      { value: "1", label: "1" },
      { value: "2", label: "2" },
      { value: "3", label: "3 — Lengkap" },
    ]);
  });
});

describe("the answers sent", () => {
  const questions = questionsFor(scheme, "official");
  it("sends only the questions answered, with their note, and maps problems back", () => {
    const { answers, codes } = answersFrom(questions, { "value.P.1": "2", "note.P.1": " SOP terpasang ", "note.I.1": "x" });
    expect(answers).toEqual([{ indicator: "P.1", value: 2, note: "SOP terpasang" }]);
    expect(codes).toEqual(["P.1"]);
    const fields = { "answers.0.value": "P.1 takes 0 to 3." };
    expect(answerError(fields, codes, "P.1", "value")).toBe("P.1 takes 0 to 3.");
    expect(answerError(fields, codes, "I.1", "value")).toBeUndefined();
    expect(answerError({ "answers.0.note": "too long" }, codes, "P.1", "note")).toBe("too long");
  });

  it("keeps zero as an answer", () => {
    expect(answersFrom(questions, { "value.I.1": "0" }).answers).toEqual([{ indicator: "I.1", value: 0 }]);
  });
});
