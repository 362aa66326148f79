// A save that meets a newer version (412 on If-Match) overwrites nothing: the dialog
// says so, offers the latest version or staying, is worked by keyboard, and the form
// keeps what was typed.
import { Button, TextInput } from "@mantine/core";
import { screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { renderApp } from "../testing/render";
import { ConflictDialog } from "./ConflictDialog";
import { useWrite } from "./Write";

// A record page's form as every one is built: useWrite sends, the dialog answers a 412.
function NoteForm({ answer, onReload, onSaved = () => undefined }: { answer: () => Response; onReload: () => void; onSaved?: () => void }) {
  const [conflict, setConflict] = useState(false);
  const w = useWrite({ onSaved, onConflict: () => setConflict(true) }, { note: "" });
  return (
    <>
      <TextInput label="Catatan" {...w.bind("note")} />
      <Button onClick={() => void w.send(async () => ({ response: answer() }))}>Simpan</Button>
      <ConflictDialog opened={conflict} onClose={() => setConflict(false)} onReload={onReload} />
    </>
  );
}

const preconditionFailed = () => new Response(JSON.stringify({ type: "/problems/precondition-failed", status: 412 }), { status: 412 });

describe("ConflictDialog", () => {
  it("answers a 412 with the newer version's choices, the latest one focused", async () => {
    const onReload = vi.fn();
    const { user } = await renderApp(<NoteForm answer={preconditionFailed} onReload={onReload} />);
    await user.type(screen.getByLabelText("Catatan"), "Pelapor sudah dihubungi");
    await user.click(screen.getByRole("button", { name: "Simpan" }));

    const dialog = await screen.findByRole("dialog", { name: "Perkara sudah diubah" });
    expect(dialog.textContent).toContain("isian Anda tetap ada");
    const reload = screen.getByRole("button", { name: "Muat versi terbaru" });
    await waitFor(() => expect(document.activeElement).toBe(reload));

    await user.keyboard("{Enter}");
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it("keeps the focus inside while tabbing, closes on Escape and keeps the entry", async () => {
    const onReload = vi.fn();
    const { user } = await renderApp(<NoteForm answer={preconditionFailed} onReload={onReload} />);
    await user.type(screen.getByLabelText("Catatan"), "Pelapor sudah dihubungi");
    await user.click(screen.getByRole("button", { name: "Simpan" }));
    const dialog = await screen.findByRole("dialog");
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));

    // The header's close button and the two choices, then round again: never behind it.
    const start = document.activeElement;
    const seen: Element[] = [];
    for (let i = 0; i < 3; i += 1) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
      seen.push(document.activeElement!);
    }
    expect(seen.map((e) => e.getAttribute("aria-label") ?? e.textContent)).toEqual(["Tutup", "Tutup", "Muat versi terbaru"]);
    expect(seen[2]).toBe(start);

    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(onReload).not.toHaveBeenCalled();
    expect((screen.getByLabelText("Catatan") as HTMLInputElement).value).toBe("Pelapor sudah dihubungi");
  });

  it("stays shut when the save went through", async () => {
    const onSaved = vi.fn();
    const { user } = await renderApp(<NoteForm answer={() => new Response(null, { status: 204 })} onReload={() => undefined} onSaved={onSaved} />);
    await user.click(screen.getByRole("button", { name: "Simpan" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("speaks English when English was chosen", async () => {
    await renderApp(<ConflictDialog opened onClose={() => undefined} onReload={() => undefined} />, { locale: "en" });
    expect(screen.getByRole("dialog", { name: "The case has changed" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Load the latest version" })).toBeTruthy();
  });
});
