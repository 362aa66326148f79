// A form left unsaved and opened again gives its entry back (for the same user only),
// says so, and can throw the draft away.
import { Button, TextInput } from "@mantine/core";
import { screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../testing/render";
import { DraftNotice, useDraft } from "./Draft";

function ActivityForm() {
  const [values, setValues] = useState({ summary: "" });
  const draft = useDraft("case-activity", "case-1", values, setValues);
  return (
    <>
      <DraftNotice draft={draft} />
      <TextInput label="Ringkasan kegiatan" value={values.summary} onChange={(e) => setValues({ summary: e.currentTarget.value })} />
      {/* Saved as typed: what the form shows now is its new blank. */}
      <Button onClick={() => draft.saved(values)}>Simpan</Button>
    </>
  );
}

const summary = () => (screen.getByLabelText("Ringkasan kegiatan") as HTMLInputElement).value;

describe("useDraft and DraftNotice", () => {
  it("gives a form left unsaved its entry back when reopened, and discards it on request", async () => {
    const first = await renderApp(<ActivityForm />, { me: { subject: "examiner-1" } });
    await first.user.type(screen.getByLabelText("Ringkasan kegiatan"), "Klarifikasi ke dinas");
    first.unmount(); // the user goes to another page

    const again = await renderApp(<ActivityForm />, { me: { subject: "examiner-1" } });
    expect(await screen.findByText(/Draf dipulihkan/)).toBeTruthy();
    expect(summary()).toBe("Klarifikasi ke dinas");

    await again.user.click(screen.getByRole("button", { name: "Buang draf" }));
    expect(summary()).toBe("");
    expect(screen.queryByText(/Draf dipulihkan/)).toBeNull();
  });

  it("gives no draft to another user of the same browser tab", async () => {
    const first = await renderApp(<ActivityForm />, { me: { subject: "examiner-1" } });
    await first.user.type(screen.getByLabelText("Ringkasan kegiatan"), "Data pribadi pelapor");
    first.unmount();

    await renderApp(<ActivityForm />, { me: { subject: "examiner-2" } });
    expect(summary()).toBe("");
    expect(screen.queryByText(/Draf dipulihkan/)).toBeNull();
  });

  it("keeps no draft of what was saved", async () => {
    const first = await renderApp(<ActivityForm />, { me: { subject: "examiner-1" } });
    await first.user.type(screen.getByLabelText("Ringkasan kegiatan"), "Klarifikasi ke dinas");
    await first.user.click(screen.getByRole("button", { name: "Simpan" }));
    first.unmount();

    await renderApp(<ActivityForm />, { me: { subject: "examiner-1" } });
    expect(summary()).toBe("");
    expect(screen.queryByText(/Draf dipulihkan/)).toBeNull();
  });
});
