// The public Red Button page (no login): the three modes in plain words, the form, and
// for an anonymous report the receipt code, which the intern confirms they saved
// before leaving. Nothing of it is kept in the address, storage or cache.
import { Alert, Button, Checkbox, Code, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { AppLink } from "../../components/AppLink";
import { useLocale, useSay, useT } from "../../i18n/locale";
import { said, type Said, type Saying } from "../../i18n/said";
import { formatDateTime } from "../../lib/dates";
import { formSaid, isProblem } from "../../lib/problems";
import { DEFAULT_ZONE } from "../../office";
import { draftErrors, EMPTY_DRAFT, raiseBody, type Mode, type RaiseDraft } from "./logic";
import { QuickExit } from "./QuickExit";

type Receipt = components["schemas"]["RedButtonReceipt"];
const MODES: Mode[] = ["anonymous", "confidential", "identified"];
const SEVERITIES = ["danger", "urgent", "concern"] as const;
export const DEFAULT_OFFICE = "PUSAT";

export function RedButtonPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const { kantor } = useSearch({ from: "/tombol-merah" });
  const office = kantor ?? DEFAULT_OFFICE;
  const [draft, setDraft] = useState<RaiseDraft>(EMPTY_DRAFT);
  // Kept as what to say (message ids, the API's problem), worded when shown: a switch
  // of language rewords them, the API's field errors with their values too.
  const say = useSay();
  const [errors, setErrors] = useState<Record<string, Said>>({});
  const [general, setGeneral] = useState<Saying | null>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const set = (field: keyof RaiseDraft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const error = (field: string) => (errors[field] ? say(errors[field]) : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = draftErrors(draft);
    setErrors(Object.fromEntries(Object.entries(missing).map(([field, id]) => [field, said(id)])));
    if (Object.keys(missing).length > 0) {
      setGeneral(said("rb.failed"));
      return;
    }
    setBusy(true);
    const { data, error: problem } = await api.POST("/api/v1/internship/public/red-button", {
      body: raiseBody(office, draft) as never,
    });
    setBusy(false);
    if (data) {
      setReceipt(data);
      setDraft(EMPTY_DRAFT);
      setGeneral(null);
      return;
    }
    const refused = isProblem(problem) ? formSaid(problem, "rb.failed") : { fields: {}, general: null };
    setErrors(refused.fields);
    setGeneral(refused.general ?? said("rb.failed"));
  }

  return (
    <Stack>
      <QuickExit />
      <Title order={1} size="h2">
        {t("rb.title")}
      </Title>
      {receipt ? (
        <Sent receipt={receipt} when={formatDateTime(receipt.protection_due, DEFAULT_ZONE, locale === "id" ? "id-ID" : "en-GB")} />
      ) : (
        <>
          <Text>{t("rb.intro")}</Text>
          <AppLink to="/tombol-merah/pesan">{t("rb.messages.link")}</AppLink>
          <Paper withBorder p="lg">
            <form onSubmit={(e) => void submit(e)} noValidate>
              <Stack>
                <Radio.Group label={t("rb.modeLegend")} value={draft.mode} onChange={(v) => setDraft((d) => ({ ...d, mode: v as Mode }))}>
                  <Stack mt="xs">
                    {MODES.map((m) => (
                      <Radio key={m} value={m} label={t(`rb.mode.${m}`)} description={t(`rb.mode.${m}Help`)} />
                    ))}
                  </Stack>
                </Radio.Group>
                <Radio.Group label={t("rb.severity")} required value={draft.severity} onChange={set("severity")} error={error("severity")}>
                  <Stack mt="xs">
                    {SEVERITIES.map((s) => (
                      <Radio key={s} value={s} label={t(`rb.severity.${s}`)} />
                    ))}
                  </Stack>
                </Radio.Group>
                {draft.severity === "danger" && (
                  <Alert color="red" variant="outline">
                    {t("rb.dangerHelp")}
                  </Alert>
                )}
                <Textarea
                  label={t("rb.account")}
                  description={t("rb.accountHelp")}
                  required
                  autosize
                  minRows={4}
                  value={draft.account}
                  onChange={(e) => set("account")(e.currentTarget.value)}
                  error={error("account")}
                />
                {draft.mode !== "anonymous" && (
                  <Stack gap="xs">
                    <Title order={2} size="h4">
                      {t("rb.reporter")}
                    </Title>
                    <TextInput label={t("rb.name")} required value={draft.name} onChange={(e) => set("name")(e.currentTarget.value)} error={error("reporter.name")} autoComplete="off" />
                    <TextInput label={t("rb.phone")} type="tel" value={draft.phone} onChange={(e) => set("phone")(e.currentTarget.value)} error={error("reporter.phone")} autoComplete="off" />
                    <TextInput label={t("rb.email")} type="email" value={draft.email} onChange={(e) => set("email")(e.currentTarget.value)} error={error("reporter.email")} autoComplete="off" />
                    <TextInput label={t("rb.institution")} value={draft.institution} onChange={(e) => set("institution")(e.currentTarget.value)} error={error("reporter.institution")} autoComplete="off" />
                  </Stack>
                )}
                <Stack gap="xs">
                  <Title order={2} size="h4">
                    {t("rb.reported")}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t("rb.reportedHelp")}
                  </Text>
                  <TextInput label={t("rb.reportedPerson")} value={draft.reportedPerson} onChange={(e) => set("reportedPerson")(e.currentTarget.value)} error={error("reported.person")} autoComplete="off" />
                  <TextInput label={t("rb.reportedUnit")} value={draft.reportedUnit} onChange={(e) => set("reportedUnit")(e.currentTarget.value)} error={error("reported.unit")} autoComplete="off" />
                </Stack>
                {general && (
                  <Alert color="red" role="alert">
                    {say(general)}
                  </Alert>
                )}
                <Button type="submit" color="red" loading={busy} style={{ alignSelf: "flex-start" }}>
                  {t("rb.submit")}
                </Button>
              </Stack>
            </form>
          </Paper>
        </>
      )}
    </Stack>
  );
}

function Sent({ receipt, when }: { receipt: Receipt; when: string }): React.JSX.Element {
  const t = useT();
  const navigate = useNavigate();
  const [saved, setSaved] = useState(false);
  const [nudged, setNudged] = useState(false);
  const code: string | null = receipt.receipt_code || null;
  // Leaving the tab before confirming: the browser asks once more.
  useEffect(() => {
    if (!code || saved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [code, saved]);

  return (
    <Stack role="status">
      <Alert color="green">{t("rb.sent")}</Alert>
      <Text>{t("rb.due", { date: when })}</Text>
      {code && (
        <Paper withBorder p="lg">
          <Stack>
            <Title order={2} size="h3">
              {t("rb.receipt")}
            </Title>
            <Code fz="xl" p="md" data-testid="receipt-code" style={{ letterSpacing: "0.1em" }}>
              {code}
            </Code>
            <Text>{t("rb.receiptHelp")}</Text>
            <Checkbox
              label={t("rb.saved")}
              checked={saved}
              onChange={(e) => setSaved(e.currentTarget.checked)}
              error={nudged && !saved ? t("rb.savedRequired") : undefined}
            />
          </Stack>
        </Paper>
      )}
      <Button
        style={{ alignSelf: "flex-start" }}
        onClick={() => {
          if (code && !saved) {
            setNudged(true);
            return;
          }
          void navigate({ to: "/tombol-merah/pesan" });
        }}
      >
        {t("rb.toMessages")}
      </Button>
    </Stack>
  );
}
