// A refusal of the API (RFC 9457 problem+json) shown at the field it names, in the
// user's language, and worded again when the language is switched: the reporter's
// identity form, whose purpose the intake service checks (formSaid in lib/problems.ts).
import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { renderApp } from "../../testing/render";
import { ReporterIdentity } from "./ReporterIdentity";

// What the intake service answers a purpose too short for its audit log.
const TOO_SHORT = {
  type: "/problems/validation-failed",
  title: "Request validation failed",
  status: 422,
  errors: [{ pointer: "#/query/purpose", code: "string_too_short", detail: "String should have at least 10 characters", params: { min_length: 10 } }],
};

// The field's messages: what its aria-describedby points at, as a screen reader reads it.
function describedBy(input: HTMLElement): string[] {
  return (input.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .filter((text) => text !== "");
}

describe("a form's field error from a problem+json", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("is shown at the field it names and reworded on a switch of language", async () => {
    // The network's answer only: the form, its wording and the problem's reading are real.
    const read = vi.spyOn(api, "GET").mockResolvedValue({ error: TOO_SHORT, response: new Response(JSON.stringify(TOO_SHORT), { status: 422 }) } as never);
    const { user, speak } = await renderApp(<ReporterIdentity reportId="3f1d0a52-6c1e-4e0b-9d59-0d3f2a6b7c11" />, { me: {} });
    await user.click(screen.getByRole("button", { name: "Lihat identitas pelapor" }));
    await user.type(screen.getByRole("textbox", { name: /Keperluan membaca identitas/ }), "cek");
    await user.click(screen.getByRole("button", { name: "Baca identitas" }));

    expect(read).toHaveBeenCalledWith("/api/v1/intake/reports/{report_id}/reporter", {
      params: { path: { report_id: "3f1d0a52-6c1e-4e0b-9d59-0d3f2a6b7c11" }, query: { purpose: "cek" } },
    });
    const purpose = await screen.findByRole("textbox", { name: /Keperluan membaca identitas/ });
    expect(purpose.getAttribute("aria-invalid")).toBe("true");
    expect(describedBy(purpose)).toContain("Paling sedikit 10 karakter.");

    await speak("en");
    const reworded = screen.getByRole("textbox", { name: /Purpose of reading the identity/ });
    expect(describedBy(reworded)).toContain("At least 10 characters.");
    expect(describedBy(reworded)).not.toContain("Paling sedikit 10 karakter.");
  });
});
