// A case as its examiner works it: the facts and the live SLA chip, the timeline, the
// activities, the final report (LHP) with its corrective actions, the reporter's
// responses, the recommendation and the closure; and the forms for the next steps.
import { Alert, Badge, Divider, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { api } from "../../api/client";
import { AppLink } from "../../components/AppLink";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Fact, Section } from "../../components/Sections";
import { SlaChip } from "../../components/SlaChip";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { etagOf, formatRupiah } from "../../lib/casework";
import { formatDate, formatDateTime } from "../../lib/dates";
import { useMe, useOfficeZone, useRoster } from "../../office";
import { AssignmentForm } from "./Assignment";
import { ActionDoneForm, ActivityForm, ClosureForm, ConclusionForm, StatusForm, type WriteProps } from "./Forms";
import { ImplementationReportForm, IssueRecommendationForm, ReceiptForm, RecommendationFacts } from "./Recommendation";
import { ReporterResponseForm } from "./ReporterResponse";

const route = getRouteApi("/pemeriksaan/$caseId");

// A detail the timeline shows beside an entry: what kind of activity, which finding,
// which outcome (the API's codes, labelled here).
function entryDetail(labels: Record<string, string>, type: string, data: Record<string, unknown>): string | null {
  const code = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : null);
  if (type === "activity" && code("kind")) return codeLabel(labels, "activityKind", code("kind")!);
  if (type === "concluded" && code("finding")) return codeLabel(labels, "finding", code("finding")!);
  if (type === "closed" && code("outcome")) return codeLabel(labels, "outcome", code("outcome")!);
  if (type === "classified" && code("classification")) return codeLabel(labels, "classification", code("classification")!);
  return null;
}

