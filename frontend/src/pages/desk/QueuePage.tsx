// The desk's live queue: who waits and who is being served, with the service clocks
// running, kept current by the API's server-sent events; "call next" takes the first
// visitor waiting (or the one already called for this officer) to the service screen.
import { Alert, Button, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { api } from "../../api/client";
import { AppLink } from "../../components/AppLink";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { callOrder, minutesSince } from "../../lib/desk";
import { useMe } from "../../office";
import { RunningClock } from "./RunningClock";
import { useLiveQueue, useNow } from "./useLiveQueue";

export function QueuePage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const me = useMe();
  const navigate = useNavigate();
  const { data, isError, live } = useLiveQueue();
  const now = useNow();
  const [calling, setCalling] = useState(false);
  const [nobody, setNobody] = useState(false);
  const items = data?.queue.items ?? [];

  async function callNext() {
    setCalling(true);
    setNobody(false);
    // Another officer may take the same visitor a moment earlier: the API refuses the
    // second pick-up, and the next one in line is tried.
    for (const visit of callOrder(items, me.data?.username ?? "")) {
      const taken =
        visit.status === "assigned" ||
        (
          await api.POST("/api/v1/consultation/visits/{visit_id}/pick-up", {
            params: { path: { visit_id: visit.id } },
          })
        ).response.ok;
      if (taken) {
        await navigate({ to: "/meja-layanan/$visitId", params: { visitId: visit.id } });
        return;
      }
    }
    setCalling(false);
    setNobody(true);
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t("desk.title")}
        </Title>
        {/* In words as well as colour; announced when the connection drops or returns. */}
        <Text role="status" fw={600} className={live ? "desk-live" : "desk-offline"} data-live={live}>
          <span aria-hidden="true">{live ? "● " : "○ "}</span>
          {live ? t("desk.live") : t("desk.reconnecting")}
        </Text>
      </Group>
      <Group>
        <Button onClick={() => void callNext()} loading={calling}>
          {t("desk.callNext")}
        </Button>
        <AppLink to="/meja-layanan/daftar">{t("desk.checkInLink")}</AppLink>
      </Group>
      {nobody && (
        <Alert color="blue" role="status">
          {t("desk.nobodyWaiting")}
        </Alert>
      )}
      {isError && <Alert color="red">{t("form.error")}</Alert>}
      {!data && !isError && <Loader role="status" aria-label={t("common.loading")} />}
      {data && items.length === 0 && <Text>{t("desk.empty")}</Text>}
      {data && items.length > 0 && (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("desk.ticket")}</Table.Th>
              <Table.Th scope="col">{t("desk.category")}</Table.Th>
              <Table.Th scope="col">{t("desk.status")}</Table.Th>
              <Table.Th scope="col">{t("desk.officer")}</Table.Th>
              <Table.Th scope="col">{t("desk.waited")}</Table.Th>
              <Table.Th scope="col">{t("desk.clock")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((v) => (
              <Table.Tr key={v.id} data-ticket={v.ticket} data-status={v.status}>
                <Table.Th scope="row">
                  <AppLink to="/meja-layanan/$visitId" params={{ visitId: v.id }} aria-label={`${t("desk.open")} ${v.ticket}`}>
                    {v.ticket}
                  </AppLink>
                </Table.Th>
                <Table.Td>{codeLabel(labels, "category", v.category)}</Table.Td>
                <Table.Td>{codeLabel(labels, "visitStatus", v.status)}</Table.Td>
                <Table.Td>{v.officer ?? "—"}</Table.Td>
                <Table.Td>{t("desk.waitedMinutes", { count: minutesSince(v.checked_in_at, now) })}</Table.Td>
                <Table.Td>
                  <RunningClock entry={v} receivedAt={data.receivedAt} now={now} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
