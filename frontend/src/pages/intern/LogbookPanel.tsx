// The daily logbook: the intern writes a day's activities (rewriting one waiting or
// returned, with its version in If-Match) and reads the month's entries with the
// supervisor's status and comments.
import { Alert, Button, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { useLocale, useSay, useT } from "../../i18n/locale";
import { said, type Saying } from "../../i18n/said";
import type { MessageId } from "../../i18n/messages";
import { formatDate, todayIn } from "../../lib/dates";
import { logbookErrors, refusal, rewritable } from "../../lib/intern";
import { DEFAULT_ZONE, useOfficeZone } from "../../office";
import { DateField } from "../../components/DateFields";

type Entry = components["schemas"]["EntryPublic"];

export function LogbookPanel(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const intl = locale === "id" ? "id-ID" : "en-GB";
  const today = todayIn(useOfficeZone());
  const month = today.slice(0, 7);
  const [day, setDay] = useState(today);
  const [activities, setActivities] = useState("");
  const say = useSay();
  // Kept as message ids, worded when shown: a switch of language rewords them.
  const [errors, setErrors] = useState<{ day?: MessageId; activities?: MessageId }>({});
  const [result, setResult] = useState<{ ok: boolean; said: Saying } | null>(null);
  const [busy, setBusy] = useState(false);
  const entries = useQuery({
    queryKey: ["intern", "logbook", month],
    queryFn: async (): Promise<Entry[] | null> => {
      const { data, response } = await api.GET("/api/v1/internship/intern/logbook", { params: { query: { month } } });
      if (response.status === 403) return null;
      if (!data) throw new Error("logbook");
      return data;
    },
    retry: false,
  });

  function edit(entry: Entry) {
    setDay(entry.day);
    setActivities(entry.activities);
    setErrors({});
    setResult(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = logbookErrors(day, activities, today);
    setErrors({
      day: found.day ? (found.day === "future" ? "intern.log.future" : "intern.log.dayRequired") : undefined,
      activities: found.activities ? "intern.log.tooShort" : undefined,
    });
    if (found.day || found.activities) return;
    const existing = entries.data?.find((e) => e.day === day);
    setBusy(true);
    const { data, error, response } = await api.PUT("/api/v1/internship/intern/logbook/{day}", {
      params: { path: { day } },
      headers: existing ? { "If-Match": `"${existing.version}"` } : {},
      body: { activities },
    });
    setBusy(false);
    if (data) {
      setActivities("");
      setResult({ ok: true, said: said("intern.log.saved") });
      await entries.refetch();
    } else {
      const known = { "entry-approved": "intern.log.final", "#/path/day": "intern.log.outOfPeriod" } as const;
      setResult({ ok: false, said: response.status === 412 ? said("intern.log.conflict") : [said("intern.log.failed"), refusal(error, known)] });
    }
  }

  return (
    <Stack>
      {entries.data === null && <Alert color="gray">{t("intern.noApplication")}</Alert>}
      <Paper withBorder p="md">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Title order={2} size="h4">
              {t("intern.log.write")}
            </Title>
            <DateField
              label={t("intern.log.day")}
              required
              maxDate={today}
              value={day}
              onChange={(e) => setDay(e.currentTarget.value)}
              error={errors.day && t(errors.day)}
              w={220}
            />
            <Textarea
              label={t("intern.log.activities")}
              description={t("intern.log.activitiesHelp")}
              required
              autosize
              minRows={3}
              value={activities}
              onChange={(e) => setActivities(e.currentTarget.value)}
              error={errors.activities && t(errors.activities)}
            />
            <Button type="submit" loading={busy} style={{ alignSelf: "flex-start" }}>
              {t("intern.log.save")}
            </Button>
            {result && (
              <Alert color={result.ok ? "green" : "red"} role={result.ok ? "status" : "alert"} data-testid="logbook-result">
                {say(result.said)}
              </Alert>
            )}
          </Stack>
        </form>
      </Paper>
      <Title order={2} size="h4">
        {t("intern.log.entries")}
      </Title>
      {entries.data && entries.data.length === 0 && <Text>{t("intern.log.none")}</Text>}
      {entries.data && entries.data.length > 0 && (
        <Table striped withTableBorder data-testid="logbook">
          <caption className="visually-hidden">{t("intern.log.entries")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("intern.log.day")}</Table.Th>
              <Table.Th scope="col">{t("intern.log.activities")}</Table.Th>
              <Table.Th scope="col">{t("intern.log.status")}</Table.Th>
              <Table.Th scope="col">{t("intern.log.comment")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.data.map((e) => {
              const date = formatDate(e.day, DEFAULT_ZONE, intl);
              return (
                <Table.Tr key={e.id} data-day={e.day} data-status={e.status}>
                  <Table.Th scope="row" fw={400}>
                    {date}
                    {rewritable(e.status) && (
                      <Button variant="subtle" size="compact-xs" px={0} display="block" onClick={() => edit(e)} aria-label={t("intern.log.edit", { date })}>
                        {t("intern.log.editShort")}
                      </Button>
                    )}
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: "pre-wrap" }}>{e.activities}</Table.Td>
                  <Table.Td>{t(`intern.log.status.${e.status}` as MessageId)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "pre-wrap" }}>{e.comment ?? "—"}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
