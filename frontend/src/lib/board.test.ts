import { describe, expect, it } from "vitest";
import { boardAction, boardSearch, caseQuery, lastDayBefore, moveSelection, typesText, withFilter } from "./board";
import { formatDate } from "./dates";

describe("the board's URL", () => {
  it("keeps the filters the API takes and drops the rest", () => {
    const examiner = "0B4E7A9C-1D2E-4F60-8A9B-0C1D2E3F4A5B";
    expect(
      boardSearch({ status: "open", sla: "warning", klasifikasi: "berat", pemeriksa: examiner, kursor: "abc" }),
    ).toEqual({ status: "open", sla: "warning", klasifikasi: "berat", pemeriksa: examiner.toLowerCase(), kursor: "abc" });
    // A status the API does not have, an SLA state misspelt, an id that is no uuid.
    expect(boardSearch({ status: "archived", sla: "late", pemeriksa: "42", kursor: "" })).toEqual({});
  });

  it("asks the API with its own parameter names", () => {
    expect(caseQuery({ sla: "breached", klasifikasi: "sedang" }, 25)).toEqual({
      status: undefined,
      sla_state: "breached",
      classification: "sedang",
      examiner_id: undefined,
      cursor: undefined,
      limit: 25,
    });
  });

  it("starts again at the first page when a filter changes", () => {
    expect(withFilter({ status: "open", kursor: "p2" }, "sla", "warning")).toEqual({ status: "open", sla: "warning" });
    expect(withFilter({ status: "open", sla: "paused", kursor: "p2" }, "sla", null)).toEqual({ status: "open" });
  });
});

describe("the board's keys", () => {
  it("maps j/k and the arrows, Enter and ?", () => {
    expect(boardAction({ key: "j" })).toBe("down");
    expect(boardAction({ key: "ArrowDown" })).toBe("down");
    expect(boardAction({ key: "k" })).toBe("up");
    expect(boardAction({ key: "ArrowUp" })).toBe("up");
    expect(boardAction({ key: "Enter" })).toBe("open");
    expect(boardAction({ key: "?" })).toBeNull(); // every page's help: lib/palette.ts
    expect(boardAction({ key: "x" })).toBeNull();
    // Ctrl+K and friends stay the browser's.
    expect(boardAction({ key: "k", ctrlKey: true })).toBeNull();
  });

  it("moves within the rows and stops at either end", () => {
    // 3 rows: from nowhere, down lands on row 0 and up on the last (index 2).
    expect(moveSelection(-1, "down", 3)).toBe(0);
    expect(moveSelection(-1, "up", 3)).toBe(2);
    expect(moveSelection(0, "down", 3)).toBe(1);
    expect(moveSelection(2, "down", 3)).toBe(2);
    expect(moveSelection(0, "up", 3)).toBe(0);
    expect(moveSelection(1, "last", 3)).toBe(2);
    expect(moveSelection(2, "first", 3)).toBe(0);
    expect(moveSelection(5, "open", 3)).toBe(2);
    expect(moveSelection(0, "down", 0)).toBe(-1);
  });
});

describe("what takes the keys as text", () => {
  it("is a text field, a text area, a select or an editable element", () => {
    expect(typesText("INPUT", null, false)).toBe(true);
    expect(typesText("INPUT", "search", false)).toBe(true);
    expect(typesText("TEXTAREA", null, false)).toBe(true);
    expect(typesText("SELECT", null, false)).toBe(true);
    expect(typesText("DIV", null, true)).toBe(true);
  });
  it("is not a row's checkbox, a radio button, a link or a button", () => {
    expect(typesText("INPUT", "checkbox", false)).toBe(false);
    expect(typesText("INPUT", "Radio", false)).toBe(false);
    expect(typesText("A", null, false)).toBe(false);
    expect(typesText("BUTTON", null, false)).toBe(false);
  });
});

describe("the deadline shown on the board", () => {
  it("is the day before the breach, in the office's zone", () => {
    // Due Thu 21 Jan 2027 in WITA: the clock breaches at 00:00 WITA on the 22nd,
    // 16:00 UTC on the 21st; the last day within target is the 21st.
    expect(formatDate(lastDayBefore("2027-01-21T16:00:00Z"), "Asia/Makassar")).toBe("21 Januari 2027");
  });
});
