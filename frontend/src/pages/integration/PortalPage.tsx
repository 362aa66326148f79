// The portal (LAPOR!) sync as the head of office follows it: the pull's state per portal
// (last good poll, last catch-up, the failure while the portal is away) with a catch-up
// on demand; the push (the last send the portal took, what waits, what failed); the
// complaints pulled and the report each became; the sends, a failed one replayed; the
// portal's three deadlines on each report pushed. Every word of state is the API's.
import { Alert, Button, SimpleGrid, Stack, Text, Title } from "@mantine/core";
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
import { StateBadge } from "./StateBadge";
import { Loading, SectionTable } from "./SectionTable";

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
      <SectionTable
        rows={state.data}
        empty={t("int.portal.pullNone")}
        testId="pull-state"
        rowKey={(s) => s.portal}
        rowData={(s) => ({ "data-portal": s.portal, "data-health": pullHealth(s) })}
        columns={[
          { title: t("int.portal.portal"), cell: (s) => s.portal, weight: 700 },
          {
            title: t("int.portal.health"),
            cell: (s) => {
              const health = pullHealth(s);
              return <StateBadge tone={health === "ok" ? "ok" : health === "failing" ? "failed" : "waiting"}>{word("int.portal.health", health)}</StateBadge>;
            },
          },
          { title: t("int.portal.polledAt"), cell: (s) => when.at(s.polled_at) },
          { title: t("int.portal.caughtUpAt"), cell: (s) => when.at(s.caught_up_at) },
          { title: t("int.portal.lastError"), cell: (s) => (s.last_error ? `${s.last_error} (${when.at(s.last_error_at)})` : "—") },
          {
            title: t("int.portal.catchUp"),
            cell: (s) => (
              <Button size="compact-sm" variant="default" onClick={() => void catchUp(s.portal)} aria-label={t("int.portal.catchUpFor", { name: s.portal })}>
                {t("int.portal.catchUp")}
              </Button>
            ),
          },
        ]}
      />
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
      <SectionTable
        rows={sends.data?.items}
        testId="portal-sends"
        caption={t("int.portal.sends")}
        minWidth={900}
        rowKey={(s) => s.id}
        rowData={(s) => ({ "data-send": s.id })}
        columns={[
          { title: t("int.portal.report"), cell: (s) => s.registration_number },
          { title: t("int.portal.sendKind"), cell: (s) => word("int.portal.kind", s.kind) },
          { title: t("int.portal.event"), cell: (s) => s.event_type },
          { title: t("int.files.status"), cell: (s) => <StateBadge tone={sendTone(s.status)}>{word("int.portal.send", s.status)}</StateBadge> },
          { title: t("int.portal.attempts"), cell: (s) => s.attempts },
          { title: t("int.portal.nextTry"), cell: (s) => (s.status === "pending" ? when.at(s.next_attempt_at) : "—") },
          { title: t("int.portal.lastError"), cell: (s) => s.last_error ?? "—" },
          {
            title: t("int.portal.replay"),
            cell: (s) =>
              s.status === "failed" && (
                <Button size="compact-sm" variant="default" onClick={() => void replay(s.id)} aria-label={t("int.portal.replayFor", { number: s.registration_number })}>
                  {t("int.portal.replay")}
                </Button>
              ),
          },
        ]}
      />
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
      <SectionTable
        rows={pulled.data?.items}
        empty={t("int.empty")}
        testId="portal-pulled"
        rowKey={(p) => p.id}
        rowData={(p) => ({ "data-tracking": p.external_id })}
        columns={[
          { title: t("int.portal.tracking"), cell: (p) => p.external_id },
          { title: t("int.portal.portal"), cell: (p) => p.portal },
          { title: t("int.portal.assignedAt"), cell: (p) => when.at(p.assigned_at) },
          { title: t("int.portal.via"), cell: (p) => word("int.portal.via", p.via) },
          { title: t("int.portal.pulledAt"), cell: (p) => when.at(p.pulled_at) },
          {
            title: t("int.portal.report"),
            cell: (p) =>
              p.report_id && p.registration_number ? (
                <AppLink to="/verifikasi/$reportId" params={{ reportId: p.report_id }}>
                  {p.registration_number}
                </AppLink>
              ) : (
                t("int.portal.notYet")
              ),
          },
        ]}
      />
    </Section>
  );
}

function DeadlinesSection() {
  const t = useT();
  const word = useWord();
  const when = useWhen();
  const deadlines = useDeadlines();
  if (deadlines.data && deadlines.data.length === 0) return null; // nothing pushed: no clocks
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
    <Section title={t("int.portal.deadlines")} id="portal-deadlines">
      <Loading pending={deadlines.isPending} failed={deadlines.isError} />
      <SectionTable
        rows={deadlines.data}
        testId="portal-deadlines"
        rowKey={(d) => `${d.portal}-${d.registration_number}`}
        columns={[
          { title: t("int.portal.report"), cell: (d) => d.registration_number },
          { title: t("int.portal.tracking"), cell: (d) => d.external_id },
          { title: t("int.portal.portalStatus"), cell: (d) => d.portal_status ?? "—" },
          { title: t("int.portal.verification"), cell: (d) => clock(d.verification) },
          { title: t("int.portal.followUp"), cell: (d) => clock(d.follow_up) },
          { title: t("int.portal.closure"), cell: (d) => clock(d.closure) },
        ]}
      />
    </Section>
  );
}
