import { describe, expect, it } from "vitest";
import { acceptOf, draftAnswers, fileProblems, sizeInWords, splitMultipartProblem, typeNames } from "./publicForm";

describe("the public form's limits in words", () => {
  it("says sizes in whole units, in the reader's language", () => {
    expect(sizeInWords(10 * 1024 * 1024, "en-GB")).toBe("10 megabytes");
    expect(sizeInWords(1536 * 1024, "en-GB")).toBe("1.5 megabytes");
    expect(sizeInWords(300 * 1024, "en-GB")).toBe("300 kilobytes");
    expect(sizeInWords(10 * 1024 * 1024 + 1, "en-GB")).toBe("10.1 megabytes");
    expect(sizeInWords(10 * 1024 * 1024, "id-ID")).toMatch(/^10 megabyte/);
  });

  it("names the types a citizen knows, and unknown ones as sent", () => {
    expect(typeNames(["application/pdf", "image/jpeg", "text/x-new"])).toBe("PDF, JPEG, text/x-new");
    expect(acceptOf(["image/jpeg"])).toBe("image/jpeg,.jpg,.jpeg");
  });
});

describe("files checked before sending", () => {
  const limits = { max_files: 2, max_file_bytes: 100 };
  it("finds too many, too large and empty files", () => {
    const files = [
      { name: "a.pdf", size: 50 },
      { name: "b.pdf", size: 101 },
      { name: "c.pdf", size: 0 },
    ];
    expect(fileProblems(files, limits)).toEqual([
      { kind: "tooMany", max: 2 },
      { kind: "tooLarge", name: "b.pdf" },
      { kind: "empty", name: "c.pdf" },
    ]);
    expect(fileProblems([{ name: "a.pdf", size: 100 }], limits)).toEqual([]);
  });
});

describe("a multipart problem at its fields", () => {
  it("puts the report's fields back under the body and names refused files", () => {
    const split = splitMultipartProblem(
      {
        status: 415,
        errors: [
          { pointer: "#/report/location/regency", detail: "1799 is not a regency or city code" },
          { pointer: "#/files/1", detail: "not an accepted type" },
          { pointer: "#/files", detail: "At most 5 files" },
        ],
      },
      ["ktp.pdf", "virus.exe"],
    );
    expect(split.report.errors).toEqual([{ pointer: "#/body/location/regency", detail: "1799 is not a regency or city code" }]);
    expect(split.files).toEqual([
      { name: "virus.exe", detail: "not an accepted type" },
      { name: null, detail: "At most 5 files" },
    ]);
  });
});

describe("a draft's answers", () => {
  it("keeps the filled-in fields by their dotted names only", () => {
    expect(draftAnswers({ "reporter.name": "Siti", summary: " ", "location.regency": "1771", "Bad Key": "x" })).toEqual({
      "reporter.name": "Siti",
      "location.regency": "1771",
    });
  });
});
