// The intake desk's registration: a report from any channel, the reporter's NIK checked
// as the API checks it, the API's field errors shown at their fields.
import { Alert, Button, Group, Select, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { components } from "../api/schema";
import { DraftNotice, useDraft } from "../components/Draft";
import { useLocale, useT } from "../i18n/locale";
import { catalogue } from "../i18n/messages";
import { todayIn } from "../lib/dates";
import { useOfficeZone } from "../office";
import { nested } from "./fields";
import { nikErrors, ReporterFields, reportErrors } from "./ReporterFields";
import { useFields } from "./useFields";
import { DateField } from "../components/DateFields";

type Channel = components["schemas"]["Channel"];
type Kind = components["schemas"]["Kind"];
// Every value of the API's enums: the type check fails when the API adds one.
const CHANNELS = [
  "walk_in", "letter", "phone", "whatsapp", "email", "social_media", "outreach", "web", "portal",
  "open311", "community",
] as const satisfies readonly Channel[];
// Channels staff do not pick here: Open311 reports arrive through its own routes, and a
// community report names its Sahabat Ombudsman member, which this form does not ask.
const NOT_AT_THE_DESK: readonly Channel[] = ["open311", "community"];
const KINDS = ["LM", "KNL", "RCO", "TEMBUSAN", "IPS"] as const satisfies readonly Kind[];
type Exhaustive<T, U extends readonly T[]> = [T] extends [U[number]] ? true : never;
const _allChannels: Exhaustive<Channel, typeof CHANNELS> = true;
const _allKinds: Exhaustive<Kind, typeof KINDS> = true;
void _allChannels;
void _allKinds;

const INITIAL = { channel: "walk_in", kind: "LM" };

export function RegisterPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const form = useFields(INITIAL);
  const { values, set, bind, errors, setErrors, reset } = form;
  const [confidential, setConfidential] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A visitor's details half typed survive a look at another screen (kept per user).
  const draft = useDraft("register", null, { values, confidential }, (kept) => {
    reset(kept.values);
    setConfidential(kept.confidential);
  });
  const substances = useQuery({
    queryKey: ["substances"],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/intake/substances");
      if (error) throw new Error("substances");
      return data;
    },
    staleTime: 3600_000,
  });
  const consultation = values.kind === "KNL";
  // An own-initiative investigation (IPS) is the office's own: it has no reporter.
  const ownInitiative = values.kind === "IPS";

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const refused = nikErrors(form, t);
    if (refused) return setErrors(refused);
    setBusy(true);
    const fields = nested(values);
    const body = ownInitiative
      ? { ...fields, reporter: undefined }
      : { ...fields, reporter: { ...(fields.reporter as object), confidential } };
    const { data, error } = await api.POST("/api/v1/intake/reports", {
      body: body as components["schemas"]["ReportCreate"],
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    setBusy(false);
    if (data) {
      // A clean form for the next visitor (same channel and kind, the desk's usual),
      // so that a second press never registers the same report twice.
      const next = { channel: values.channel ?? "walk_in", kind: values.kind ?? "LM" };
      reset(next);
      setConfidential(false);
      draft.saved({ values: next, confidential: false });
      setDone(data.registration_number);
      return;
    }
    setErrors(reportErrors(error, t));
  }

  const labels = catalogue(locale);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Title order={1} size="h2">
          {t("register.title")}
        </Title>
        {done && (
          <Alert color="green" role="status">
            {t("register.done", { number: done })}
          </Alert>
        )}
        <DraftNotice draft={draft} />
        {errors.general && (
          <Alert color="red" role="alert">
            {errors.general}
          </Alert>
        )}
        <Group grow>
          <Select
            label={t("register.channel")}
            data={CHANNELS.filter((c) => !NOT_AT_THE_DESK.includes(c)).map((c) => ({ value: c, label: labels[`channel.${c}`] ?? c }))}
            value={values.channel ?? null}
            onChange={(v) => {
              set("channel", v ?? "");
              if (v !== "letter") set("letter_number", "");
            }}
            error={errors.fields.channel}
            allowDeselect={false}
          />
          <Select
            label={t("register.kind")}
            data={KINDS.map((k) => ({ value: k, label: labels[`kind.${k}`] ?? k }))}
            value={values.kind ?? null}
            onChange={(v) => set("kind", v ?? "")}
            error={errors.fields.kind}
            allowDeselect={false}
          />
        </Group>
        {!ownInitiative && (
          <ReporterFields fields={form} confidential={confidential} onConfidential={setConfidential} askNotifyBy />
        )}
        {values.channel === "letter" && (
          <TextInput label={t("register.letterNumber")} description={t("register.letterNumberHelp")} maxLength={100} {...bind("letter_number")} />
        )}
        {!consultation && <TextInput label={t("register.agency")} {...bind("reported_agency.name")} />}
        <Select
          label={t("register.substance")}
          data={(substances.data ?? []).map((s) => ({ value: s.code, label: locale === "id" ? s.name_id : s.name_en }))}
          value={values.substance ?? null}
          onChange={(v) => set("substance", v ?? "")}
          error={errors.fields.substance}
          searchable
          clearable
        />
        <TextInput label={t("register.summary")} required {...bind("summary")} />
        {consultation ? (
          <>
            <Textarea label={t("register.question")} autosize minRows={3} {...bind("question")} />
            <Textarea label={t("register.answer")} autosize minRows={3} {...bind("answer")} />
          </>
        ) : (
          <>
            <Textarea label={t("register.chronology")} autosize minRows={4} {...bind("chronology")} />
            <DateField
              label={t("register.eventDate")}
              value={values.event_date ?? ""}
              onChange={(e) => set("event_date", e.currentTarget.value)}
              maxDate={todayIn(zone)}
              error={errors.fields.event_date}
              clearable
            />
          </>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {t("register.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
