// The SLA chip: words and an icon as well as a colour (WCAG 1.4.1), the words from the
// message catalogue and the tone from `lib/sla` (one place decides both).
import { useT } from "../i18n/locale";
import type { MessageId } from "../i18n/messages";
import { slaChip, type SlaState } from "../lib/sla";

const ICONS: Record<ReturnType<typeof slaChip>["icon"], React.JSX.Element> = {
  clock: (
    <>
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4v4.5l3 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </>
  ),
  alert: (
    <>
      <path d="M8 1.5 15 14.5H1z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M8 6v4M8 12v.5" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </>
  ),
  pause: <path d="M5 3v10M11 3v10" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />,
  check: <path d="M2.5 8.5 6.5 12.5 13.5 4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />,
};

export function SlaChip({
  state,
  days = null,
  unit,
}: {
  state: SlaState;
  days?: number | null;
  unit?: "working_days" | "calendar_days";
}): React.JSX.Element {
  const t = useT();
  const chip = slaChip(state, days, unit);
  return (
    <span className={`sla-chip sla-${chip.tone}`} data-sla={state}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        {ICONS[chip.icon]}
      </svg>
      {t(chip.message as MessageId, chip.values)}
    </span>
  );
}
