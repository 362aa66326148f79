// The SLA chip's words: a state is never shown by colour alone (WCAG 1.4.1). The count
// of working days comes from the API, which knows the office's calendar.

export type SlaState = "on_track" | "warning" | "breached" | "paused" | "met";

export interface SlaChip {
  message: string; // an id in the message catalogue
  values: Record<string, number>;
  tone: "ok" | "warn" | "late" | "neutral";
  icon: "clock" | "alert" | "pause" | "check";
}

// `unit`: the policy's (a rapid-response or a `sedang`/`berat` case counts calendar days,
// and "hari kerja" would then be a wrong promise).
export function slaChip(
  state: SlaState,
  workingDays: number | null,
  unit: "working_days" | "calendar_days" = "working_days",
): SlaChip {
  switch (state) {
    case "paused":
      return { message: "sla.paused", values: {}, tone: "neutral", icon: "pause" };
    case "met":
      return { message: "sla.met", values: {}, tone: "ok", icon: "check" };
    case "breached":
      return workingDays === null
        ? { message: "sla.late", values: {}, tone: "late", icon: "alert" }
        : { message: "sla.lateBy", values: { days: Math.abs(workingDays) }, tone: "late", icon: "alert" };
    case "warning":
    case "on_track": {
      const tone = state === "warning" ? "warn" : "ok";
      return workingDays === null
        ? { message: `sla.${state}`, values: {}, tone, icon: "clock" }
        : {
            message: unit === "working_days" ? "sla.left" : "sla.leftCalendar",
            values: { days: Math.max(workingDays, 0) },
            tone,
            icon: "clock",
          };
    }
  }
}
