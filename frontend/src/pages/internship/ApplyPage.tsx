// The public internship application (no login): multipart with the application as JSON
// in `application` and the institution's letter in `letter`; the code is shown once.
import { Alert, Button, Checkbox, Code, FileInput, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useSearch } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { sendWrite } from "../../api/stale";
import { AppLink } from "../../components/AppLink";
import { LazySelect } from "../../components/LazySelect";
import { useSay, useT } from "../../i18n/locale";
import type { MessageId } from "../../i18n/messages";
import { said, type FieldError, type Said, type Saying } from "../../i18n/said";
import { applicationPart, applyErrors, applyRefusal, EMPTY_APPLY, type ApplyDraft } from "./form";
import { LazyDateField } from "../../components/LazyDateField";

const KINDS = ["university", "school", "public", "foreign"];
const UNITS = ["intake", "prevention", "examination"];
const DEFAULT_OFFICE = "PUSAT";

interface Problem {
  type?: string;
  detail?: string;
  errors?: FieldError[];
}

export function InternshipApplyPage(): React.JSX.Element {
  const t = useT();
  const say = useSay();
  const { kantor } = useSearch({ from: "/magang/daftar" });
  const office = kantor ?? DEFAULT_OFFICE;
  const [draft, setDraft] = useState<ApplyDraft>(EMPTY_APPLY);
  const [letter, setLetter] = useState<File | null>(null);
  // Kept as what to say, worded when shown: a switch of language rewords them.
  const [errors, setErrors] = useState<Record<string, Said>>({});
  const [general, setGeneral] = useState<Saying | null>(null);
  const errorAt = (path: string) => (errors[path] === undefined ? undefined : say(errors[path]));
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  // A field the user changes loses its error; the others keep theirs until sent again.
  const clear = (path: string) => setErrors(({ [path]: _gone, ...rest }) => rest);
  const set = (field: keyof ApplyDraft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  // The period's two days are date fields (the office's order), the rest plain text.
  const text = (field: keyof ApplyDraft, label: MessageId, path: string, type = "text") => {
    const Input = type === "date" ? LazyDateField : TextInput;
    return (
      <Input
        label={t(label)}
        {...(type === "date" ? {} : { type })}
        required={!label.endsWith("phone") && !label.endsWith("study")}
        value={draft[field] as string}
        onChange={(e) => {
          set(field)(e.currentTarget.value);
          clear(path);
        }}
        error={errorAt(path)}
      />
    );
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = applyErrors(draft, letter);
    if (missing.length > 0) {
      setErrors(Object.fromEntries(missing.map((m) => [m, said("mori.apply.required")])));
      setGeneral(said("mori.apply.failed"));
      return;
    }
    const body = new FormData();
    body.append("application", JSON.stringify(applicationPart(office, draft)));
    body.append("letter", letter!);
    setBusy(true);
    const response = await sendWrite("/api/v1/internship/public/applications", { method: "POST", body });
    setBusy(false);
    if (response.ok) {
      const receipt = (await response.json()) as { application_code: string };
      setCode(receipt.application_code);
      return;
    }
    const problem = (await response.json().catch(() => ({}))) as Problem;
    const { fields, stray } = applyRefusal(problem);
    setErrors(fields);
    setGeneral([said("mori.apply.failed"), ...stray, ...(Object.keys(fields).length === 0 ? [{ problem }] : [])]);
  }

  if (code) {
    return (
      <Stack role="status">
        <Title order={1} size="h2">
          {t("mori.apply.done")}
        </Title>
        <Paper withBorder p="lg">
          <Stack>
            <Title order={2} size="h3">
              {t("mori.apply.code")}
            </Title>
            <Code fz="xl" p="md" data-testid="application-code">
              {code}
            </Code>
            <Text>{t("mori.apply.codeHelp")}</Text>
            <AppLink to="/magang/status">{t("mori.nav.status")}</AppLink>
          </Stack>
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t("mori.apply.title")}
      </Title>
      <Text>{t("mori.apply.intro")}</Text>
      <Paper withBorder p="lg">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            {text("name", "mori.apply.name", "applicant.name")}
            {text("email", "mori.apply.email", "applicant.email", "email")}
            {text("phone", "mori.apply.phone", "applicant.phone", "tel")}
            {text("study", "mori.apply.study", "applicant.study")}
            <LazySelect
              label={t("mori.apply.institutionKind")}
              required
              allowDeselect={false}
              value={draft.institutionKind}
              onChange={(v) => set("institutionKind")(v ?? "university")}
              data={KINDS.map((k) => ({ value: k, label: t(`mori.kind.${k}` as MessageId) }))}
              error={errorAt("institution_kind")}
            />
            {text("institution", "mori.apply.institution", "institution")}
            {text("programme", "mori.apply.programme", "programme")}
            {text("start", "mori.apply.start", "period_start", "date")}
            {text("end", "mori.apply.end", "period_end", "date")}
            <Checkbox.Group
              label={t("mori.apply.units")}
              required
              value={draft.units}
              onChange={(units) => {
                setDraft((d) => ({ ...d, units }));
                clear("units");
              }}
              error={errorAt("units")}
            >
              <Stack mt="xs" gap="xs">
                {UNITS.map((u) => (
                  <Checkbox key={u} value={u} label={t(`mori.unit.${u}` as MessageId)} />
                ))}
              </Stack>
            </Checkbox.Group>
            <FileInput
              label={t("mori.apply.letter")}
              required
              accept="application/pdf,image/jpeg,image/png"
              value={letter}
              onChange={(file) => {
                setLetter(file);
                clear("letter");
              }}
              error={errorAt("letter")}
            />
            {general && (
              <Alert color="red" role="alert">
                {say(general)}
              </Alert>
            )}
            <Button type="submit" loading={busy} style={{ alignSelf: "flex-start" }}>
              {t("mori.apply.submit")}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
