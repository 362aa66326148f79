// A service clock: m:ss as a <time> with its ISO duration, and in words whether it runs
// (the state is never shown by the ticking alone).
import { useT } from "../../i18n/locale";
import { clockParts, formatClock, runningSeconds, type ClockEntry } from "../../lib/desk";

export function RunningClock({ entry, receivedAt, now }: { entry: ClockEntry; receivedAt: number; now: number }) {
  const t = useT();
  const seconds = runningSeconds(entry, receivedAt, now);
  const { hours, minutes, seconds: s } = clockParts(seconds);
  return (
    <span data-clock={entry.clock_running ? "running" : "stopped"} data-seconds={seconds}>
      <time className="desk-clock" dateTime={`PT${hours}H${minutes}M${s}S`}>
        {formatClock(seconds)}
      </time>{" "}
      <span>({entry.clock_running ? t("desk.clockRunning") : t("desk.clockStopped")})</span>
    </span>
  );
}
