// The portal (LAPOR!) sync as the head of office follows it: the pull's state per portal
// (last good poll, last catch-up, the failure while the portal is away) with a catch-up
// on demand; the push (the last send the portal took, what waits, what failed); the
// complaints pulled and the report each became; the sends, a failed one replayed; the
// portal's three deadlines on each report pushed. Every word of state is the API's.
import { Alert, Button, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client";
import { AppLink } from "../../components/AppLink";
import { Fact, Section } from "../../components/Sections";
import { useLocale, useT } from "../../i18n/locale";
import type { MessageId } from "../../i18n/messages";
import { formatDate, formatDateTime } from "../../lib/dates";
import { pullHealth, pushSummary, sendTone } from "../../lib/integration";
import { useOfficeZone } from "../../office";
import { Refused, useDeadlines, usePulled, usePullState, useSends, useWord, type Deadlines } from "./data";
import { StateBadge } from "./ImportReport";

function useWhen() {
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const intl = locale === "id" ? "id-ID" : "en-GB";
  return {
    at: (iso: string | null | undefined) => (iso ? formatDateTime(iso, zone, intl) : "—"),
    on: (day: string | null | undefined) => (day ? formatDate(day, zone, intl) : "—"),
  };
}

export function PortalPage(): React.JSX.Element {
  const t = useT();
  const state = usePullState();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("int.portal.title")}
      </Title>
      {state.error instanceof Refused ? (
        <Alert color="gray" data-testid="not-for-role">
          {t("int.headOnly")}
        </Alert>
      ) : (
        <>
          <Text size="sm">{t("int.portal.intro")}</Text>
          <PullSection />
          <PushSection />
          <PulledSection />
          <DeadlinesSection />
        </>
      )}
    </Stack>
  );
}

function Loading({ pending, failed }: { pending: boolean; failed: boolean }) {
  const t = useT();
  if (pending) return <Alert color="gray">{t("int.loading")}</Alert>;
  if (failed) return <Alert color="red">{t("int.failed")}</Alert>;
  return null;
}

