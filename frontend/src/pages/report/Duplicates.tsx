// The duplicate panel of a report under verification: each candidate the API found,
// side by side with this report, its score and the reasons that fired; the officer marks
// this report a duplicate or a copy of it, or merges this report into it. Each action
// asks first (a merge moves the files and the history) and sends the version read
// (If-Match): a newer one opens the conflict dialog.
import { Alert, Badge, Button, Group, Loader, Modal, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { AppLink } from "../../components/AppLink";
import { General, Saved, useWrite } from "../../components/Write";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { formatDate } from "../../lib/dates";
import { canLink, LINK_ACTIONS, orderedReasons, scoreBand, scorePercent, type LinkAction } from "../../lib/duplicates";

type Report = components["schemas"]["ReportDetail"];
type Candidate = components["schemas"]["DuplicatePublic"];

const ACTION_LABEL = { duplicate: "dup.markDuplicate", copy: "dup.markCopy", merged: "dup.merge" } as const;
const CONFIRM_BODY = { duplicate: "dup.confirmDuplicate", copy: "dup.confirmCopy", merged: "dup.confirmMerge" } as const;
const BAND_COLOR = { high: "red", medium: "orange", low: "gray" } as const;

export function DuplicatePanel(props: {
  report: Report;
  etag: string;
  zone: string;
  onSaved: () => void;
  onConflict: () => void;
}): React.JSX.Element {
  const t = useT();
  const { report } = props;
  const [asked, setAsked] = useState<{ action: LinkAction; candidate: Candidate } | null>(null);
  const w = useWrite(props);

  const candidates = useQuery({
    queryKey: ["report", report.id, "duplicates"],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/intake/reports/{report_id}/duplicates", {
        params: { path: { report_id: report.id } },
      });
      if (error) throw new Error("duplicates");
      return data.items;
    },
  });

  function confirm() {
    if (!asked) return;
    const { action, candidate } = asked;
    setAsked(null);
    void w.send(() =>
      api.POST("/api/v1/intake/reports/{report_id}/links", {
        params: { path: { report_id: report.id } },
        body: { target_report_id: candidate.report_id, link: action },
        headers: { "If-Match": props.etag },
      }),
    );
  }

  const items = candidates.data ?? [];
  return (
    <Stack gap="sm">
      <Saved when={w.saved} message={t("dup.saved")} />
      <General message={w.errors.general ?? w.errors.fields.target_report_id ?? w.errors.fields.link ?? null} />
      {report.linked_report_id !== null && (
        <Alert color="gray" data-testid="dup-linked">
          {t("dup.linked", { link: linkWord(t, report.link_type) })}{" "}
          <AppLink to="/verifikasi/$reportId" params={{ reportId: report.linked_report_id }}>
            {t("dup.openLinked")}
          </AppLink>
        </Alert>
      )}
      {candidates.isLoading && <Loader role="status" aria-label={t("common.loading")} />}
      {candidates.isError && <Alert color="red">{t("form.error")}</Alert>}
      {candidates.data && items.length === 0 && (
        <Text c="dimmed" role="status" data-testid="dup-none">
          {t("dup.none")}
        </Text>
      )}
      {items.map((c) => (
        <CandidatePair
          key={c.report_id}
          report={report}
          candidate={c}
          zone={props.zone}
          busy={w.busy}
          onAct={canLink(report) ? (action) => setAsked({ action, candidate: c }) : null}
        />
      ))}
      <Modal
        opened={asked !== null}
        onClose={() => setAsked(null)}
        title={asked ? t(ACTION_LABEL[asked.action]) : ""}
        centered
        closeButtonProps={{ "aria-label": t("common.close") }}
        // Inside <main>: the modal's header portalled to the body is a second banner.
        withinPortal={false}
      >
        {asked && (
          <Stack>
            <Text>
              {t(CONFIRM_BODY[asked.action], {
                number: report.registration_number,
                other: asked.candidate.registration_number,
              })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsked(null)}>
                {t("dup.cancel")}
              </Button>
              <Button color={asked.action === "merged" ? "red" : undefined} onClick={confirm} data-autofocus>
                {t(ACTION_LABEL[asked.action])}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function linkWord(t: ReturnType<typeof useT>, link: string | null): string {
  if (link === "duplicate") return t("dup.wordDuplicate");
  if (link === "copy") return t("dup.wordCopy");
  if (link === "merged") return t("dup.wordMerged");
  return link ?? "";
}

// One candidate beside this report: the same facts in the same order, so the eye
// compares row by row.
function CandidatePair({
  report,
  candidate,
  zone,
  busy,
  onAct,
}: {
  report: Report;
  candidate: Candidate;
  zone: string;
  busy: boolean;
  onAct: ((action: LinkAction) => void) | null;
}): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const intlLocale = locale === "id" ? "id-ID" : "en-GB";
  const percent = scorePercent(candidate.score);
  const headingId = `dup-${candidate.report_id}`;
  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={headingId} data-candidate={candidate.registration_number}>
      <Stack gap="xs">
        <Group justify="space-between" align="center">
          <Title order={3} size="h5" id={headingId}>
            {t("dup.pair", { other: candidate.registration_number })}
          </Title>
          <Badge color={BAND_COLOR[scoreBand(candidate.score)]} variant="light" size="lg" tt="none" data-testid="dup-score">
            {t("dup.score", { percent })}
          </Badge>
        </Group>
        <Group gap="xs" aria-label={t("dup.reasons")} role="list">
          {orderedReasons(candidate.reasons).map((r) => (
            <Badge key={r} variant="outline" color="dark" tt="none" role="listitem">
              {codeLabel(labels, "dupReason", r)}
            </Badge>
          ))}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Side
            heading={t("dup.thisReport", { number: report.registration_number })}
            kind={codeLabel(labels, "kind", report.kind)}
            status={codeLabel(labels, "status", report.status)}
            received={formatDate(report.created_at, zone, intlLocale)}
            summary={report.summary}
          />
          <Side
            heading={
              <AppLink to="/verifikasi/$reportId" params={{ reportId: candidate.report_id }}>
                {candidate.registration_number}
              </AppLink>
            }
            kind={codeLabel(labels, "kind", candidate.kind)}
            status={codeLabel(labels, "status", candidate.status)}
            received={formatDate(candidate.created_at, zone, intlLocale)}
            summary={candidate.summary}
          />
        </SimpleGrid>
        {onAct && (
          <Group gap="xs">
            {LINK_ACTIONS.map((action) => (
              <Button
                key={action}
                size="xs"
                variant={action === "merged" ? "outline" : "light"}
                color={action === "merged" ? "red" : undefined}
                disabled={busy}
                onClick={() => onAct(action)}
                aria-describedby={headingId}
              >
                {t(ACTION_LABEL[action])}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function Side(props: { heading: React.ReactNode; kind: string; status: string; received: string; summary: string }) {
  const t = useT();
  return (
    <Stack gap={4}>
      <Text fw={600}>{props.heading}</Text>
      <Text size="sm">
        {props.kind} · {props.status} · {t("queue.received")} {props.received}
      </Text>
      <Text size="sm" lineClamp={5}>
        {props.summary}
      </Text>
    </Stack>
  );
}
