// The recommendation after an LHP that found maladministration (UU 37/2008 art. 38):
// issue it, record the day the agency received it (the 60 days for the implementation
// report start then), and record the agency's reports. Each form shows only when the
// case's `allowed_actions` lists its step; each sends the version it read (If-Match).
import { Button, Group, Select, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import type { FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { DateField } from "../../components/DateFields";
import { DraftNotice, useDraft } from "../../components/Draft";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { todayIn } from "../../lib/dates";
import type { WriteProps } from "./Forms";

type S = components["schemas"];
const IMPLEMENTATIONS = ["implemented", "partly", "not_implemented"] as const satisfies readonly S["Implementation"][];

function useImplementationLabels(): Record<S["Implementation"], string> {
  const t = useT();
  return {
    implemented: t("rec.impl.implemented"),
    partly: t("rec.impl.partly"),
    not_implemented: t("rec.impl.not_implemented"),
  };
}

export function IssueRecommendationForm(props: WriteProps): React.JSX.Element {
  const t = useT();
  const w = useWrite(props);
  const draft = useDraft("case-recommendation", props.caseId, { values: w.values }, (kept) => w.reset(kept.values));

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      // An empty text is the API's to refuse: its message lands at the field.
      text: w.values.text || undefined,
      received_on: w.values.received_on || null,
    };
    void w.send(
      () =>
        api.POST("/api/v1/examination/cases/{case_id}/recommendation", {
          params: { path: { case_id: props.caseId } },
          body: body as S["RecommendationCreate"],
          headers: { "If-Match": props.etag },
        }),
      () => draft.saved({ values: {} }),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="rec-new">
      <Stack>
        <Title order={3} size="h4" id="rec-new">
          {t("rec.new")}
        </Title>
        <DraftNotice draft={draft} />
        <General message={w.errors.general} />
        <Textarea label={t("rec.text")} required autosize minRows={3} {...w.bind("text")} />
        <DateField
          label={t("rec.receivedOn")}
          description={t("rec.receivedHint")}
          value={w.values.received_on ?? ""}
          onChange={(e) => w.set("received_on", e.currentTarget.value)}
          maxDate={todayIn(props.zone)}
          error={w.errors.fields.received_on}
          clearable
        />
        <Group>
          <Button type="submit" loading={w.busy}>
            {t("rec.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ReceiptForm(props: WriteProps): React.JSX.Element {
  const t = useT();
  const w = useWrite(props, { received_on: todayIn(props.zone) });
  const receivedOn = w.values.received_on ?? "";

  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(() =>
      api.POST("/api/v1/examination/cases/{case_id}/recommendation/receipt", {
        params: { path: { case_id: props.caseId } },
        body: { received_on: receivedOn },
        headers: { "If-Match": props.etag },
      }),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="rec-receipt">
      <Stack gap="xs">
        <Title order={3} size="h4" id="rec-receipt">
          {t("rec.receipt")}
        </Title>
        <General message={w.errors.general} />
        <Group align="flex-end">
          <DateField
            label={t("rec.receivedOn")}
            value={receivedOn}
            onChange={(e) => w.set("received_on", e.currentTarget.value)}
            maxDate={todayIn(props.zone)}
            error={w.errors.fields.received_on}
          />
          <Button type="submit" variant="outline" loading={w.busy}>
            {t("rec.receiptSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ImplementationReportForm(props: WriteProps): React.JSX.Element {
  const t = useT();
  const labels = useImplementationLabels();
  const w = useWrite(props);
  const draft = useDraft("case-rec-report", props.caseId, { values: w.values }, (kept) => w.reset(kept.values));
  const implementation = w.values.implementation ?? "";

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      implementation: implementation || undefined,
      text: w.values.text || undefined,
    };
    void w.send(
      () =>
        api.POST("/api/v1/examination/cases/{case_id}/recommendation/reports", {
          params: { path: { case_id: props.caseId } },
          body: body as S["RecommendationReportCreate"],
          headers: { "If-Match": props.etag, "Idempotency-Key": crypto.randomUUID() },
        }),
      () => {
        w.reset({});
        draft.saved({ values: {} });
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="rec-report">
      <Stack gap="xs">
        <Title order={3} size="h4" id="rec-report">
          {t("rec.reportNew")}
        </Title>
        <Saved when={w.saved} message={t("rec.reportDone")} />
        <DraftNotice draft={draft} />
        <General message={w.errors.general} />
        <Select
          label={t("rec.implementation")}
          required
          data={IMPLEMENTATIONS.map((k) => ({ value: k, label: labels[k] }))}
          value={implementation || null}
          onChange={(v) => w.set("implementation", v ?? "")}
          error={w.errors.fields.implementation}
        />
        <Textarea label={t("rec.reportText")} required autosize minRows={2} {...w.bind("text")} />
        <Group>
          <Button type="submit" variant="outline" loading={w.busy}>
            {t("rec.reportSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// The recommendation as issued, with its receipt and the agency's reports.
export function RecommendationFacts(props: {
  rec: S["RecommendationPublic"];
  when: (iso: string) => string;
  day: (iso: string) => string;
}): React.JSX.Element {
  const t = useT();
  const labels = useImplementationLabels();
  const { rec, when, day } = props;
  return (
    <Stack gap="xs" data-testid="recommendation">
      <Text>{rec.text}</Text>
      <Text size="sm">
        {t("rec.issuedAt")}: {when(rec.issued_at)}
      </Text>
      <Text size="sm">
        {t("rec.receivedOn")}: {rec.received_on ? day(rec.received_on) : t("rec.notReceived")}
      </Text>
      {rec.report_due_on && (
        <Text size="sm">
          {t("rec.dueOn")}: {day(rec.report_due_on)}
        </Text>
      )}
      {rec.overdue && (
        <Text size="sm" c="red.9" fw={600}>
          {t("rec.overdue")}
        </Text>
      )}
      <Text size="sm">{t("rec.reports", { count: rec.reports.length })}</Text>
      {rec.reports.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("rec.reportedAt")}</Table.Th>
              <Table.Th scope="col">{t("rec.implementation")}</Table.Th>
              <Table.Th scope="col">{t("rec.reportText")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rec.reports.map((r) => (
              <Table.Tr key={r.id} data-report={r.implementation}>
                <Table.Td>
                  {when(r.reported_at)}
                  {r.late && ` (${t("response.late")})`}
                </Table.Td>
                <Table.Td>{labels[r.implementation]}</Table.Td>
                <Table.Td>{r.text}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
