// States in words and an icon as well as a colour (WCAG 1.4.1): an agreement's expiry,
// a gain's category, a suggestion's follow-up. The tones reuse the SLA chip's pairs
// (dark text on a pale tint, above 7:1 contrast).
import { useT } from "../../i18n/locale";
import type { MessageId } from "../../i18n/messages";
import { expiry, gainTone } from "../../lib/prevention";

type Tone = "ok" | "warn" | "late" | "neutral";
type Icon = "check" | "clock" | "alert" | "dash";

const ICONS: Record<Icon, React.JSX.Element> = {
  check: <path d="M2.5 8.5 6.5 12.5 13.5 4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />,
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
  dash: <path d="M3 8h10" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />,
};

export function StateChip({ tone, icon, text, state }: { tone: Tone; icon: Icon; text: string; state: string }): React.JSX.Element {
  return (
    <span className={`sla-chip sla-${tone}`} data-state={state}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        {ICONS[icon]}
      </svg>
      {text}
    </span>
  );
}

export function ExpiryChip({ status, endsOn, today }: { status: string; endsOn: string; today: string }): React.JSX.Element {
  const t = useT();
  const e = expiry(status, endsOn, today);
  return <StateChip tone={e.tone} icon={e.icon} state={e.state} text={t(`prev.ag.state.${e.state}` as MessageId, { days: Math.abs(e.days) })} />;
}

const GAIN_ICON: Record<string, Icon> = { high: "check", medium: "clock", low: "alert", undefined: "dash" };

export function GainChip({ category }: { category: string }): React.JSX.Element {
  const t = useT();
  const known = ["high", "medium", "low", "undefined"].includes(category);
  return (
    <StateChip
      tone={gainTone(category)}
      icon={GAIN_ICON[category] ?? "dash"}
      state={category}
      text={known ? t(`prev.gain.${category}` as MessageId) : category}
    />
  );
}

const SUGGESTION: Record<string, [Tone, Icon]> = {
  open: ["neutral", "clock"],
  in_progress: ["warn", "clock"],
  followed_up: ["ok", "check"],
  not_followed_up: ["late", "alert"],
};

export function SuggestionChip({ status, overdueDays }: { status: string; overdueDays: number }): React.JSX.Element {
  const t = useT();
  const [tone, icon] = SUGGESTION[status] ?? ["neutral", "dash"];
  const late = (status === "open" || status === "in_progress") && overdueDays > 0;
  const text = (SUGGESTION[status] ? t(`prev.sg.${status}` as MessageId) : status) + (late ? ` · ${t("prev.sg.overdue", { days: overdueDays })}` : "");
  return <StateChip tone={late ? "late" : tone} icon={late ? "alert" : icon} state={status} text={text} />;
}
