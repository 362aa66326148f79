// A keyboard-first list on a real <table>: j/k move the highlight and the focus, x
// chooses the highlighted row, Enter opens it; keys typed into a field stay there.
import { Checkbox, TextInput } from "@mantine/core";
import { act, screen } from "@testing-library/react";
import { useRef, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { renderApp } from "../testing/render";
import { useSelection } from "./useBulk";
import { useListKeys } from "./useListKeys";

interface Row {
  id: string;
  number: string;
}

const ROWS: Row[] = [
  { id: "a", number: "0012/LM/XII/2026" },
  { id: "b", number: "0013/LM/XII/2026" },
  { id: "c", number: "0014/LM/XII/2026" },
];

// The board's shape: a checkbox and a link per row, the link taking the focus.
function CaseList({ open }: { open: (row: Row) => void }) {
  const [highlighted, setHighlighted] = useState(-1);
  const selection = useSelection<Row>((row) => row.id);
  const table = useRef<HTMLTableElement>(null);
  useListKeys({ rows: ROWS, highlighted, setHighlighted, focusables: () => table.current?.querySelectorAll<HTMLAnchorElement>("a[data-case]"), selection, open });
  return (
    <>
      <TextInput label="Cari" />
      <table ref={table}>
        <tbody>
          {ROWS.map((row, i) => (
            <tr key={row.id} data-selected={i === highlighted} data-chosen={selection.has(row.id)}>
              <td>
                <Checkbox aria-label={`Pilih ${row.number}`} checked={selection.has(row.id)} onChange={() => selection.toggle(ROWS, i)} />
              </td>
              <th scope="row">
                <a href={`#${row.id}`} data-case={row.id} onFocus={() => setHighlighted(i)}>
                  {row.number}
                </a>
              </th>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const highlightedRow = () => document.querySelector('tr[data-selected="true"]')?.textContent ?? null;
const chosen = () => [...document.querySelectorAll('tr[data-chosen="true"]')].map((row) => row.textContent);

describe("useListKeys", () => {
  it("moves with j and k, the focus on the row's link", async () => {
    const { user } = await renderApp(<CaseList open={() => undefined} />);
    await user.keyboard("jj");
    expect(highlightedRow()).toBe("0013/LM/XII/2026");
    expect(document.activeElement).toBe(screen.getByRole("link", { name: "0013/LM/XII/2026" }));
    await user.keyboard("jjk"); // the last row holds, then one up
    expect(highlightedRow()).toBe("0013/LM/XII/2026");
  });

  it("chooses the highlighted row with x, and x again lets it go", async () => {
    const { user } = await renderApp(<CaseList open={() => undefined} />);
    await user.keyboard("jx");
    expect(chosen()).toEqual(["0012/LM/XII/2026"]);
    expect((screen.getByRole("checkbox", { name: "Pilih 0012/LM/XII/2026" }) as HTMLInputElement).checked).toBe(true);
    await user.keyboard("jx");
    expect(chosen()).toEqual(["0012/LM/XII/2026", "0013/LM/XII/2026"]);
    await user.keyboard("x");
    expect(chosen()).toEqual(["0012/LM/XII/2026"]);
  });

  it("opens the highlighted row with Enter, leaving a focused link to open itself", async () => {
    const open = vi.fn();
    const { user } = await renderApp(<CaseList open={open} />);
    await user.keyboard("jj{Enter}");
    expect(open).not.toHaveBeenCalled(); // the focused link is the browser's to follow

    act(() => screen.getByRole("checkbox", { name: "Pilih 0014/LM/XII/2026" }).focus());
    await user.keyboard("{Enter}");
    expect(open).toHaveBeenCalledExactlyOnceWith(ROWS[1]);
  });

  it("leaves keys typed into a field alone", async () => {
    const open = vi.fn();
    const { user } = await renderApp(<CaseList open={open} />);
    await user.type(screen.getByRole("textbox", { name: "Cari" }), "jx{Enter}");
    expect(highlightedRow()).toBeNull();
    expect(chosen()).toEqual([]);
    expect(open).not.toHaveBeenCalled();
    expect((screen.getByRole("textbox", { name: "Cari" }) as HTMLInputElement).value).toBe("jx");
  });
});
