import { createIntl } from "react-intl";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "../i18n/bothCatalogues";
import { slaChip } from "./sla";

const intl = createIntl({ locale: "id-ID", messages: MESSAGES.id });
const english = createIntl({ locale: "en", messages: MESSAGES.en });

function text(chip: ReturnType<typeof slaChip>, on = intl): string {
  return on.formatMessage({ id: chip.message }, chip.values);
}

describe("the SLA chip", () => {
  it("says how many working days are left", () => {
    expect(text(slaChip("on_track", 3))).toBe("sisa 3 hari kerja");
    expect(text(slaChip("warning", 1))).toBe("sisa 1 hari kerja");
    expect(text(slaChip("on_track", 3), english)).toBe("3 working days left");
    expect(text(slaChip("warning", 1), english)).toBe("1 working day left");
  });

  it("says how late a breached case is, whatever the sign of the count", () => {
    expect(text(slaChip("breached", -2))).toBe("lewat 2 hari");
    expect(text(slaChip("breached", 2))).toBe("lewat 2 hari");
    expect(text(slaChip("breached", 1), english)).toBe("1 day late");
  });

  it("says paused and met in words, with an icon, not by colour alone", () => {
    expect(text(slaChip("paused", 4))).toBe("dijeda");
    expect(slaChip("paused", 4).icon).toBe("pause");
    expect(text(slaChip("met", null))).toBe("selesai tepat waktu");
    expect(slaChip("breached", null).icon).toBe("alert");
  });

  it("never shows a negative number of days left", () => {
    expect(text(slaChip("warning", -1))).toBe("sisa 0 hari kerja");
  });

  it("counts calendar days when the policy does", () => {
    expect(text(slaChip("on_track", 12, "calendar_days"))).toBe("sisa 12 hari");
    expect(text(slaChip("on_track", 1, "calendar_days"), english)).toBe("1 day left");
    expect(text(slaChip("breached", -3, "calendar_days"))).toBe("lewat 3 hari");
  });
});
