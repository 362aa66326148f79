// The citizens' report form: no sign-in, no third-party asset, one theme per step with
// a back link, the answers kept when going back, the place picked from the decree's
// regions, evidence files, saving to continue later (on the server, never in the
// browser), and a confirmation with the registration number and the tracking PIN.
import { Alert, Anchor, Button, Code, Group, Paper, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useSearch } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { AppLink } from "../components/AppLink";
import { LazySelect } from "../components/LazySelect";
import { useStepFocus } from "../components/useStepFocus";
import { api } from "../api/client";
import type { components } from "../api/schema";
import { useLocale, useSay, useT } from "../i18n/locale";
import { said, type Said } from "../i18n/said";
import { latestDateInIndonesia, nikProblem } from "../lib/nik";
import { NOTIFY_BY, type NotifyBy } from "../lib/notify";
import { formErrors } from "../lib/problems";
import { nested } from "./fields";
import { ResumeForm, SaveDraft, type DraftKey, type Resumed } from "./public/Drafts";
import { FilePicker, useFileErrors } from "./public/FilePicker";
import { RegionPicker, regionLabel, useRegions } from "./public/RegionPicker";
import { sendReport } from "./public/send";
import { useFields } from "./useFields";

// The office a bare /lapor files with; /lapor?kantor=CODE names another.
const DEFAULT_OFFICE = import.meta.env.VITE_APIK_PUBLIC_OFFICE ?? "PUSAT";
const STEPS = 4;
const EVIDENCE = 3;
// Which step shows a field: an API error sends the citizen back to it.
const STEP_OF: Record<string, number> = { reporter: 1, reported_agency: 2, substance: 2, summary: 2, chronology: 2, location: 2, files: EVIDENCE };

type Receipt = components["schemas"]["PublicReceipt"];