export function CasePage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const intlLocale = locale === "id" ? "id-ID" : "en-GB";
  const zone = useOfficeZone();
  const me = useMe();
  const roster = useRoster();
  const { caseId } = route.useParams();
  const queries = useQueryClient();
  const [conflict, setConflict] = useState(false);

  const detail = useQuery({
    queryKey: ["case", caseId],
    queryFn: async () => {
      const { data, error, response } = await api.GET("/api/v1/examination/cases/{case_id}", {
        params: { path: { case_id: caseId } },
      });
      if (error) throw new Error(String(response.status));
      return { item: data, etag: etagOf(response.headers.get("ETag"), data.version) };
    },
    retry: false,
  });
  const path = { params: { path: { case_id: caseId } } };
  const timeline = useQuery({
    queryKey: ["case", caseId, "timeline"],
    queryFn: async () => (await api.GET("/api/v1/examination/cases/{case_id}/timeline", path)).data ?? [],
  });
  const activities = useQuery({
    queryKey: ["case", caseId, "activities"],
    queryFn: async () => (await api.GET("/api/v1/examination/cases/{case_id}/activities", path)).data ?? [],
  });
  const concluded = Boolean(detail.data?.item.conclusion);
  const responses = useQuery({
    queryKey: ["case", caseId, "responses"],
    enabled: concluded,
    queryFn: async () => (await api.GET("/api/v1/examination/cases/{case_id}/reporter-responses", path)).data ?? [],
  });
  const recommendation = useQuery({
    queryKey: ["case", caseId, "recommendation"],
    enabled: concluded,
    // No recommendation is a 404: shown as "none", not as an error.
    queryFn: async () => (await api.GET("/api/v1/examination/cases/{case_id}/recommendation", path)).data ?? null,
  });

  function refresh() {
    void queries.invalidateQueries({ queryKey: ["case", caseId] });
    void queries.invalidateQueries({ queryKey: ["cases"] });
  }

  if (detail.isLoading) return <Loader role="status" aria-label={t("common.loading")} />;
  if (!detail.data) {
    return (
      <Stack>
        <Alert color="red" role="alert">
          {t("case.notFound")}
        </Alert>
        <AppLink to="/pemeriksaan" search={{}}>
          {t("case.back")}
        </AppLink>
      </Stack>
    );
  }

  const c = detail.data.item;
  // Which forms show is the API's answer for this caller (`allowed_actions`), from the
  // rules its writes apply and the caller's roles and assignment.
  const allows = (action: string) => (c.allowed_actions ?? []).includes(action);
  const write: WriteProps = {
    caseId,
    etag: detail.data.etag,
    zone,
    onSaved: refresh,
    onConflict: () => setConflict(true),
  };
  const when = (iso: string) => formatDateTime(iso, zone, intlLocale);
  const day = (iso: string) => formatDate(iso, zone, intlLocale);

  return (
    <Stack>
      <AppLink to="/pemeriksaan" search={{}}>
        ← {t("case.back")}
      </AppLink>
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          {t("case.title", { number: c.registration_number })}
        </Title>
        <Group gap="xs">
          <Badge variant="outline" color="dark" size="lg" tt="none" data-testid="case-status">
            {codeLabel(labels, "caseStatus", c.status)}
          </Badge>
          <SlaChip state={c.sla.state} days={c.sla.remaining} unit={c.sla.unit} />
        </Group>
      </Group>

      <Section title={t("case.facts")} id="facts">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0}>
          <Fact label={t("board.agency")}>{c.reported_agency}</Fact>
          <Fact label={t("board.classification")}>
            {c.classification ? codeLabel(labels, "classification", c.classification) : t("classification.none")}
          </Fact>
          <Fact label={t("case.examiner")}>
            {c.examiner_id === null ? t("case.unassigned") : c.examiner_id === me.data?.subject
                ? t("case.you")
                : (roster.data?.find((e) => e.examiner_id === c.examiner_id)?.display_name ?? "—")}
          </Fact>
          <Fact label={t("board.opened")}>{when(c.opened_at)}</Fact>
          <Fact label={t("board.sla")}>{c.sla.due_on ? day(c.sla.due_on) : codeLabel(labels, "slaState", c.sla.state)}</Fact>
          <Fact label={t("track.kind")}>{codeLabel(labels, "kind", c.kind)}</Fact>
        </SimpleGrid>
        <Text>{c.summary}</Text>
        {allows("move") && (
          <>
            <Divider />
            <StatusForm {...write} moves={c.allowed_moves ?? []} />
          </>
        )}
        {allows("assign") && (
          <>
            <Divider />
            <AssignmentForm {...write} examinerId={c.examiner_id} />
          </>
        )}
      </Section>

      <Section title={t("case.timeline")} id="timeline">
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("case.when")}</Table.Th>
              <Table.Th scope="col">{t("case.what")}</Table.Th>
              <Table.Th scope="col">{t("board.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(timeline.data ?? []).map((e, i) => (
              <Table.Tr key={`${e.at}-${i}`} data-event={e.type}>
                <Table.Td>{when(e.at)}</Table.Td>
                <Table.Td>
                  {codeLabel(labels, "event", e.type)}
                  {entryDetail(labels, e.type, e.data) && <Text span inherit c="dimmed">{` — ${entryDetail(labels, e.type, e.data)}`}</Text>}
                </Table.Td>
                <Table.Td>{e.status ? codeLabel(labels, "caseStatus", e.status) : ""}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>

      <Section title={t("case.activities")} id="activities">
        {(activities.data ?? []).length === 0 ? (
          <Text c="dimmed">{t("activity.none")}</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("activity.heldOn")}</Table.Th>
                <Table.Th scope="col">{t("activity.kind")}</Table.Th>
                <Table.Th scope="col">{t("activity.summary")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(activities.data ?? []).map((a) => (
                <Table.Tr key={a.id} data-activity={a.kind}>
                  <Table.Td>{day(a.held_on)}</Table.Td>
                  <Table.Td>{codeLabel(labels, "activityKind", a.kind)}</Table.Td>
                  <Table.Td>{a.summary}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {allows("record_activity") && (
          <>
            <Divider />
            <ActivityForm {...write} />
          </>
        )}
      </Section>

      <Section title={t("case.lhp")} id="lhp">
        {c.conclusion ? (
          <Stack gap="xs" data-testid="lhp">
            <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0}>
              <Fact label={t("lhp.finding")}>{codeLabel(labels, "finding", c.conclusion.finding)}</Fact>
              <Fact label={t("lhp.concludedAt")}>{when(c.conclusion.concluded_at)}</Fact>
              {c.conclusion.forms.length > 0 && (
                <Fact label={t("lhp.forms")}>{c.conclusion.forms.map((f) => codeLabel(labels, "mal", f)).join(", ")}</Fact>
              )}
              {c.conclusion.corrective_due_on && (
                <Fact label={t("lhp.correctiveDue")}>{day(c.conclusion.corrective_due_on)}</Fact>
              )}
              <Fact label={t("lhp.responseUntil")}>{day(c.conclusion.reporter_response_until)}</Fact>
            </SimpleGrid>
            <Text>{c.conclusion.summary}</Text>
            {c.conclusion.recommendation && (
              <Fact label={t("lhp.recommendation")}>{c.conclusion.recommendation}</Fact>
            )}
            {c.conclusion.corrective_actions.length > 0 && (
              <Table captionSide="top">
                <caption style={{ textAlign: "left", fontWeight: 600 }}>{t("lhp.actionsTitle")}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">#</Table.Th>
                    <Table.Th scope="col">{t("lhp.action")}</Table.Th>
                    <Table.Th scope="col">{t("lhp.actionState")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.conclusion.corrective_actions.map((a, i) => (
                    <Table.Tr key={i} data-action={i} data-done={a.done_on !== null}>
                      <Table.Td>{i + 1}</Table.Td>
                      <Table.Td>{a.description}</Table.Td>
                      <Table.Td>
                        {a.done_on ? (
                          t("lhp.actionDone", { date: day(a.done_on) })
                        ) : allows("mark_action_done") ? (
                          <ActionDoneForm {...write} index={i} />
                        ) : (
                          t("lhp.actionOpen")
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        ) : allows("conclude") ? (
          <ConclusionForm {...write} />
        ) : (
          <Text c="dimmed">{t("lhp.none")}</Text>
        )}
      </Section>

      {concluded && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Section title={t("case.responses")} id="responses">
            {(responses.data ?? []).length === 0 ? (
              <Text c="dimmed">{t("response.none")}</Text>
            ) : (
              <Stack gap="xs">
                {(responses.data ?? []).map((r) => (
                  <div key={r.id}>
                    <Text fw={600}>
                      {codeLabel(labels, "stance", r.stance)} · {when(r.responded_at)}
                      {r.late && ` (${t("response.late")})`}
                    </Text>
                    <Text>{r.text}</Text>
                  </div>
                ))}
              </Stack>
            )}
            {allows("record_response") && (
              <>
                <Divider />
                <ReporterResponseForm {...write} />
              </>
            )}
          </Section>
          <Section title={t("case.recommendation")} id="recommendation">
            {recommendation.data ? (
              <RecommendationFacts rec={recommendation.data} when={when} day={day} />
            ) : allows("issue_recommendation") ? null : (
              <Text c="dimmed">{t("rec.none")}</Text>
            )}
            {allows("issue_recommendation") && <IssueRecommendationForm {...write} />}
            {allows("record_recommendation_receipt") && (
              <>
                <Divider />
                <ReceiptForm {...write} />
              </>
            )}
            {allows("record_recommendation_report") && (
              <>
                <Divider />
                <ImplementationReportForm {...write} />
              </>
            )}
          </Section>
        </SimpleGrid>
      )}

      <Section title={t("case.closure")} id="closure">
        {c.closure ? (
          <Stack gap="xs" data-testid="closure">
            <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0}>
              <Fact label={t("closure.outcome")}>{codeLabel(labels, "outcome", c.closure.outcome)}</Fact>
              <Fact label={t("closure.route")}>{codeLabel(labels, "route", c.closure.route)}</Fact>
              <Fact label={t("closure.closedAt")}>{when(c.closure.closed_at)}</Fact>
              {c.closure.public_loss && (
                <Fact label={t("closure.loss")}>
                  {codeLabel(labels, "lossKind", c.closure.public_loss.kind)}:{" "}
                  {formatRupiah(c.closure.public_loss.amount_idr, intlLocale)} ·{" "}
                  {c.closure.public_loss.description}
                </Fact>
              )}
            </SimpleGrid>
            {c.closure.note && <Text>{c.closure.note}</Text>}
          </Stack>
        ) : allows("close") ? (
          <ClosureForm {...write} />
        ) : (
          <Text c="dimmed">{t("closure.none")}</Text>
        )}
      </Section>

      <ConflictDialog
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
