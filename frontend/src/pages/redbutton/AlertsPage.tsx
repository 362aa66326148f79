// The protection officers' alert page: the caller's unacknowledged Red Button alerts,
// asked for every few seconds (the API has no push), a new one cued by a banner, an
// optional sound and the count in the tab's title; acknowledged from here.
import { Alert, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { AppLink } from "../../components/AppLink";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue } from "../../i18n/messages";
import { formatDateTime } from "../../lib/dates";
import { useCapabilities } from "../../capabilities";
import { useOfficeZone } from "../../office";
import { levelKey, levelSign, newAlerts, POLL_MS, titleWithCount } from "./alerts";
import { NotForRole, rbLabel } from "./data";
import { NotForRolePage } from "./NotForRole";
import type { MessageId } from "../../i18n/messages";
import { ROWS } from "../../api/stale";

type RedButtonAlert = components["schemas"]["AlertPublic"];
// The API shows alerts to protection officers and the head (`redbutton.read`).
export function ProtectionAlertsPage(): React.JSX.Element {
  const { ready, may } = useCapabilities();
  if (ready && !may("redbutton.read")) return <NotForRolePage />;
  return <AlertsList />;
}

function useAlerts() {
  return useQuery({
    queryKey: ["red-button-alerts"],
    meta: ROWS,
    queryFn: async (): Promise<RedButtonAlert[]> => {
      const { data, response } = await api.GET("/api/v1/internship/red-button/alerts");
      if (response.status === 403) throw new NotForRole();
      if (!data) throw new Error("alerts");
      return data;
    },
    retry: false,
    refetchInterval: POLL_MS,
    // A tab in the background keeps asking: its title is the officer's cue there.
    refetchIntervalInBackground: true,
  });
}

// A short two-tone beep through Web Audio (no file to fetch); only once the officer
// turned the sound on, a gesture browsers require before a page may sound.
function beep(context: AudioContext): void {
  for (const [i, frequency] of [880, 660].entries()) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(context.destination);
    const start = context.currentTime + i * 0.25;
    oscillator.start(start);
    oscillator.stop(start + 0.2);
  }
}

function AlertsList(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const labels: Record<string, string> = catalogue(locale);
  const alerts = useAlerts();
  const queries = useQueryClient();
  const seen = useRef<Set<string>>(new Set());
  const [fresh, setFresh] = useState(0);
  const [sound, setSound] = useState<AudioContext | null>(null);
  // Kept as message ids, worded when shown: a switch of language rewords them.
  const [notice, setNotice] = useState<MessageId | null>(null);
  const [failure, setFailure] = useState<MessageId | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const when = (iso: string) => formatDateTime(iso, zone, locale === "id" ? "id-ID" : "en-GB");
  const count = alerts.data?.length ?? 0;

  useEffect(() => {
    if (!alerts.data) return;
    const arrived = newAlerts(alerts.data, seen.current);
    if (arrived.length > 0) {
      setFresh((n) => n + arrived.length);
      if (sound) beep(sound);
    }
    seen.current = new Set(alerts.data.map((a) => a.id));
  }, [alerts.data, sound]);

  useEffect(() => {
    const base = t("rb.alerts.title") + " · APIK";
    document.title = titleWithCount(base, count);
    return () => {
      document.title = "APIK";
    };
  }, [count, t]);

  async function acknowledge(alert: RedButtonAlert) {
    setBusy(alert.id);
    setNotice(null);
    setFailure(null);
    const { response } = await api.POST("/api/v1/internship/red-button/cases/{case_id}/acknowledgement", {
      params: { path: { case_id: alert.case_id } },
    });
    setBusy(null);
    if (response.ok) {
      setNotice("rb.alerts.acknowledged");
      setFresh(0);
    } else setFailure("rb.alerts.failed");
    await queries.invalidateQueries({ queryKey: ["red-button-alerts"] });
    await queries.invalidateQueries({ queryKey: ["red-button-cases"] });
  }

  function toggleSound() {
    if (sound) {
      void sound.close();
      setSound(null);
    } else setSound(new AudioContext());
  }

  if (alerts.error instanceof NotForRole) return <NotForRolePage />;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("rb.alerts.title")}
      </Title>
      <Text>{t("rb.alerts.intro")}</Text>
      <Group>
        <Button variant="default" onClick={toggleSound} aria-pressed={sound !== null} data-testid="rb-alerts-sound">
          {t(sound ? "rb.alerts.soundOff" : "rb.alerts.soundOn")}
        </Button>
        {alerts.dataUpdatedAt > 0 && (
          <Text size="sm" c="dimmed">
            {t("rb.alerts.checked", { time: when(new Date(alerts.dataUpdatedAt).toISOString()) })}
          </Text>
        )}
      </Group>
      {/* The cue: announced at once to a screen reader, in words and a sign, not colour. */}
      <div role="alert" aria-live="assertive">
        {fresh > 0 && count > 0 && (
          <Alert color="red" variant="filled" data-testid="rb-alerts-new">
            <span aria-hidden="true">⚠ </span>
            {t("rb.alerts.new", { count })}
          </Alert>
        )}
      </div>
      {notice && <Alert role="status">{t(notice)}</Alert>}
      {failure && (
        <Alert color="red" role="alert">
          {t(failure)}
        </Alert>
      )}
      {alerts.error && !(alerts.error instanceof NotForRole) && <Alert color="red">{String(alerts.error.message)}</Alert>}
      {alerts.data && count === 0 && (
        <Alert color="gray" data-testid="rb-alerts-none">
          {t("rb.alerts.none")}
        </Alert>
      )}
      {alerts.data && count > 0 && (
        <Table withTableBorder striped data-testid="rb-alerts">
          <Table.Caption>{t("rb.alerts.waiting", { count })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("rb.alerts.raisedAt")}</Table.Th>
              <Table.Th scope="col">{t("rb.area.severity")}</Table.Th>
              <Table.Th scope="col">{t("rb.alerts.level")}</Table.Th>
              <Table.Th scope="col">{t("rb.alerts.alertedAt")}</Table.Th>
              <Table.Th scope="col">{t("rb.alerts.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {alerts.data.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{when(a.raised_at)}</Table.Td>
                <Table.Td>{rbLabel(labels, "severity", a.severity)}</Table.Td>
                <Table.Td data-testid="rb-alert-level">
                  <span aria-hidden="true">{levelSign(a.level)} </span>
                  {t(levelKey(a.level))}
                </Table.Td>
                <Table.Td>{when(a.alerted_at)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="compact-sm" color="red" loading={busy === a.id} onClick={() => void acknowledge(a)}>
                      {t("rb.alerts.acknowledge")}
                    </Button>
                    <AppLink to="/perlindungan/$caseId" params={{ caseId: a.case_id }}>
                      {t("rb.alerts.open")}
                    </AppLink>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