export function PublicReportPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const { kantor } = useSearch({ from: "/lapor" });
  const { values, set, bind, errors, setErrors, reset } = useFields({});
  const [step, setStep] = useState(1);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  // The saved draft this form continues (code and PIN in memory only), and its office.
  const [draft, setDraft] = useState<DraftKey | null>(null);
  const [draftOffice, setDraftOffice] = useState<string | null>(null);
  const [resuming, setResuming] = useState(false);
  const [resumed, setResumed] = useState(false);
  const regions = useRegions();
  // "Lanjut", "Kembali", a refusal sending back to a step, and the receipt at the end.
  const heading = useStepFocus<HTMLHeadingElement>(receipt ? "receipt" : step);
  const fileErrors = useFileErrors();
  const say = useSay();
  // The file field's message is kept as what to say (file names in its placeholders,
  // which the text kept by useFields could not reword); null: useFields' own.
  const [filesSaid, setFilesSaid] = useState<Said[] | null>(null);
  const filesError = errors.fields.files && filesSaid !== null ? say(filesSaid) : errors.fields.files;
  const office = draftOffice ?? kantor ?? DEFAULT_OFFICE;
  // The national catalogue and the office's own, as intake offers them (no login).
  const substances = useQuery({
    queryKey: ["public-substances", office],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/intake/public/substances", { params: { query: { office } } });
      if (error) throw new Error("substances");
      return data;
    },
    staleTime: 60 * 60 * 1000,
  });

  function required(names: string[]): Record<string, string> {
    return Object.fromEntries(names.filter((n) => !(values[n] ?? "").trim()).map((n) => [n, t("field.required")]));
  }

  function next(event: FormEvent) {
    event.preventDefault();
    const missing =
      step === 1 ? required(["reporter.name"]) : step === 2 ? required(["reported_agency.name", "substance", "summary", "chronology"]) : {};
    const nik = values["reporter.nik"] ?? "";
    const problem = step === 1 && nik !== "" ? nikProblem(nik, latestDateInIndonesia()) : null;
    if (problem) missing["reporter.nik"] = t(`nik.${problem}`);
    const wrongFiles = step === EVIDENCE ? fileErrors(files) : [];
    setFilesSaid(wrongFiles.length > 0 ? wrongFiles : null);
    if (wrongFiles.length > 0) missing.files = say(wrongFiles);
    if (Object.keys(missing).length > 0) {
      setErrors({ fields: missing, general: null });
      return;
    }
    if (step < STEPS) goTo(step + 1);
    else void send();
  }

  function goTo(next: number) {
    setStep(next);
    setResumed(false);
  }

  function resume(from: Resumed) {
    reset(from.answers);
    setDraft(from.key);
    setDraftOffice(from.office);
    setResuming(false);
    setResumed(true);
    setStep(1);
  }

  async function send() {
    setBusy(true);
    const sent = await sendReport({ ...nested(values), office }, files, draft, crypto.randomUUID());
    setBusy(false);
    if ("receipt" in sent) {
      setReceipt(sent.receipt);
      setDraft(null);
      return;
    }
    const found = formErrors(sent.problem, t("form.error"), { "Field required": t("field.required") });
    setFilesSaid(null);
    if (sent.fileErrors.length > 0) {
      // In plain words at the file field; the API's own wording is for developers.
      const refused: Said[] = sent.fileErrors.map((f) => (f.name ? said("pf.refused", { name: f.name }) : { text: f.detail }));
      setFilesSaid(refused);
      found.fields.files = say(refused);
      if ((sent.problem.errors ?? []).length === 0) found.general = null;
    }
    const first = Object.keys(found.fields)[0];
    if (first) setStep(STEP_OF[first.split(".")[0]!] ?? STEPS);
    setErrors(found);
  }

  if (receipt) {
    return (
      <Stack>
        <Title order={1} size="h2" ref={heading} tabIndex={-1}>
          {t("public.done")}
        </Title>
        <Paper withBorder p="lg">
          <Stack gap="xs">
            <Text>{t("public.number")}</Text>
            <Code fz="xl" data-testid="registration-number">
              {receipt.registration_number}
            </Code>
            <Text>{t("public.pin")}</Text>
            <Code fz="xl" data-testid="tracking-pin">
              {receipt.tracking_pin}
            </Code>
          </Stack>
        </Paper>
        {(receipt.attachments ?? []).length > 0 && (
          <Text data-testid="received-files">{t("pf.received", { names: (receipt.attachments ?? []).map((a) => a.filename).join(", ") })}</Text>
        )}
        <Alert color="yellow" role="status">
          {t("public.keep")}
        </Alert>
        <Text>{t("public.next.steps")}</Text>
        <AppLink to="/lacak" search={{ nomor: receipt.registration_number }}>
          {t("public.trackIt")}
        </AppLink>
      </Stack>
    );
  }

  if (resuming) return <ResumeForm onResumed={resume} onCancel={() => setResuming(false)} />;

  const substanceLabel = (code: string) => {
    const s = substances.data?.find((x) => x.code === code);
    return s ? (locale === "id" ? s.name_id : s.name_en) : code;
  };

  return (
    <form onSubmit={next} noValidate>
      <Stack>
        <Title order={1} size="h2">
          {t("public.title")}
        </Title>
        <Text>{t("public.intro")}</Text>
        {step === 1 && !draft && (
          <Anchor component="button" type="button" onClick={() => setResuming(true)} style={{ alignSelf: "flex-start" }}>
            {t("pf.resumeLink")}
          </Anchor>
        )}
        {resumed && (
          <Alert color="blue" role="status">
            {t("pf.resumed")}
          </Alert>
        )}
        <Text fw={600} aria-live="polite">
          {t("public.step", { step, total: STEPS })}
        </Text>
        {step > 1 && (
          <Anchor component="button" type="button" onClick={() => goTo(step - 1)} style={{ alignSelf: "flex-start" }}>
            ‹ {t("public.back")}
          </Anchor>
        )}
        {errors.general && (
          <Alert color="red" role="alert">
            {errors.general}
          </Alert>
        )}
        {step === 1 && (
          <Stack>
            <Title order={2} size="h3" ref={heading} tabIndex={-1}>
              {t("public.aboutYou")}
            </Title>
            <TextInput label={t("register.name")} required autoComplete="name" {...bind("reporter.name")} />
            <TextInput
              label={t("register.nik")}
              description={t("register.nikHelp")}
              inputMode="numeric"
              maxLength={16}
              {...bind("reporter.nik")}
            />
            <TextInput label={t("register.phone")} type="tel" autoComplete="tel" {...bind("reporter.phone")} />
            <TextInput label={t("register.email")} type="email" autoComplete="email" {...bind("reporter.email")} />
            <LazySelect
              label={t("public.notifyBy")}
              description={t("public.notifyByHelp")}
              data={NOTIFY_BY.map((n) => ({ value: n, label: t(`notifyBy.${n}`) }))}
              value={values["reporter.notify_by"] || null}
              onChange={(v) => set("reporter.notify_by", v ?? "")}
              error={errors.fields["reporter.notify_by"]}
              clearable
            />
          </Stack>
        )}
        {step === 2 && (
          <Stack>
            <Title order={2} size="h3" ref={heading} tabIndex={-1}>
              {t("public.aboutReport")}
            </Title>
            <TextInput label={t("register.agency")} description={t("public.agencyHelp")} required {...bind("reported_agency.name")} />
            <LazySelect
              label={t("register.substance")}
              description={t("public.substanceHelp")}
              required
              data={(substances.data ?? []).map((s) => ({ value: s.code, label: locale === "id" ? s.name_id : s.name_en }))}
              value={values.substance ?? null}
              onChange={(v) => set("substance", v ?? "")}
              error={errors.fields.substance}
              searchable
            />
            <TextInput label={t("register.summary")} description={t("public.summaryHelp")} required {...bind("summary")} />
            <Textarea
              label={t("register.chronology")}
              description={t("public.chronologyHelp")}
              required
              autosize
              minRows={5}
              {...bind("chronology")}
            />
            <RegionPicker
              province={values["location.province"] ?? ""}
              regency={values["location.regency"] ?? ""}
              onProvince={(code) => {
                set("location.province", code);
                set("location.regency", "");
              }}
              onRegency={(code) => set("location.regency", code)}
              errors={errors.fields}
            />
          </Stack>
        )}
        {step === EVIDENCE && (
          <Stack>
            <Title order={2} size="h3" ref={heading} tabIndex={-1}>
              {t("pf.evidence")}
            </Title>
            <Text>{t("pf.evidenceIntro")}</Text>
            <FilePicker
              files={files}
              onChange={(chosen) => {
                setFiles(chosen);
                const wrong = fileErrors(chosen);
                setFilesSaid(wrong.length > 0 ? wrong : null);
                setErrors({ ...errors, fields: { ...errors.fields, files: say(wrong) } });
              }}
              error={filesError || undefined}
            />
          </Stack>
        )}
        {step === STEPS && (
          <Stack>
            <Title order={2} size="h3" ref={heading} tabIndex={-1}>
              {t("public.check")}
            </Title>
            <Table>
              <Table.Tbody>
                {(
                  [
                    ["register.name", values["reporter.name"]],
                    ["register.nik", values["reporter.nik"]],
                    ["register.phone", values["reporter.phone"]],
                    ["register.email", values["reporter.email"]],
                    ["public.notifyBy", values["reporter.notify_by"] ? t(`notifyBy.${values["reporter.notify_by"] as NotifyBy}`) : ""],
                    ["register.agency", values["reported_agency.name"]],
                    ["register.substance", values.substance ? substanceLabel(values.substance) : ""],
                    ["register.summary", values.summary],
                    ["register.chronology", values.chronology],
                    ["pf.where", values["location.province"] ? regionLabel(regions.data, values["location.province"], values["location.regency"] ?? "") : ""],
                    ["pf.files", files.map((f) => f.name).join(", ") || t("pf.none")],
                  ] as const
                ).map(([label, value]) => (
                  <Table.Tr key={label}>
                    <Table.Th scope="row">{t(label)}</Table.Th>
                    <Table.Td style={{ whiteSpace: "pre-wrap" }}>{value || "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {step < STEPS ? t("public.next") : t("public.send")}
          </Button>
        </Group>
        <SaveDraft office={office} values={values} draft={draft} onSaved={setDraft} hasFiles={files.length > 0} />
      </Stack>
    </form>
  );
}
