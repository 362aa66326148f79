// Data subjects' requests (UU 27/2022) of the community's members: recorded as received,
// listed by deadline with the due time in the office's zone and an overdue chip (text and
// icon), answered once (access, correction with the corrected identity, erasure) or
// refused with the reason. Listings carry no text; an answer shows what was given.
import { Alert, Button, Group as Row, Radio, Select, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { ConflictDialog } from "../../components/ConflictDialog";
import { useT } from "../../i18n/locale";
import { formatDateTime } from "../../lib/dates";
import { formErrors, isProblem } from "../../lib/problems";
import { useOfficeZone } from "../../office";
import { nested } from "../fields";
import { useFields } from "../useFields";
import { StateChip } from "./Chips";
import { etagOf, useMembers, useSubjectRequests, type SubjectRequest } from "./communityData";
import { QueryState, useWords } from "./shared";

const KINDS = ["access", "correction", "erasure"] as const;

function DeadlineChip({ request }: { request: SubjectRequest }): React.JSX.Element {
  const t = useT();
  if (request.status !== "received") return <StateChip tone="ok" icon="check" text={t("sr.done")} state="done" />;
  return request.overdue ? (
    <StateChip tone="late" icon="alert" text={t("sr.overdue")} state="overdue" />
  ) : (
    <StateChip tone="warn" icon="clock" text={t("sr.onTime")} state="open" />
  );
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["prevention", "subject-requests"] });
}

function RecordForm(): React.JSX.Element {
  const t = useT();
  const refresh = useRefresh();
  const members = useMembers();
  const { label } = useWords();
  const { values, set, bind, errors, setErrors, reset } = useFields({ member: "", kind: "access", detail: "" });
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.member) return setErrors({ fields: { member: t("field.required") }, general: null });
    const { error } = await api.POST("/api/v1/prevention/community/members/{member_id}/requests", {
      params: { path: { member_id: values.member } },
      body: nested({ kind: values.kind ?? "access", detail: values.detail ?? "" }) as never,
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    if (!error) {
      reset({ member: "", kind: "access", detail: "" });
      await refresh();
      return;
    }
    setErrors(isProblem(error) ? formErrors(error, t("form.error")) : { fields: {}, general: t("form.error") });
  }
  const options = (members.data ?? []).map((m) => ({ value: m.id, label: m.name ?? m.id }));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t("sr.record")}>
      <Stack gap="xs">
        {errors.general && <Alert color="red" role="alert">{errors.general}</Alert>}
        <Row grow align="flex-end">
          <Select label={t("sr.member")} data={options} value={values.member || null} onChange={(v) => set("member", v ?? "")} error={errors.fields.member} searchable required />
          <Select label={t("sr.kind")} data={KINDS.map((k) => ({ value: k, label: label("sr.kind", k) }))} value={values.kind ?? "access"} onChange={(v) => set("kind", v ?? "access")} allowDeselect={false} />
        </Row>
        <Textarea label={t("sr.detail")} autosize minRows={2} {...bind("detail")} />
        <Row>
          <Button type="submit">{t("sr.record")}</Button>
        </Row>
      </Stack>
    </form>
  );
}

function AnswerForm({ request, onDone }: { request: SubjectRequest; onDone: () => void }): React.JSX.Element {
  const t = useT();
  // The answers the API allows now (`allowed_steps`): a correction about a person
  // erased since it was received can only be refused.
  const answerable = request.allowed_steps.includes("answer");
  const [status, setStatus] = useState<"answered" | "refused">(answerable ? "answered" : "refused");
  const [conflict, setConflict] = useState(false);
  const { values, bind, errors, setErrors } = useFields({ answer: "", "correction.name": "", "correction.phone": "" });
  const correcting = request.kind === "correction" && status === "answered";
  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = nested(values) as Record<string, unknown>;
    const body = { status, answer: fields.answer, correction: correcting ? fields.correction : undefined };
    const { error, response } = await api.POST("/api/v1/prevention/subject-requests/{request_id}/answer", {
      params: { path: { request_id: request.id } },
      body: body as never,
      headers: { "If-Match": etagOf(request.version) },
    });
    if (response.status === 412) return setConflict(true);
    if (!error) return onDone();
    setErrors(isProblem(error) ? formErrors(error, t("form.error")) : { fields: {}, general: t("form.error") });
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t("sr.answer")}>
      <Stack gap="xs">
        {errors.general && <Alert color="red" role="alert">{errors.general}</Alert>}
        <Radio.Group value={status} onChange={(v) => setStatus(v as "answered" | "refused")} label={t("sr.status")}>
          <Row gap="md">
            {answerable && <Radio value="answered" label={t("sr.answer")} />}
            {request.allowed_steps.includes("refuse") && <Radio value="refused" label={t("sr.refuse")} />}
          </Row>
        </Radio.Group>
        <Textarea label={t("sr.answerText")} required autosize minRows={2} {...bind("answer")} />
        {correcting && (
          <Row grow>
            <TextInput label={t("sr.correctedName")} required {...bind("correction.name")} />
            <TextInput label={t("sr.correctedPhone")} type="tel" {...bind("correction.phone")} />
          </Row>
        )}
        <Row>
          <Button type="submit">{t("com.save")}</Button>
        </Row>
      </Stack>
      <ConflictDialog opened={conflict} of="member" onClose={() => setConflict(false)} onReload={() => { setConflict(false); onDone(); }} />
    </form>
  );
}

export function SubjectRequestsPanel(): React.JSX.Element {
  const t = useT();
  const zone = useOfficeZone();
  const refresh = useRefresh();
  const { intl, label } = useWords();
  const requests = useSubjectRequests();
  const members = useMembers();
  const [open, setOpen] = useState<string | null>(null);
  if (!requests.data) return <QueryState query={requests} />;
  const names = new Map((members.data ?? []).map((m) => [m.id, m.name]));
  return (
    <Stack>
      <Title order={2} size="h3">{t("sr.title")}</Title>
      <Text size="sm">{t("sr.legal")}</Text>
      {requests.data.length === 0 ? (
        <Text>{t("sr.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder data-testid="subject-requests">
            <caption className="visually-hidden">{t("sr.title")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("sr.member")}</Table.Th>
                <Table.Th scope="col">{t("sr.kind")}</Table.Th>
                <Table.Th scope="col">{t("sr.received")}</Table.Th>
                <Table.Th scope="col">{t("sr.due")}</Table.Th>
                <Table.Th scope="col">{t("sr.status")}</Table.Th>
                <Table.Th scope="col">{t("com.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Th scope="row" fw={400}>{names.get(r.subject_id) ?? r.subject_id.slice(0, 8)}</Table.Th>
                  <Table.Td>{label("sr.kind", r.kind)}</Table.Td>
                  <Table.Td>{formatDateTime(r.received_at, zone, intl)}</Table.Td>
                  <Table.Td>{formatDateTime(r.due_at, zone, intl)}</Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <span>{label("sr.status", r.status)}</span>
                      <DeadlineChip request={r} />
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {r.allowed_steps.length > 0 && (
                      <Button size="xs" variant="default" onClick={() => setOpen(open === r.id ? null : r.id)} aria-expanded={open === r.id}>
                        {t("sr.answer")}
                      </Button>
                    )}
                    {open === r.id && <AnswerForm request={r} onDone={() => { setOpen(null); void refresh(); }} />}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RecordForm />
    </Stack>
  );
}
