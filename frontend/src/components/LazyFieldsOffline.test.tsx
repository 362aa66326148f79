// A public page's select and date field whose chunks cannot be fetched (a dropped
// connection): the browser's own controls take their place, and the form still works.
import { screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { renderApp } from "../testing/render";
import { LazyDateField } from "./LazyDateField";
import { LazySelect } from "./LazySelect";

vi.mock("./select", () => {
  throw new TypeError("Failed to fetch dynamically imported module");
});
vi.mock("./DateFields", () => {
  throw new TypeError("Failed to fetch dynamically imported module");
});

function Form() {
  const [kind, setKind] = useState<string | null>(null);
  const [start, setStart] = useState("");
  return (
    <>
      <LazySelect label="Jenis institusi" data={[{ value: "university", label: "Perguruan tinggi" }, "sma"]} value={kind} onChange={setKind} />
      <LazyDateField label="Mulai magang" value={start} onChange={(e) => setStart(e.currentTarget.value)} />
      <output data-testid="sent">{`${kind ?? "-"} ${start || "-"}`}</output>
    </>
  );
}

describe("the public pages' lazy fields, offline", () => {
  it("fall back to the browser's select and date input", async () => {
    const { user } = await renderApp(<Form />);
    const select = await screen.findByRole("combobox", { name: "Jenis institusi" }, { timeout: 10_000 });
    expect(select.tagName).toBe("SELECT");
    await user.selectOptions(select, "Perguruan tinggi");
    const date = await screen.findByLabelText("Mulai magang", { selector: "input[type=date]" }, { timeout: 10_000 });
    await user.type(date, "2026-12-06");
    expect(screen.getByTestId("sent").textContent).toBe("university 2026-12-06");
  });
});
