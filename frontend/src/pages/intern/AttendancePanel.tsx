// Attendance: the code the office screen shows, typed, checks the intern in or out; the
// month's recap and days below, in the office's zone.
import { Alert, Button, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { Fact } from "../../components/Sections";
import { useLocale, useSay, useT } from "../../i18n/locale";
import { said, type Said, type Saying } from "../../i18n/said";
import { formatDate, todayIn } from "../../lib/dates";
import { attendanceCode, refusal, timeOfDay } from "../../lib/intern";
import { DEFAULT_ZONE, useOfficeZone } from "../../office";

export function AttendancePanel(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const intl = locale === "id" ? "id-ID" : "en-GB";
  const zone = useOfficeZone();
  const month = todayIn(zone).slice(0, 7);
  const [typed, setTyped] = useState("");
  const say = useSay();
  // Kept as what to say, worded when shown: a switch of language rewords them.
  const [codeError, setCodeError] = useState<Said | null>(null);
  // A check-in keeps the API's instant: its time is written when shown, in the office's
  // zone and the language of the moment.
  const [result, setResult] = useState<{ ok: true; direction: "in" | "out"; at: string } | { ok: false; said: Saying } | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = useQuery({
    queryKey: ["intern", "attendance", month],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/internship/intern/attendance", { params: { query: { month } } });
      if (response.status === 403) return null; // not linked to an application yet
      if (!data) throw new Error("attendance");
      return data;
    },
    retry: false,
  });

  async function send(direction: "in" | "out", event?: FormEvent) {
    event?.preventDefault();
    const code = attendanceCode(typed);
    if (code === null) {
      setCodeError(said("intern.att.codeRequired"));
      return;
    }
    setCodeError(null);
    setBusy(true);
    const path = direction === "in" ? "/api/v1/internship/intern/attendance/check-in" : "/api/v1/internship/intern/attendance/check-out";
    const { data, error } = await api.POST(path, { body: { code } });
    setBusy(false);
    if (data) {
      const at = direction === "in" ? data.checked_in_at : (data.checked_out_at ?? data.checked_in_at);
      setResult({ ok: true, direction, at });
      setTyped("");
      await mine.refetch();
    } else {
      const known = { "not-a-working-day": "intern.att.notWorkingDay", "already-recorded": "intern.att.already", "#/body/code": "intern.att.wrongCode" } as const;
      setResult({ ok: false, said: [said("intern.att.failed"), refusal(error, known)] });
    }
  }

  return (
    <Stack>
      {mine.data === null && <Alert color="gray">{t("intern.noApplication")}</Alert>}
      <Paper withBorder p="md">
        <form onSubmit={(e) => void send("in", e)} noValidate>
          <Stack>
            <TextInput
              label={t("intern.att.code")}
              description={t("intern.att.codeHelp")}
              required
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              error={codeError === null ? undefined : say(codeError)}
            />
            <Group>
              <Button type="submit" loading={busy}>
                {t("intern.att.checkIn")}
              </Button>
              <Button variant="default" loading={busy} onClick={() => void send("out")}>
                {t("intern.att.checkOut")}
              </Button>
            </Group>
            {result && (
              <Alert color={result.ok ? "green" : "red"} role={result.ok ? "status" : "alert"} data-testid="attendance-result">
                {result.ok ? t(result.direction === "in" ? "intern.att.checkedIn" : "intern.att.checkedOut", { time: timeOfDay(result.at, zone, intl) }) : say(result.said)}
              </Alert>
            )}
          </Stack>
        </form>
      </Paper>
      {mine.isPending && <Loader role="status" aria-label={t("common.loading")} />}
      {mine.data && (
        <>
          <Title order={2} size="h4">
            {t("intern.att.recap")}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 6 }} component="dl" m={0} data-testid="attendance-recap">
            <Fact label={t("intern.att.expected")}>{mine.data.recap.expected_days}</Fact>
            <Fact label={t("intern.att.present")}>{mine.data.recap.present_days}</Fact>
            <Fact label={t("intern.att.leave")}>{mine.data.recap.leave_days}</Fact>
            <Fact label={t("intern.att.sick")}>{mine.data.recap.sick_days}</Fact>
            <Fact label={t("intern.att.absent")}>{mine.data.recap.absent_days}</Fact>
            <Fact label={t("intern.att.hours")}>{mine.data.recap.hours}</Fact>
          </SimpleGrid>
          {mine.data.days.length === 0 ? (
            <Text>{t("intern.att.noDays")}</Text>
          ) : (
            <Table striped withTableBorder data-testid="attendance-days">
              <caption className="visually-hidden">{t("intern.att.days")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("intern.att.day")}</Table.Th>
                  <Table.Th scope="col">{t("intern.att.in")}</Table.Th>
                  <Table.Th scope="col">{t("intern.att.out")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("intern.att.hours")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {mine.data.days.map((d) => (
                  <Table.Tr key={d.day}>
                    <Table.Th scope="row" fw={400}>
                      {formatDate(d.day, DEFAULT_ZONE, intl)}
                    </Table.Th>
                    <Table.Td>{timeOfDay(d.checked_in_at, zone, intl)}</Table.Td>
                    <Table.Td>{d.checked_out_at ? timeOfDay(d.checked_out_at, zone, intl) : "—"}</Table.Td>
                    <Table.Td ta="right">{d.hours}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Stack>
  );
}
