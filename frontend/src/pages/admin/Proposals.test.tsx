// A role proposal another admin decided meanwhile: this admin's decision is refused as
// stale (409 stale-proposal, its status said in words). The refusal reads wholly in the
// language the user switches to, and the list is read again, so the decided proposal
// leaves it (api/stale.ts).
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderApp } from "../../testing/render";
import { ProposalsSection } from "./Proposals";

const PROPOSAL = {
  id: "7f0c2b9e-1d4a-4c1e-9b53-2a8f6d0e4c11",
  account_id: "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a",
  account_kind: "user",
  account_name: "sinta.pvl",
  office: "PUSAT",
  roles_before: ["intake_officer"],
  roles_after: ["intake_officer", "examiner"],
  proposed_by: "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
  proposed_by_name: "admin.kantor",
  proposed_at: "2026-12-07T02:00:00Z",
  status: "pending",
  approved_by: null,
  approved_by_name: null,
  authority: null,
  decided_at: null,
};

// What the gateway answers when the proposal was declined by another admin first: the
// status by its code, its words in the request's language and in every language.
const DECIDED = {
  type: "/problems/stale-proposal",
  title: "The proposal is decided or the roles changed since",
  status: 409,
  detail: "The proposal is declined.",
  code: "proposal_decided",
  params: { status: "declined" },
  labels: { status: "Ditolak" },
  labels_by_language: { id: { status: "Ditolak" }, en: { status: "Declined" } },
};

// The gateway, as far as this screen asks it: the list (the proposal until it is
// decided elsewhere) and the refused decision, after which the list no longer has it.
// In place of the browser's fetch before the client is made (it keeps the fetch it was
// made with), so that every middleware of the client sees the answers.
const gateway = vi.hoisted(() => {
  const state = { decidedElsewhere: false, reads: 0, refusal: {} as unknown, proposal: {} as unknown };
  const json = (body: unknown, status = 200, type = "application/json") => new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const path = new URL(request.url, "http://app").pathname;
    if (request.method === "GET" && path === "/api/v1/auth/role-proposals") {
      state.reads += 1;
      return json({ items: state.decidedElsewhere ? [] : [state.proposal], next_cursor: null });
    }
    if (request.method === "POST" && path.startsWith("/api/v1/auth/role-proposals/")) {
      state.decidedElsewhere = true;
      return json(state.refusal, 409, "application/problem+json");
    }
    return json({ type: "/problems/not-found", title: "Not found", status: 404 }, 404, "application/problem+json");
  };
  return state;
});

beforeEach(() => {
  Object.assign(gateway, { decidedElsewhere: false, reads: 0, refusal: DECIDED, proposal: PROPOSAL });
});

async function refusedDecline() {
  const app = await renderApp(<ProposalsSection />, { me: { roles: ["admin"] } });
  const table = await screen.findByTestId("proposals");
  await app.user.click(within(table).getByRole("button", { name: "Tolak: sinta.pvl" }));
  await screen.findByText(/Usulan ini sudah berstatus “Ditolak”/);
  return app;
}

describe("a decision on a proposal another admin decided first", () => {
  it("is refused in words that all follow a switch of language", async () => {
    const app = await refusedDecline();
    await app.speak("en");
    const shown = await screen.findByText(/The proposal is “Declined” already/);
    expect(shown.textContent).toBe("The proposal is decided or the roles changed since. The proposal is “Declined” already.");
    // No word of the Indonesian refusal is left on screen.
    for (const word of ["Usulan", "sudah", "berstatus", "Ditolak", "diputus"]) expect(shown.textContent).not.toContain(word);
    await app.speak("id");
    expect((await screen.findByText(/Usulan ini sudah berstatus “Ditolak”/)).textContent).not.toMatch(/Declined|proposal/);
  });

  it("has the list read again, so the decided proposal leaves it", async () => {
    await refusedDecline();
    await waitFor(() => expect(screen.queryByTestId("proposals")).toBeNull());
    expect(screen.getByText("Tidak ada usulan yang menunggu.")).toBeTruthy();
    expect(gateway.reads).toBe(2);
    // The refusal stays to say why the row went.
    expect(screen.getByText(/Usulan ini sudah berstatus “Ditolak”/)).toBeTruthy();
  });
});
