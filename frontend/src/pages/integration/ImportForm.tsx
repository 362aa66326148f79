// The upload of an old spreadsheet and its column mapping (the fields' headers, and what
// each old status text means), sent for the dry run. The body is built here with a
// boundary of its own and sent under one Idempotency-Key until the file or the mapping
// changes: a double click (or a retry after a lost answer) replays the same check
// instead of making a second import.
import { ActionIcon, Alert, Button, Collapse, Fieldset, FileInput, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useRef, useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { useT } from "../../i18n/locale";
import type { MessageId } from "../../i18n/messages";
import {
  IMPORT_FIELDS,
  importProblems,
  mappingPart,
  mappingProblems,
  multipartFrame,
  OUTCOME_CODES,
  sheetType,
  type ImportField,
  type MappingForm,
  type OutcomeRow,
} from "../../lib/integration";
import { useWord } from "./data";
import { useShownErrors } from "../useFields";

interface Attempt {
  key: string;
  boundary: string;
}

const EMPTY: MappingForm = { columns: {}, outcomes: [{ text: "", code: "" }] };

export function ImportForm({ onChecked }: { onChecked: (id: string) => void }): React.JSX.Element {
  const t = useT();
  const word = useWord();
  const [file, setFile] = useState<File | null>(null);
  const [form, setForm] = useState<MappingForm>(EMPTY);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const shown = useShownErrors({ fields, general }); // reworded after a switch of language
  // The key and boundary of the current attempt: kept while nothing changes.
  const attempt = useRef<Attempt | null>(null);
  // Set at once (state would only be seen at the next render): a double click sends one.
  const inFlight = useRef(false);

  function changed(next: MappingForm) {
    attempt.current = null;
    setForm(next);
  }

  function setOutcome(i: number, row: Partial<OutcomeRow>) {
    changed({ ...form, outcomes: form.outcomes.map((o, j) => (j === i ? { ...o, ...row } : o)) });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current) return;
    if (!file) {
      setFields({ file: t("int.imp.noFile") });
      return;
    }
    const local = mappingProblems(form);
    if (Object.keys(local).length > 0) {
      setOpen(true);
      setFields(Object.fromEntries(Object.entries(local).map(([k, p]) => [k, t(`int.imp.problem.${p}` as MessageId)])));
      setGeneral(t("int.imp.fix"));
      return;
    }
    attempt.current ??= { key: crypto.randomUUID(), boundary: `apik-${crypto.randomUUID()}` };
    const { key, boundary } = attempt.current;
    const frame = multipartFrame(boundary, file.name, sheetType(file.name), mappingPart(form));
    inFlight.current = true;
    setBusy(true);
    setFields({});
    setGeneral(null);
    try {
      const { data, error } = await api.POST("/api/v1/integration/imports", {
        body: new Blob([frame.head, file, frame.tail]) as unknown as { file: string },
        bodySerializer: (body: unknown) => body as BodyInit,
        headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, "Idempotency-Key": key },
      });
      if (data) {
        onChecked(data.id);
        return;
      }
      const found = importProblems(error, form.outcomes, t("form.error"));
      if (Object.keys(found.fields).some((k) => k !== "file")) setOpen(true);
      setFields(found.fields);
      setGeneral(found.general ?? t("int.imp.fix"));
    } catch {
      setGeneral(t("form.error"));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  return (
    <Section title={t("int.imp.upload")} id="import-upload">
      <Text size="sm">{t("int.imp.intro")}</Text>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t("int.imp.upload")}>
        <Stack maw={820}>
          {general && (
            <Alert color="red" role="alert">
              {shown.general}
            </Alert>
          )}
          <FileInput
            label={t("int.imp.file")}
            description={t("int.imp.fileHelp")}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(f) => {
              attempt.current = null;
              setFile(f);
            }}
            error={fields.file}
            clearable
            clearButtonProps={{ "aria-label": t("int.imp.clearFile") }}
            required
            data-testid="import-file"
          />
          <Group>
            <Button variant="default" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls="import-mapping">
              {t("int.imp.mapping")}
            </Button>
          </Group>
          <Collapse expanded={open} id="import-mapping">
            <Stack>
              <Text size="sm">{t("int.imp.mappingHelp")}</Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {IMPORT_FIELDS.map((field: ImportField) => (
                  <TextInput
                    key={field}
                    label={t(`int.imp.field.${field}` as MessageId)}
                    value={form.columns[field] ?? ""}
                    onChange={(e) => changed({ ...form, columns: { ...form.columns, [field]: e.currentTarget.value } })}
                    error={shown.fields[field]}
                    data-field={field}
                  />
                ))}
              </SimpleGrid>
              <Fieldset legend={t("int.imp.outcomes")} variant="unstyled">
                <Text size="sm" mb="xs">
                  {t("int.imp.outcomesHelp")}
                </Text>
                <Stack gap="xs">
                  {form.outcomes.map((row, i) => (
                    <Group key={i} align="flex-start" role="group" aria-label={t("int.imp.outcomeRow", { number: i + 1 })} data-outcome={i}>
                      <TextInput
                        label={t("int.imp.outcomeText")}
                        value={row.text}
                        onChange={(e) => setOutcome(i, { text: e.currentTarget.value })}
                        error={shown.fields[`outcomes.${i}.text`]}
                        style={{ flex: 1 }}
                      />
                      <NativeSelect
                        label={t("int.imp.outcomeCode")}
                        value={row.code}
                        onChange={(e) => setOutcome(i, { code: e.currentTarget.value as OutcomeRow["code"] })}
                        error={shown.fields[`outcomes.${i}.code`]}
                        data={[{ value: "", label: "—" }, ...OUTCOME_CODES.map((c) => ({ value: c, label: c === "closed" || c === "open" ? word("int.imp.outcome", c) : word("outcome", c) }))]}
                        style={{ flex: 1 }}
                      />
                      <ActionIcon
                        variant="default"
                        size="lg"
                        mt={24}
                        onClick={() => changed({ ...form, outcomes: form.outcomes.filter((_, j) => j !== i) })}
                        aria-label={t("int.imp.removeOutcome", { number: i + 1 })}
                      >
                        ×
                      </ActionIcon>
                    </Group>
                  ))}
                  <Group>
                    <Button variant="light" size="compact-sm" onClick={() => changed({ ...form, outcomes: [...form.outcomes, { text: "", code: "" }] })}>
                      {t("int.imp.addOutcome")}
                    </Button>
                  </Group>
                </Stack>
              </Fieldset>
            </Stack>
          </Collapse>
          <Group>
            <Button type="submit" loading={busy}>
              {t("int.imp.check")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
