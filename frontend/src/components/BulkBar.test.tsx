// The bulk bar: the preview lists exactly what will change and what is refused (and
// why); the undo window holds the action in the browser, so undoing within it sends
// nothing, and letting it run out sends only the rows the preview said would change.
import { Button } from "@mantine/core";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { said } from "../i18n/said";
import { UNDO_SECONDS, type Check, type Result } from "../lib/bulk";
import { renderApp } from "../testing/render";
import { BulkBar } from "./BulkBar";
import { useBulk } from "./useBulk";

interface Row {
  number: string;
  examiner: string | null;
  assignable: boolean;
}

const ROWS: Row[] = [
  { number: "0012/LM/XII/2026", examiner: null, assignable: true },
  { number: "0013/LM/XII/2026", examiner: "Sari", assignable: true },
  { number: "0014/LM/XII/2026", examiner: null, assignable: false },
];

// A list's own control (as BulkAssign is): assign the chosen rows to Sari.
function AssignList({ run }: { run: (rows: Row[]) => Promise<Result<Row>[]> }) {
  const bulk = useBulk<Row>();
  const check = (row: Row): Check => {
    if (!row.assignable) return { refused: said("bulk.notAllowed", { status: { text: "Selesai" } }) };
    if (row.examiner === "Sari") return { refused: said("bulk.alreadyAssigned", { name: "Sari" }) };
    return { change: { text: "— → Sari" } };
  };
  return (
    <BulkBar bulk={bulk} count={ROWS.length} labelOf={(row) => row.number} onClear={() => undefined}>
      <Button onClick={() => bulk.preview(said("bulk.assignTitle", { name: "Sari" }), ROWS, check, run)}>Pratinjau</Button>
    </BulkBar>
  );
}

function applied(rows: Row[]): Promise<Result<Row>[]> {
  return Promise.resolve(rows.map((row) => ({ row, outcome: "applied" as const })));
}

// Seconds of the window passed (its timers fired), React's updates applied.
async function pass(seconds: number) {
  await act(() => vi.advanceTimersByTimeAsync(seconds * 1000));
}

describe("BulkBar and useBulk", () => {
  it("previews each row's change or refusal before anything is sent", async () => {
    const run = vi.fn(applied);
    const { user } = await renderApp(<AssignList run={run} />);
    await user.click(screen.getByRole("button", { name: "Pratinjau" }));

    const dialog = screen.getByRole("dialog", { name: "Tugaskan ke Sari" });
    expect(within(dialog).getByText("1 akan diubah, 2 ditolak.", { exact: false })).toBeTruthy();
    const lines = within(screen.getByTestId("bulk-preview")).getAllByRole("row").slice(1);
    expect(lines.map((line) => line.textContent)).toEqual([
      "0012/LM/XII/2026— → Sari",
      "0013/LM/XII/2026Ditolak: sudah ditugaskan ke Sari",
      "0014/LM/XII/2026Ditolak: status Selesai tidak mengizinkannya",
    ]);
    expect(within(dialog).getByRole("button", { name: "Terapkan (1)" })).toBeTruthy();
    expect(run).not.toHaveBeenCalled();
  });

  // The window's seconds pass on a mocked clock. The clicks are fired rather than
  // typed by user-event: its waits (Testing Library's) sleep on a timer, which the
  // mocked clock would hold forever.
  describe("the undo window", () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it("sends nothing when undone within the window", async () => {
      const run = vi.fn(applied);
      await renderApp(<AssignList run={run} />);
      fireEvent.click(screen.getByRole("button", { name: "Pratinjau" }));
      fireEvent.click(screen.getByRole("button", { name: "Terapkan (1)" }));

      const undo = screen.getByRole("button", { name: "Urungkan" });
      expect(document.activeElement).toBe(undo); // one key away
      expect(screen.getByTestId("bulk-pending").textContent).toContain(`diterapkan dalam ${UNDO_SECONDS} detik`);
      await pass(UNDO_SECONDS - 2);
      fireEvent.click(undo);
      expect(screen.getByTestId("bulk-undone").textContent).toContain("tidak ada yang dikirim");

      await pass(UNDO_SECONDS * 2);
      expect(run).not.toHaveBeenCalled();
    });

    it("sends only the rows the preview would change once the window ends", async () => {
      const run = vi.fn(applied);
      await renderApp(<AssignList run={run} />);
      fireEvent.click(screen.getByRole("button", { name: "Pratinjau" }));
      fireEvent.click(screen.getByRole("button", { name: "Terapkan (1)" }));

      await pass(UNDO_SECONDS - 1);
      expect(run).not.toHaveBeenCalled();
      expect(screen.getByTestId("bulk-pending").textContent).toContain("dalam 1 detik");
      await pass(1);
      expect(run).toHaveBeenCalledTimes(1);
      expect(run.mock.calls[0]?.[0].map((row) => row.number)).toEqual(["0012/LM/XII/2026"]);
      expect(screen.getByTestId("bulk-results").textContent).toContain("1 diterapkan, 2 ditolak");
    });
  });
});
