// The protection state in words and an icon-like sign, never colour alone (WCAG 1.4.1):
// the 1x24-hour deadline, left or passed, while no action has been taken yet.
import { Badge } from "@mantine/core";
import { useT } from "../../i18n/locale";
import { deadlineLeft } from "./logic";
import type { RedButtonCase } from "./data";

const SIGN: Record<string, string> = { pending: "○", overdue: "⚠", met: "✓", late: "✓" };
const COLOUR: Record<string, string> = { pending: "yellow", overdue: "red", met: "green", late: "orange" };

export function ProtectionChip({ item, now }: { item: RedButtonCase; now: Date }): React.JSX.Element {
  const t = useT();
  const state = item.protection;
  let text = t(`rb.protection.${state}` as "rb.protection.pending");
  if (state === "pending" || state === "overdue") {
    const left = deadlineLeft(item.protection_due, now);
    text += ` · ${t(left.overdue ? "rb.late" : "rb.left", { hours: left.hours, minutes: left.minutes })}`;
  }
  return (
    <Badge color={COLOUR[state] ?? "gray"} variant="light" c="dark" tt="none" size="lg">
      <span aria-hidden="true">{SIGN[state] ?? ""} </span>
      {text}
    </Badge>
  );
}
