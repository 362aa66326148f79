// One Red Button case for a protection officer: the account, who reported (sealed or
// anonymous as the API says), acknowledge, protective actions against the 1x24-hour
// deadline (in the office's zone), and the messages with the intern.
import { Alert, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { AppLink } from "../../components/AppLink";
import { useLocale, useSay, useT } from "../../i18n/locale";
import { type MessageId, catalogue } from "../../i18n/messages";
import { said, type Saying } from "../../i18n/said";
import { formatDateTime } from "../../lib/dates";
import { useCapabilities } from "../../capabilities";
import { useOfficeZone } from "../../office";
import { NotForRole, rbLabel, useRedButtonCases, type RedButtonCase } from "./data";
import { NotForRolePage } from "./NotForRole";
import { ProtectionChip } from "./Protection";

const ACTIONS = ["suspend_placement", "move_intern", "refer_task_force", "refer_sapa_129"] as const;

export function ProtectionCasePage(): React.JSX.Element {
  const t = useT();
  const { ready, may } = useCapabilities();
  const { caseId } = useParams({ from: "/perlindungan/$caseId" });
  const cases = useRedButtonCases();
  if (ready && !may("redbutton.cases")) return <NotForRolePage />;
  if (cases.error instanceof NotForRole) return <NotForRolePage />;
  const item = cases.data?.find((c) => c.id === caseId);
  return (
    <Stack>
      <AppLink to="/perlindungan">{t("rb.case.back")}</AppLink>
      <Title order={1} size="h2">
        {t("rb.case.title")}
      </Title>
      {cases.data && !item && <Alert color="gray">{t("rb.case.notFound")}</Alert>}
      {item && <CaseView item={item} />}
    </Stack>
  );
}

function CaseView({ item }: { item: RedButtonCase }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const queries = useQueryClient();
  const labels: Record<string, string> = catalogue(locale);
  const when = (iso: string) => formatDateTime(iso, zone, locale === "id" ? "id-ID" : "en-GB");
  // Kept as message ids, worded when shown: a switch of language rewords them.
  const [notice, setNotice] = useState<MessageId | null>(null);
  const [failure, setFailure] = useState<MessageId | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () => queries.invalidateQueries({ queryKey: ["red-button-cases"] });

  async function acknowledge() {
    setBusy(true);
    const { response } = await api.POST("/api/v1/internship/red-button/cases/{case_id}/acknowledgement", {
      params: { path: { case_id: item.id } },
      headers: { "If-Match": `"${item.version}"` },
    });
    setBusy(false);
    if (response.ok) setNotice("rb.case.acknowledged");
    else setFailure(response.status === 412 ? "rb.case.conflict" : "rb.action.failed");
    await refresh();
  }

  return (
    <Stack>
      <Table withTableBorder>
        <Table.Tbody>
          <Row label={t("rb.area.raisedAt")} value={when(item.raised_at)} />
          <Row label={t("rb.area.severity")} value={rbLabel(labels, "severity", item.severity)} />
          <Row label={t("rb.area.mode")} value={rbLabel(labels, "mode", item.mode)} />
          <Row label={t("rb.area.status")} value={rbLabel(labels, "status", item.status)} testId="rb-status" />
          <Table.Tr>
            <Table.Th scope="row">{t("rb.case.due")}</Table.Th>
            <Table.Td>
              <Stack gap={4}>
                <Text>{when(item.protection_due)}</Text>
                <ProtectionChip item={item} now={new Date()} />
              </Stack>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t("rb.case.reporter")}</Table.Th>
            <Table.Td>
              {item.reporter
                ? [item.reporter.name, item.reporter.phone, item.reporter.email, item.reporter.institution].filter(Boolean).join(" · ")
                : t(item.reporter_sealed ? "rb.case.sealed" : "rb.case.anonymous")}
            </Table.Td>
          </Table.Tr>
          {item.reported && (
            <Table.Tr>
              <Table.Th scope="row">{t("rb.case.reported")}</Table.Th>
              <Table.Td>
                <Stack gap={2}>
                  <Text>{[item.reported.person, item.reported.unit].filter(Boolean).join(" · ")}</Text>
                  {item.same_person_reports ? <Text fw={700}>{t("rb.case.samePerson", { count: item.same_person_reports })}</Text> : null}
                  {item.same_unit_reports ? <Text fw={700}>{t("rb.case.sameUnit", { count: item.same_unit_reports })}</Text> : null}
                </Stack>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Paper withBorder p="md">
        <Title order={2} size="h4">
          {t("rb.case.account")}
        </Title>
        <Text style={{ whiteSpace: "pre-wrap" }}>{item.account}</Text>
      </Paper>
      {item.escalation_level > 0 && <Text>{t("rb.case.escalated", { count: item.escalation_level })}</Text>}
      {item.acknowledged_at ? (
        <Text>{t("rb.case.acknowledgedBy", { name: item.acknowledged_by ?? "", date: when(item.acknowledged_at) })}</Text>
      ) : (
        <Button color="red" style={{ alignSelf: "flex-start" }} loading={busy} onClick={() => void acknowledge()}>
          {t("rb.case.acknowledge")}
        </Button>
      )}
      {notice && <Alert role="status">{t(notice)}</Alert>}
      {failure && (
        <Alert color="red" role="alert">
          {t(failure)}
        </Alert>
      )}
      <ActionForm item={item} onDone={refresh} when={when} />
      <Messages caseId={item.id} when={when} />
    </Stack>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row">{label}</Table.Th>
      <Table.Td data-testid={testId}>{value}</Table.Td>
    </Table.Tr>
  );
}

function ActionForm({ item, onDone, when }: { item: RedButtonCase; onDone: () => Promise<void>; when: (iso: string) => string }): React.JSX.Element {
  const t = useT();
  const [kind, setKind] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [consent, setConsent] = useState(false);
  const say = useSay();
  const [result, setResult] = useState<{ ok: boolean; said: Saying } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!kind || note.trim().length < 3) {
      setResult({ ok: false, said: said("rb.action.failed") });
      return;
    }
    const { response, error } = await api.POST("/api/v1/internship/red-button/cases/{case_id}/actions", {
      params: { path: { case_id: item.id } },
      headers: { "If-Match": `"${item.version}"` },
      body: { kind: kind as (typeof ACTIONS)[number], note, consent },
    });
    if (response.ok) {
      setKind(null);
      setNote("");
      setConsent(false);
      setResult({ ok: true, said: said("rb.action.saved") });
    } else {
      setResult({ ok: false, said: response.status === 412 ? said("rb.case.conflict") : [said("rb.action.failed"), { problem: error }] });
    }
    await onDone();
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Title order={2} size="h4">
            {t("rb.action.title")}
          </Title>
          {item.protected_at && <Text data-testid="rb-protected-at">{t("rb.action.protectedAt", { date: when(item.protected_at) })}</Text>}
          <Select
            label={t("rb.action.kind")}
            required
            value={kind}
            onChange={setKind}
            data={ACTIONS.map((a) => ({ value: a, label: t(`rb.action.${a}`) }))}
          />
          <Textarea label={t("rb.action.note")} required autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Checkbox label={t("rb.action.consent")} checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />
          <Group>
            <Button type="submit">{t("rb.action.submit")}</Button>
          </Group>
          {result && (
            <Alert color={result.ok ? "green" : "red"} role={result.ok ? "status" : "alert"}>
              {say(result.said)}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function Messages({ caseId, when }: { caseId: string; when: (iso: string) => string }): React.JSX.Element {
  const t = useT();
  const [text, setText] = useState("");
  const thread = useQuery({
    queryKey: ["red-button-messages", caseId],
    queryFn: async () => {
      const { data } = await api.GET("/api/v1/internship/red-button/cases/{case_id}/messages", { params: { path: { case_id: caseId } } });
      if (!data) throw new Error("messages");
      return data;
    },
  });

  async function send(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === "") return;
    const { response } = await api.POST("/api/v1/internship/red-button/cases/{case_id}/messages", {
      params: { path: { case_id: caseId } },
      body: { text },
    });
    if (response.ok) {
      setText("");
      await thread.refetch();
    }
  }

  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t("rb.case.messages")}
        </Title>
        {thread.data && thread.data.length === 0 && <Text>{t("rb.messages.empty")}</Text>}
        {thread.data && thread.data.length > 0 && (
          <Table withTableBorder striped>
            <Table.Tbody>
              {thread.data.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Th scope="row" style={{ whiteSpace: "nowrap" }}>
                    {m.author === "officer" ? (m.officer ?? t("rb.messages.from.officer")) : t("rb.case.reporter")}
                    <Text size="xs" c="dimmed">
                      {when(m.sent_at)}
                    </Text>
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: "pre-wrap" }}>{m.text}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form onSubmit={(e) => void send(e)} noValidate>
          <Stack>
            <Textarea label={t("rb.messages.text")} autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} />
            <Button type="submit" style={{ alignSelf: "flex-start" }}>
              {t("rb.messages.send")}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
