// The officer's service screen for one visit: who came and why, the service clock, the
// steps the API allows now (never a hard-coded list), the end and the visitor's rating,
// and the slip and final form to print.
import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { api } from "../../api/client";
import { AppLink } from "../../components/AppLink";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Fact, Section } from "../../components/Sections";
import { useLocale, useSay, useT } from "../../i18n/locale";
import { problemSlug, said, type Said } from "../../i18n/said";
import { codeLabel, catalogue } from "../../i18n/messages";
import { etagOf } from "../../lib/casework";
import { formatDateTime } from "../../lib/dates";
import { buttonSteps, stepPath, type ButtonStep } from "../../lib/desk";
import { useOfficeZone } from "../../office";
import { PrintButtons } from "./PrintButtons";
import { RunningClock } from "./RunningClock";
import { useNow } from "./useLiveQueue";
import { AssignForm, EndForm, RatingForm } from "./VisitForms";

const route = getRouteApi("/meja-layanan/$visitId");

export function VisitPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const zone = useOfficeZone();
  const { visitId } = route.useParams();
  const queries = useQueryClient();
  const now = useNow();
  const [conflict, setConflict] = useState(false);
  const say = useSay();
  const [refused, setRefused] = useState<Said | null>(null); // worded when shown
  const [busy, setBusy] = useState<ButtonStep | null>(null);

  const visit = useQuery({
    queryKey: ["visit", visitId],
    queryFn: async () => {
      const { data, error, response } = await api.GET("/api/v1/consultation/visits/{visit_id}", {
        params: { path: { visit_id: visitId } },
      });
      if (error) throw new Error(String(response.status));
      return { item: data, etag: etagOf(response.headers.get("ETag"), data.version), receivedAt: Date.now() };
    },
    retry: false,
  });
  const reload = () => queries.invalidateQueries({ queryKey: ["visit", visitId] });

  async function step(s: ButtonStep) {
    setBusy(s);
    setRefused(null);
    // The four steps share one shape (no body, the version read as If-Match).
    const path = `/api/v1/consultation/visits/{visit_id}/${stepPath(s)}` as "/api/v1/consultation/visits/{visit_id}/start";
    const { response, error } = await api.POST(path, {
      params: { path: { visit_id: visitId } },
      headers: { "If-Match": visit.data!.etag },
    });
    setBusy(null);
    if (response.status === 412) setConflict(true);
    else if (!response.ok) {
      setRefused(problemSlug(error) === "assigned-elsewhere" ? said("visit.assignedElsewhere") : { problem: error, fallback: "form.error" });
    }
    await reload();
  }

  if (visit.isLoading) return <Loader role="status" aria-label={t("common.loading")} />;
  if (!visit.data) return <Alert color="red">{t("form.error")}</Alert>;
  const { item: v, etag, receivedAt } = visit.data;
  const formProps = { visitId, etag, onDone: () => void reload(), onConflict: () => setConflict(true) };
  const finished = v.status === "ended" || v.status === "completed";

  return (
    <Stack>
      <AppLink to="/meja-layanan">← {t("visit.back")}</AppLink>
      <Title order={1} size="h2">
        {t("visit.title", { number: String(v.ticket) })}
      </Title>
      <Group gap="xl">
        <Text>
          {t("desk.status")}: <strong data-testid="visit-status">{codeLabel(labels, "visitStatus", v.status)}</strong>
        </Text>
        <Text>
          {t("desk.clock")}: <RunningClock entry={v} receivedAt={receivedAt} now={now} />
        </Text>
        {v.officer && (
          <Text>
            {t("desk.officer")}: {v.officer}
          </Text>
        )}
      </Group>
      {refused && (
        <Alert color="red" role="alert">
          {say(refused)}
        </Alert>
      )}
      <Section title={t("visit.details")} id="visit-details">
        {v.visitor_disclosure === "masked" && <Text size="sm">{t("visit.masked")}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0}>
          <Fact label={t("visit.visitor")}>{v.visitor?.name ?? "—"}</Fact>
          <Fact label={t("visit.institution")}>{v.institution ?? "—"}</Fact>
          <Fact label={t("visit.phone")}>{v.visitor?.phone ?? "—"}</Fact>
          <Fact label={t("desk.category")}>{codeLabel(labels, "category", v.category)}</Fact>
          <Fact label={t("visit.checkedIn")}>{formatDateTime(v.checked_in_at, zone, locale === "id" ? "id-ID" : "en-GB")}</Fact>
          <Fact label={t("visit.description")}>{v.description}</Fact>
          {v.outcome && <Fact label={t("visit.outcome")}>{v.outcome}</Fact>}
          {v.rating !== null && (
            <Fact label={t("visit.rating")}>
              <span data-testid="visit-rating">{t("visit.rated", { score: v.rating })}</span>
              {v.signed && ` · ${t("visit.signed")}`}
            </Fact>
          )}
        </SimpleGrid>
      </Section>
      {buttonSteps(v.allowed_steps).length > 0 && (
        <Section title={t("visit.steps")} id="visit-steps">
          <Group>
            {buttonSteps(v.allowed_steps).map((s) => (
              <Button key={s} onClick={() => void step(s)} loading={busy === s} disabled={busy !== null && busy !== s}>
                {codeLabel(labels, "visitStep", s)}
              </Button>
            ))}
          </Group>
        </Section>
      )}
      {v.allowed_steps.includes("assign") && <AssignForm {...formProps} officer={v.officer} />}
      {v.allowed_steps.includes("end") && <EndForm {...formProps} />}
      {v.allowed_steps.includes("rate") && <RatingForm {...formProps} />}
      <Section title={t("visit.print")} id="visit-print">
        <PrintButtons visitId={visitId} kind="slip" />
        {finished && <PrintButtons visitId={visitId} kind="form" />}
      </Section>
      <ConflictDialog
        of="visit"
        opened={conflict}
        onClose={() => setConflict(false)}
        onReload={() => {
          setConflict(false);
          void reload();
        }}
      />
    </Stack>
  );
}
