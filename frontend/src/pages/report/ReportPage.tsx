// A report as an intake officer verifies it: its facts, the completion deadline, the
// history of its steps, and the forms of what the API allows this caller now: the steps
// (`allowed_steps`: formal verification with the identity completion, material
// verification, the plenary) and the head's age exception (`allowed_actions`).
import { Alert, Badge, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { api } from "../../api/client";
import { AppLink } from "../../components/AppLink";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Fact, Section } from "../../components/Sections";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { lastDayBefore } from "../../lib/board";
import { etagOf } from "../../lib/casework";
import { formatDate, formatDateTime } from "../../lib/dates";
import { plenaryChoices, stepForms } from "../../lib/verification";
import { useOfficeZone } from "../../office";
import { DuplicatePanel } from "./Duplicates";
import { PortalFiles } from "./PortalFiles";
import { ReporterIdentity } from "./ReporterIdentity";
import { AgeExceptionForm, FormalForm, IdentityForm, MaterialForm, PlenaryForm, type StepProps } from "./Steps";

const route = getRouteApi("/verifikasi/$reportId");

export function ReportPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const intlLocale = locale === "id" ? "id-ID" : "en-GB";
  const zone = useOfficeZone();
  const { reportId } = route.useParams();
  const queries = useQueryClient();
  const [conflict, setConflict] = useState(false);

  const detail = useQuery({
    queryKey: ["report", reportId],
    queryFn: async () => {
      const { data, error, response } = await api.GET("/api/v1/intake/reports/{report_id}", {
        params: { path: { report_id: reportId } },
      });
      if (error) throw new Error(String(response.status));
      return { item: data, etag: etagOf(response.headers.get("ETag"), data.version) };
    },
    retry: false,
  });

  function refresh() {
    void queries.invalidateQueries({ queryKey: ["report", reportId] });
    void queries.invalidateQueries({ queryKey: ["reports"] });
  }

  if (detail.isLoading) return <Loader role="status" aria-label={t("common.loading")} />;
  if (!detail.data) {
    return (
      <Stack>
        <Alert color="red" role="alert">
          {t("report.notFound")}
        </Alert>
        <AppLink to="/verifikasi" search={{}}>
          {t("report.back")}
        </AppLink>
      </Stack>
    );
  }

  const r = detail.data.item;
  const forms = stepForms(r.allowed_steps);
  // The head's exception to the age limit, when the API offers it to this caller.
  const exceptsAge = (r.allowed_actions ?? []).includes("age_exception");
  const props: StepProps = {
    reportId,
    etag: detail.data.etag,
    zone,
    represented: r.represented,
    onSaved: refresh,
    onConflict: () => setConflict(true),
  };
  const when = (iso: string) => formatDateTime(iso, zone, intlLocale);

  return (
    <Stack>
      <AppLink to="/verifikasi" search={{}}>
        ← {t("report.back")}
      </AppLink>
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          {t("report.title", { number: r.registration_number })}
        </Title>
        <Badge variant="outline" color="dark" size="lg" tt="none" data-testid="report-status">
          {codeLabel(labels, "status", r.status)}
        </Badge>
      </Group>

      <Section title={t("report.facts")} id="facts">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0}>
          <Fact label={t("track.kind")}>{codeLabel(labels, "kind", r.kind)}</Fact>
          <Fact label={t("register.channel")}>{codeLabel(labels, "channel", r.channel)}</Fact>
          <Fact label={t("queue.received")}>{when(r.received_at)}</Fact>
          <Fact label={t("board.agency")}>{r.reported_agency?.name ?? "—"}</Fact>
          <Fact label={t("register.eventDate")}>{r.event_date ? formatDate(r.event_date, zone, intlLocale) : "—"}</Fact>
          <Fact label={t("queue.deadline")}>
            {r.completion_due ? formatDate(lastDayBefore(r.completion_due), zone, intlLocale) : "—"}
          </Fact>
          <Fact label={t("report.reporter")}>
            {r.reporter.confidential ? t("report.confidential") : t("report.identified")}
            {r.represented && ` · ${t("report.represented")}`}
          </Fact>
        </SimpleGrid>
        <ReporterIdentity reportId={r.id} />
        <Text fw={600}>{r.summary}</Text>
        {r.chronology && <Text style={{ whiteSpace: "pre-wrap" }}>{r.chronology}</Text>}
        {r.rejection_reason && (
          <Alert color="gray" title={t("report.rejectionReason")}>
            {r.rejection_reason}
          </Alert>
        )}
        {r.flags.includes("event_older_than_two_years") && (
          <Alert color={r.flags.includes("age_limit_excepted") ? "gray" : "yellow"} data-testid="age-flag">
            {r.flags.includes("age_limit_excepted") ? t("age.excepted") : t("age.flagged")}
          </Alert>
        )}
      </Section>

      {r.channel === "portal" && <PortalFiles reportId={r.id} />}

      <Section title={t("dup.title")} id="duplicates">
        <DuplicatePanel report={r} {...props} />
      </Section>

      {forms.length === 0 && !exceptsAge ? (
        <Text c="dimmed" data-testid="no-steps">
          {t("report.noSteps")}
        </Text>
      ) : (
        <Section title={t("report.next")} id="next">
          {exceptsAge && <AgeExceptionForm {...props} />}
          {forms.includes("formal") && (
            <>
              <IdentityForm {...props} />
              <FormalForm {...props} />
            </>
          )}
          {forms.includes("material") && <MaterialForm {...props} />}
          {forms.includes("plenary") && <PlenaryForm {...props} choices={plenaryChoices(r.allowed_steps)} />}
        </Section>
      )}

      <Section title={t("report.history")} id="history">
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("case.when")}</Table.Th>
              <Table.Th scope="col">{t("case.what")}</Table.Th>
              <Table.Th scope="col">{t("board.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.timeline.map((s, i) => (
              <Table.Tr key={`${s.at}-${i}`} data-step={s.step}>
                <Table.Td>{when(s.at)}</Table.Td>
                <Table.Td>{codeLabel(labels, "step", s.step)}</Table.Td>
                <Table.Td>{codeLabel(labels, "status", s.to_status)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>

      <ConflictDialog
        of="report"
        opened={conflict}
        onClose={() => setConflict(false)}
        onReload={() => {
          setConflict(false);
          refresh();
        }}
      />
    </Stack>
  );
}
