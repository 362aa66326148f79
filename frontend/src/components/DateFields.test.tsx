// The date fields: a date typed in the office's order (day, month, year) whatever the
// browser's locale, kept as the API takes it; a date and time read on the office's
// clock and kept with its offset; the calendar named in the user's language.
import { screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import type { Locale } from "../i18n/messages";
import { renderApp } from "../testing/render";
import { DateField, DateTimeField } from "./DateFields";

// The form's value as it would be sent, shown beside the field.
function Form({ withTime = false, initial = "" }: { withTime?: boolean; initial?: string }) {
  const [value, setValue] = useState(initial);
  const Field = withTime ? DateTimeField : DateField;
  return (
    <main id="isi">
      <Field label="Waktu kejadian" value={value} onChange={(e) => setValue(e.currentTarget.value)} />
      <output data-testid="sent">{value}</output>
    </main>
  );
}

const sent = () => screen.getByTestId("sent").textContent;

async function open(locale: Locale, initial: string) {
  const app = await renderApp(<Form initial={initial} />, { locale });
  await app.user.click(screen.getAllByRole("spinbutton")[0]!);
  return app;
}

describe("DateField and DateTimeField", () => {
  it("takes a date typed day first and keeps it as the API's calendar date", async () => {
    const { user } = await renderApp(<Form />);
    await user.click(screen.getByRole("spinbutton", { name: "Tanggal" }));
    await user.keyboard("06122026");
    expect(sent()).toBe("2026-12-06");
  });

  it("reads a time on the office's clock and keeps it with the office's offset", async () => {
    const { user } = await renderApp(<Form withTime />, { me: { office: "JAYAPURA" }, officeZone: "Asia/Jayapura" });
    expect(screen.getByText("Waktu WIT")).toBeTruthy();
    await user.click(screen.getByRole("spinbutton", { name: "Tanggal" }));
    await user.keyboard("061220260930");
    expect(sent()).toBe("2026-12-06T09:30:00+09:00");
  });

  it("names the calendar's month in Bahasa Indonesia", async () => {
    await open("id", "2026-12-06");
    expect(screen.getByText("Desember 2026")).toBeTruthy();
  });

  it("names the calendar's month in English when English was chosen", async () => {
    await open("en", "2026-12-06");
    expect(screen.getByText("December 2026")).toBeTruthy();
  });
});
