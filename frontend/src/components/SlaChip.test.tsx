// The SLA chip says its state in words and an icon, never by colour alone (WCAG 1.4.1),
// in the user's language.
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../testing/render";
import { SlaChip } from "./SlaChip";

function chip(): HTMLElement {
  const [found] = document.querySelectorAll<HTMLElement>(".sla-chip");
  if (!found) throw new Error("no SLA chip rendered");
  return found;
}

// The icon's shape, told by its drawing: the same whatever the colour.
function iconOf(element: HTMLElement): string {
  const svg = element.querySelector("svg");
  if (!svg) throw new Error("the chip has no icon");
  expect(svg.getAttribute("aria-hidden")).toBe("true"); // the words say it to screen readers
  return svg.innerHTML;
}

describe("SlaChip", () => {
  it("says the working days left, the days late and a pause in Bahasa Indonesia", async () => {
    const { rerender } = await renderApp(<SlaChip state="on_track" days={3} />);
    expect(chip().textContent).toBe("sisa 3 hari kerja");
    const clock = iconOf(chip());

    rerender(<SlaChip state="breached" days={-2} />);
    expect(chip().textContent).toBe("lewat 2 hari");
    const alert = iconOf(chip());

    rerender(<SlaChip state="paused" />);
    expect(chip().textContent).toBe("dijeda");
    expect(new Set([clock, alert, iconOf(chip())]).size).toBe(3);
  });

  it("gives each state a tone besides its words", async () => {
    const { rerender } = await renderApp(<SlaChip state="warning" days={1} />);
    const tones: string[] = [];
    for (const state of ["on_track", "warning", "breached", "paused"] as const) {
      rerender(<SlaChip state={state} days={state === "paused" ? null : 1} />);
      tones.push(chip().className);
    }
    expect(tones).toEqual(["sla-chip sla-ok", "sla-chip sla-warn", "sla-chip sla-late", "sla-chip sla-neutral"]);
  });

  it("counts calendar days where the policy does, never promising working days", async () => {
    await renderApp(<SlaChip state="warning" days={4} unit="calendar_days" />);
    expect(chip().textContent).toBe("sisa 4 hari");
  });

  it("says a state with no count in the chip's own words", async () => {
    // The warning's words, not an admin table's column header of the same id.
    await renderApp(<SlaChip state="warning" />);
    expect(chip().textContent).toBe("mendekati batas waktu");
  });

  it("speaks English when English was chosen", async () => {
    const { rerender } = await renderApp(<SlaChip state="on_track" days={1} />, { locale: "en" });
    expect(screen.getByText(/working day/).textContent).toBe("1 working day left");
    rerender(<SlaChip state="breached" days={-2} />);
    expect(chip().textContent).toBe("2 days late");
    rerender(<SlaChip state="paused" />);
    expect(chip().textContent).toBe("paused");
  });
});
