import { describe, expect, it } from "vitest";
import { MESSAGES } from "../../i18n/bothCatalogues";
import { choices, questionErrors, questionText, tokenOf } from "./answers";

const ELEMENTS = ["requirements", "procedure", "completion_time", "cost", "product", "competence", "behaviour", "facilities", "complaint_handling"];

describe("the survey's wording", () => {
  it("words every element's four answers in both languages", () => {
    for (const messages of Object.values(MESSAGES) as Record<string, string>[]) {
      for (const element of ELEMENTS) {
        const labels = choices(messages, element, [1, 4]).map((c) => c.label);
        expect(labels).toHaveLength(4);
        expect(labels.some((l) => /^\d$/.test(l)), `${element}: ${labels.join(", ")}`).toBe(false);
        expect(questionText(messages, { element, label: "x" })).not.toBe("x");
      }
    }
    expect(choices(MESSAGES.id, "cost", [1, 4]).map((c) => c.label)).toEqual(["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]);
  });

  it("asks an element it does not know with the API's label and bare numbers", () => {
    expect(questionText(MESSAGES.id, { element: "waiting_room", label: "Ruang tunggu" })).toBe("Ruang tunggu");
    expect(choices(MESSAGES.en, "waiting_room", [1, 5]).map((c) => c.label)).toEqual(["1", "2", "3", "4", "5"]);
  });
});

describe("the API's refusal", () => {
  it("lands at each question it names, in the page's words", () => {
    const problem = {
      status: 422,
      errors: [
        { pointer: "#/body/answers/cost", detail: "This element needs an answer." },
        { pointer: "#/body/answers/behaviour", detail: "Answers go from 1 to 4." },
        { pointer: "#/body/comment", detail: "Too long." },
      ],
    };
    expect(questionErrors(problem, "Pilih satu jawaban.")).toEqual({
      byElement: { cost: "Pilih satu jawaban.", behaviour: "Pilih satu jawaban." },
      other: ["Too long."],
    });
    expect(questionErrors("no problem", "x")).toEqual({ byElement: {}, other: [] });
  });

  it("reads the token from the link", () => {
    expect(tokenOf("/survei/abcDEF_123-xyz0000")).toBe("abcDEF_123-xyz0000");
  });
});
