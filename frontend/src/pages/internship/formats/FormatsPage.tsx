// The institution formats of the internship's completion records: the office's list (its
// own and those shipped), a format edited or loaded from a JSON file, and an intern's
// document printed in a format from the same certificate data.
import { Alert, Button, FileInput, Group, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../../api/client";
import { fetchFile, openToPrint, save } from "../../../api/files";
import type { components } from "../../../api/schema";
import { useSay, useT } from "../../../i18n/locale";
import { said, type Said } from "../../../i18n/said";
import type { MessageId } from "../../../i18n/messages";
import { formErrors, isProblem, type FormErrors } from "../../../lib/problems";
import { useCapabilities } from "../../../capabilities";
import { definitionOf, draftOf, EMPTY_FORMAT, ITEM_CODES, parseFormatFile, type FormatDraft } from "./format";
import { useShownErrors } from "../../useFields";

type FormatPublic = components["schemas"]["FormatPublic"];
const NO_ERRORS: FormErrors = { fields: {}, general: null };

export function InstitutionFormatsPage(): React.JSX.Element {
  const t = useT();
  // Who reads formats (`internship.read`); `internship.review` writes them.
  const { ready, may } = useCapabilities();
  if (ready && !may("internship.read")) return <Alert color="gray">{t("fmt.notForRole")}</Alert>;
  return <Formats />;
}

function useFormats() {
  return useQuery({
    queryKey: ["institution-formats"],
    queryFn: async (): Promise<FormatPublic[]> => {
      const { data } = await api.GET("/api/v1/internship/institution-formats");
      if (!data) throw new Error("formats");
      return data;
    },
  });
}

function Formats(): React.JSX.Element {
  const t = useT();
  const formats = useFormats();
  const [editing, setEditing] = useState<FormatPublic | null>(null);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("fmt.title")}
      </Title>
      <Text>{t("fmt.intro")}</Text>
      {formats.error && <Alert color="red">{String(formats.error.message)}</Alert>}
      {formats.data && (
        <Table withTableBorder striped data-testid="formats">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("fmt.key")}</Table.Th>
              <Table.Th scope="col">{t("fmt.institution")}</Table.Th>
              <Table.Th scope="col">{t("fmt.formatTitle")}</Table.Th>
              <Table.Th scope="col">{t("fmt.owner")}</Table.Th>
              <Table.Th scope="col">{t("fmt.version")}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t("rb.alerts.actions")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {formats.data.map((f) => (
              <Table.Tr key={`${f.office ?? "-"}:${f.key}`}>
                <Table.Th scope="row">{f.key}</Table.Th>
                <Table.Td>{f.definition.institution}</Table.Td>
                <Table.Td>{f.definition.title}</Table.Td>
                <Table.Td>{t(f.office === null ? "fmt.shipped" : "fmt.own")}</Table.Td>
                <Table.Td>{f.version}</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="default" onClick={() => setEditing(f)}>
                    {t("fmt.edit", { key: f.key })}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormatForm key={editing ? `${editing.office}:${editing.key}:${editing.version}` : "new"} editing={editing} onSaved={setEditing} />
      {formats.data && <PrintInFormat formats={formats.data} />}
    </Stack>
  );
}

function FormatForm({ editing, onSaved }: { editing: FormatPublic | null; onSaved: (f: FormatPublic) => void }): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const [key, setKey] = useState(editing?.key ?? "");
  const [draft, setDraft] = useState<FormatDraft>(editing ? draftOf(editing.definition) : EMPTY_FORMAT);
  const [kept, setErrors] = useState<FormErrors>(NO_ERRORS);
  const errors = useShownErrors(kept); // reworded after a switch of language
  const say = useSay();
  const [notice, setNotice] = useState<Said | null>(null); // worded when shown
  const [busy, setBusy] = useState(false);
  const set = (field: keyof FormatDraft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  async function load(file: File | null) {
    if (!file) return;
    const definition = parseFormatFile(await file.text());
    if (definition === null) setErrors({ fields: {}, general: t("fmt.uploadFailed") });
    else {
      setDraft(draftOf(definition));
      setErrors(NO_ERRORS);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    // A shipped format edited becomes the office's own: no version of it to match yet.
    const own = editing && editing.office !== null && editing.key === key.trim();
    const { data, error, response } = await api.PUT("/api/v1/internship/institution-formats/{key}", {
      params: { path: { key: key.trim() } },
      body: definitionOf(draft),
      headers: own ? { "If-Match": `"${editing.version}"` } : {},
    });
    setBusy(false);
    if (data) {
      setErrors(NO_ERRORS);
      setNotice(said("fmt.saved", { key: data.key, version: data.version }));
      await queries.invalidateQueries({ queryKey: ["institution-formats"] });
      onSaved(data);
      return;
    }
    if (response.status === 412) setErrors({ fields: {}, general: t("fmt.conflict") });
    else setErrors(isProblem(error) ? formErrors(error, t("fmt.failed")) : { fields: {}, general: t("fmt.failed") });
  }

  const itemsError = Object.entries(errors.fields).find(([f]) => f.startsWith("items"))?.[1];
  const gradesError = Object.entries(errors.fields).find(([f]) => f.startsWith("grades"))?.[1];
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="fmt-form-title" data-testid="format-form">
      <Stack gap="sm">
        <Title order={2} size="h3" id="fmt-form-title">
          {editing ? t("fmt.edit", { key: editing.key }) : t("fmt.new")}
        </Title>
        {errors.general && (
          <Alert color="red" role="alert">
            {errors.general}
          </Alert>
        )}
        {notice && <Alert role="status">{say(notice)}</Alert>}
        <FileInput label={t("fmt.upload")} accept="application/json,.json" onChange={(f) => void load(f)} clearable />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t("fmt.key")} required value={key} onChange={(e) => setKey(e.currentTarget.value)} disabled={editing !== null} />
          <Select
            label={t("fmt.orientation")}
            data={(["portrait", "landscape"] as const).map((o) => ({ value: o, label: t(`fmt.orientation.${o}`) }))}
            value={draft.orientation}
            onChange={(v) => v && set("orientation")(v)}
            allowDeselect={false}
          />
          <TextInput label={t("fmt.institution")} required value={draft.institution} onChange={(e) => set("institution")(e.currentTarget.value)} error={errors.fields.institution} />
          <TextInput label={t("fmt.formatTitle")} required value={draft.title} onChange={(e) => set("title")(e.currentTarget.value)} error={errors.fields.title} />
        </SimpleGrid>
        <Textarea label={t("fmt.opening")} description={t("fmt.placeholders")} autosize minRows={2} value={draft.opening} onChange={(e) => set("opening")(e.currentTarget.value)} error={errors.fields.opening} />
        <Textarea
          label={t("fmt.items")}
          description={t("fmt.itemsHelp", { codes: ITEM_CODES.join(", ") })}
          autosize
          minRows={4}
          required
          value={draft.items}
          onChange={(e) => set("items")(e.currentTarget.value)}
          error={itemsError}
          styles={{ input: { fontFamily: "monospace" } }}
        />
        <Textarea label={t("fmt.grades")} autosize minRows={2} value={draft.grades} onChange={(e) => set("grades")(e.currentTarget.value)} error={gradesError} styles={{ input: { fontFamily: "monospace" } }} />
        <Textarea label={t("fmt.closing")} description={t("fmt.placeholders")} autosize minRows={2} value={draft.closing} onChange={(e) => set("closing")(e.currentTarget.value)} error={errors.fields.closing} />
        <Group>
          <Button type="submit" loading={busy}>
            {t("fmt.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PrintInFormat({ formats }: { formats: FormatPublic[] }): React.JSX.Element {
  const t = useT();
  const [application, setApplication] = useState<string | null>(null);
  const [format, setFormat] = useState<string | null>(formats[0]?.key ?? null);
  const [failure, setFailure] = useState<MessageId | null>(null); // worded when shown
  const [busy, setBusy] = useState(false);
  const interns = useQuery({
    queryKey: ["applications", "accepted"],
    queryFn: async () => {
      const { data } = await api.GET("/api/v1/internship/applications", { params: { query: { status: "accepted", limit: 200 } } });
      // The listing answers JSON or CSV; JSON was asked for.
      return (data as components["schemas"]["Page_ApplicationPublic_"] | undefined)?.items ?? [];
    },
  });
  const keys = [...new Set(formats.map((f) => f.key))];

  async function print(then: typeof save) {
    if (!application || !format) return;
    setBusy(true);
    setFailure(null);
    try {
      const { data, response } = await api.GET("/api/v1/internship/applications/{application_id}/certificate", {
        params: { path: { application_id: application } },
      });
      if (!data) {
        setFailure(response.status === 404 ? "fmt.noCertificate" : "fmt.printFailed");
        return;
      }
      const path = `/api/v1/internship/certificates/${data.id}/formats/${encodeURIComponent(format)}.pdf`;
      then(await fetchFile(path, "application/pdf", `${format}.pdf`));
    } catch {
      setFailure("fmt.printFailed");
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm" data-testid="format-print">
      <Title order={2} size="h3">
        {t("fmt.print")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t("fmt.printIntern")}
          searchable
          data={(interns.data ?? []).map((a) => ({ value: a.id, label: `${a.applicant.name} — ${a.institution} (${a.period_start} – ${a.period_end})` }))}
          value={application}
          onChange={setApplication}
        />
        <Select label={t("fmt.printFormat")} data={keys} value={format} onChange={setFormat} allowDeselect={false} />
      </SimpleGrid>
      <Group>
        <Button onClick={() => void print(openToPrint)} loading={busy} disabled={!application || !format}>
          {t("fmt.printButton")}
        </Button>
        <Button variant="default" onClick={() => void print(save)} loading={busy} disabled={!application || !format}>
          {t("fmt.download")}
        </Button>
      </Group>
      {failure && (
        <Alert color="red" role="alert">
          {t(failure)}
        </Alert>
      )}
    </Stack>
  );
}
