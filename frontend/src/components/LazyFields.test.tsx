// The public pages' select and date field arrive after the page (their chunks are
// fetched once it renders): meanwhile a read-only field of the same label shows what is
// chosen, then the real field takes its place and works as the page wrote it.
import { screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../testing/render";
import { LazyDateField } from "./LazyDateField";
import { LazySelect } from "./LazySelect";

function NotifyBy() {
  const [value, setValue] = useState<string | null>("email");
  const data = [
    { value: "email", label: "Surel" },
    { value: "whatsapp", label: "WhatsApp" },
  ];
  return (
    <>
      <LazySelect label="Cara diberi kabar" data={data} value={value} onChange={setValue} />
      <output data-testid="sent">{value}</output>
    </>
  );
}

function Period() {
  const [value, setValue] = useState("2026-12-06");
  return (
    <main id="isi">
      <LazyDateField label="Mulai magang" value={value} onChange={(e) => setValue(e.currentTarget.value)} />
      <output data-testid="sent">{value}</output>
    </main>
  );
}

const sent = () => screen.getByTestId("sent").textContent;

describe("the public pages' lazy fields", () => {
  it("a select: its place held with the option chosen, then picked from as usual", async () => {
    const { user } = await renderApp(<NotifyBy />);
    const standIn = screen.getByRole("textbox", { name: "Cara diberi kabar" }) as HTMLInputElement;
    expect(standIn.value).toBe("Surel");
    expect(standIn.disabled).toBe(true);
    await user.click(await screen.findByRole("combobox", { name: "Cara diberi kabar" }, { timeout: 10_000 }));
    await user.click(await screen.findByRole("option", { name: "WhatsApp" }));
    expect(sent()).toBe("whatsapp");
  });

  it("a date field: its place held with the date in the office's order, then typed into", async () => {
    const { user } = await renderApp(<Period />);
    const standIn = screen.getByRole("textbox", { name: "Mulai magang" }) as HTMLInputElement;
    expect(standIn.value).toBe("06/12/2026");
    const day = await screen.findByRole("spinbutton", { name: "Tanggal" }, { timeout: 10_000 });
    await user.clear(day);
    await user.type(day, "07");
    expect(sent()).toBe("2026-12-07");
  });
});