function PullSection() {
  const t = useT();
  const word = useWord();
  const when = useWhen();
  const queries = useQueryClient();
  const state = usePullState();
  // Kept as message ids, worded when shown.
  const [asked, setAsked] = useState<MessageId | null>(null);
  const [problem, setProblem] = useState<MessageId | null>(null);

  async function catchUp(portal: string) {
    setProblem(null);
    const { response } = await api.POST("/api/v1/integration/portals/{portal}/catch-up", { params: { path: { portal } } });
    if (response.ok) setAsked("int.portal.catchUpAsked");
    else setProblem("form.error");
    await queries.invalidateQueries({ queryKey: ["integration", "pull-state"] });
  }

  return (
    <Section title={t("int.portal.pull")} id="portal-pull">
      <Loading pending={state.isPending} failed={state.isError} />
      {asked && (
        <Alert color="green" role="status">
          {t(asked)}
        </Alert>
      )}
      {problem && (
        <Alert color="red" role="alert">
          {t(problem)}
        </Alert>
      )}
      {state.data && state.data.length === 0 && <Alert color="gray">{t("int.portal.pullNone")}</Alert>}
      {state.data && state.data.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder striped data-testid="pull-state">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("int.portal.portal")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.health")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.polledAt")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.caughtUpAt")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.lastError")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.catchUp")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.data.map((s) => {
                const health = pullHealth(s);
                return (
                  <Table.Tr key={s.portal} data-portal={s.portal} data-health={health}>
                    <Table.Th scope="row">{s.portal}</Table.Th>
                    <Table.Td>
                      <StateBadge tone={health === "ok" ? "ok" : health === "failing" ? "failed" : "waiting"}>{word("int.portal.health", health)}</StateBadge>
                    </Table.Td>
                    <Table.Td>{when.at(s.polled_at)}</Table.Td>
                    <Table.Td>{when.at(s.caught_up_at)}</Table.Td>
                    <Table.Td>{s.last_error ? `${s.last_error} (${when.at(s.last_error_at)})` : "—"}</Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" variant="default" onClick={() => void catchUp(s.portal)} aria-label={t("int.portal.catchUpFor", { name: s.portal })}>
                        {t("int.portal.catchUp")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

function PushSection() {
  const t = useT();
  const word = useWord();
  const when = useWhen();
  const queries = useQueryClient();
  const sends = useSends();
  const [problem, setProblem] = useState<MessageId | null>(null); // worded when shown
  const summary = sends.data ? pushSummary(sends.data.items, sends.data.next_cursor != null) : null;
  const count = (n: number) => (summary?.more ? t("int.portal.more", { count: n }) : String(n));

  async function replay(id: string) {
    setProblem(null);
    const { response } = await api.POST("/api/v1/integration/portals/sends/{send_id}/replay", { params: { path: { send_id: id } } });
    if (!response.ok) setProblem("form.error");
    await queries.invalidateQueries({ queryKey: ["integration", "sends"] });
  }

  return (
    <Section title={t("int.portal.push")} id="portal-push">
      <Loading pending={sends.isPending} failed={sends.isError} />
      {summary && (
        <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0} data-testid="push-summary">
          <Fact label={t("int.portal.lastSent")}>{when.at(summary.lastSent)}</Fact>
          <Fact label={t("int.portal.pending")}>{count(summary.pending)}</Fact>
          <Fact label={t("int.portal.failedCount")}>{count(summary.failed)}</Fact>
        </SimpleGrid>
      )}
      {problem && (
        <Alert color="red" role="alert">
          {t(problem)}
        </Alert>
      )}
      {sends.data && sends.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table withTableBorder striped captionSide="top" data-testid="portal-sends">
            <caption>{t("int.portal.sends")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("int.portal.report")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.sendKind")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.event")}</Table.Th>
                <Table.Th scope="col">{t("int.files.status")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.attempts")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.nextTry")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.lastError")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.replay")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sends.data.items.map((s) => (
                <Table.Tr key={s.id} data-send={s.id}>
                  <Table.Th scope="row" fw={400}>
                    {s.registration_number}
                  </Table.Th>
                  <Table.Td>{word("int.portal.kind", s.kind)}</Table.Td>
                  <Table.Td>{s.event_type}</Table.Td>
                  <Table.Td>
                    <StateBadge tone={sendTone(s.status)}>{word("int.portal.send", s.status)}</StateBadge>
                  </Table.Td>
                  <Table.Td>{s.attempts}</Table.Td>
                  <Table.Td>{s.status === "pending" ? when.at(s.next_attempt_at) : "—"}</Table.Td>
                  <Table.Td>{s.last_error ?? "—"}</Table.Td>
                  <Table.Td>
                    {s.status === "failed" && (
                      <Button size="compact-sm" variant="default" onClick={() => void replay(s.id)} aria-label={t("int.portal.replayFor", { number: s.registration_number })}>
                        {t("int.portal.replay")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

function PulledSection() {
  const t = useT();
  const word = useWord();
  const when = useWhen();
  const pulled = usePulled();
  return (
    <Section title={t("int.portal.pulled")} id="portal-pulled">
      <Loading pending={pulled.isPending} failed={pulled.isError} />
      {pulled.data && pulled.data.items.length === 0 && <Alert color="gray">{t("int.empty")}</Alert>}
      {pulled.data && pulled.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder striped data-testid="portal-pulled">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("int.portal.tracking")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.portal")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.assignedAt")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.via")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.pulledAt")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.report")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pulled.data.items.map((p) => (
                <Table.Tr key={p.id} data-tracking={p.external_id}>
                  <Table.Th scope="row" fw={400}>
                    {p.external_id}
                  </Table.Th>
                  <Table.Td>{p.portal}</Table.Td>
                  <Table.Td>{when.at(p.assigned_at)}</Table.Td>
                  <Table.Td>{word("int.portal.via", p.via)}</Table.Td>
                  <Table.Td>{when.at(p.pulled_at)}</Table.Td>
                  <Table.Td>
                    {p.report_id && p.registration_number ? (
                      <AppLink to="/verifikasi/$reportId" params={{ reportId: p.report_id }}>
                        {p.registration_number}
                      </AppLink>
                    ) : (
                      t("int.portal.notYet")
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

function DeadlinesSection() {
  const t = useT();
  const deadlines = useDeadlines();
  if (deadlines.data && deadlines.data.length === 0) return null; // nothing pushed: no clocks
  return (
    <Section title={t("int.portal.deadlines")} id="portal-deadlines">
      <Loading pending={deadlines.isPending} failed={deadlines.isError} />
      {deadlines.data && (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder striped data-testid="portal-deadlines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("int.portal.report")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.tracking")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.portalStatus")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.verification")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.followUp")}</Table.Th>
                <Table.Th scope="col">{t("int.portal.closure")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deadlines.data.map((d) => (
                <DeadlineRow key={`${d.portal}-${d.registration_number}`} d={d} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

function DeadlineRow({ d }: { d: Deadlines }) {
  const t = useT();
  const word = useWord();
  const when = useWhen();
  const clock = (c: Deadlines["verification"]) => {
    const tone = c.clock === "met" ? "ok" : c.clock === "overdue" || c.clock === "late" ? "failed" : c.clock === "running" ? "busy" : "waiting";
    return (
      <Stack gap={2}>
        <StateBadge tone={tone}>{word("int.portal.clock", c.clock)}</StateBadge>
        {c.due_on && <Text size="xs">{t("int.portal.due", { date: when.on(c.due_on) })}</Text>}
      </Stack>
    );
  };
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400}>
        {d.registration_number}
      </Table.Th>
      <Table.Td>{d.external_id}</Table.Td>
      <Table.Td>{d.portal_status ?? "—"}</Table.Td>
      <Table.Td>{clock(d.verification)}</Table.Td>
      <Table.Td>{clock(d.follow_up)}</Table.Td>
      <Table.Td>{clock(d.closure)}</Table.Td>
    </Table.Tr>
  );
}
