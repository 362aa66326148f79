// What the internship staff screens share: a status in words with an icon (never colour
// alone), a unit's name, a period in the office's words, and a file download button.
import { Button } from "@mantine/core";
import { useState } from "react";
import { fetchFile, save } from "../../api/files";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, type MessageId } from "../../i18n/messages";
import { formatDate } from "../../lib/dates";
import { DEFAULT_ZONE } from "../../office";
import { StateChip } from "../prevention/Chips";

const TONES: Record<string, { tone: "ok" | "warn" | "neutral"; icon: "check" | "clock" | "dash" }> = {
  submitted: { tone: "warn", icon: "clock" },
  accepted: { tone: "ok", icon: "check" },
  declined: { tone: "neutral", icon: "dash" },
};

export function StatusChip({ status }: { status: string }): React.JSX.Element {
  const { locale } = useLocale();
  const labels: Record<string, string> = catalogue(locale);
  const look = TONES[status] ?? { tone: "neutral", icon: "dash" };
  return <StateChip tone={look.tone} icon={look.icon} text={labels[`mg.status.${status}`] ?? status} state={status} />;
}

export function useUnitName(): (unit: string | null | undefined) => string {
  const { locale } = useLocale();
  const labels: Record<string, string> = catalogue(locale);
  return (unit) => (unit ? (labels[`mori.unit.${unit}`] ?? unit) : "—");
}

// A date of the calendar (a period's first or last day): the same day in every zone.
export function useDay(): (day: string) => string {
  const { locale } = useLocale();
  const intl = locale === "id" ? "id-ID" : "en-GB";
  return (day) => formatDate(day, DEFAULT_ZONE, intl);
}

// A month (YYYY-MM) as words: "Mei 2027".
export function useMonth(): (month: string) => string {
  const { locale } = useLocale();
  const format = new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  return (month) => format.format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));
}

export function usePeriod(): (start: string, end: string) => string {
  const t = useT();
  const day = useDay();
  return (start, end) => t("mg.apps.periodRange", { start: day(start), end: day(end) });
}

export function DownloadButton({ path, accept, fallback, label, testId }: { path: string; accept: string; fallback: string; label: MessageId; testId?: string }): React.JSX.Element {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  async function download() {
    setBusy(true);
    setFailed(false);
    try {
      save(await fetchFile(path, accept, fallback));
    } catch {
      setFailed(true);
    }
    setBusy(false);
  }
  return (
    <span>
      <Button variant="default" loading={busy} onClick={() => void download()} data-testid={testId}>
        {t(label)}
      </Button>
      {failed && (
        <span role="alert" style={{ marginLeft: 8 }}>
          {t("mg.app.downloadFailed")}
        </span>
      )}
    </span>
  );
}
