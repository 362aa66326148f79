// An intake officer's steps on a report: formal verification (the checklist, what is
// missing and the notice to the reporter), the reporter's identity completed, the head's
// exception to the age limit, material verification and the plenary's decision. Each
// sends the version it read (If-Match); a newer one opens the conflict dialog and keeps
// the form; the API's problems land at their fields.
import { Button, Checkbox, Fieldset, Group, Radio, Select, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { lines } from "../../lib/casework";
import { todayIn } from "../../lib/dates";
import { checklistItems, formalBody, type ChecklistItem, type PlenaryChoice } from "../../lib/verification";
import { General, Saved, useWrite } from "../../components/Write";
import { errorAt } from "../case/write";
import { DateField } from "../../components/DateFields";

type S = components["schemas"];
const NOTICE_CHANNELS = ["email", "whatsapp", "sms", "phone", "letter", "in_person", "web"] as const satisfies readonly S["NoticeChannel"][];

export interface StepProps {
  reportId: string;
  etag: string;
  zone: string;
  represented: boolean;
  onSaved: () => void;
  onConflict: () => void;
}

function path(props: StepProps) {
  return { path: { report_id: props.reportId } };
}

export function FormalForm(props: StepProps): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const w = useWrite(props);
  const [ticked, setTicked] = useState<Partial<Record<ChecklistItem, boolean>>>({});
  const [notify, setNotify] = useState(true);
  const items = checklistItems(props.represented);
  const complete = items.every((i) => ticked[i]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = formalBody({
      ticked,
      represented: props.represented,
      missing: w.values.missing ?? "",
      note: w.values.note ?? "",
      notify,
      channel: w.values.channel || "email",
      message: w.values["notification.message"] ?? "",
    });
    void w.send(() =>
      api.POST("/api/v1/intake/reports/{report_id}/formal-verification", {
        params: path(props),
        body: body as S["FormalVerification"],
        headers: { "If-Match": props.etag },
      }),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="formal-new">
      <Stack>
        <Title order={3} size="h4" id="formal-new">
          {t("formal.title")}
        </Title>
        <Saved when={w.saved} message={t("step.saved")} />
        <General message={w.errors.general} />
        <Fieldset legend={t("formal.checklist")}>
          <Stack gap="xs">
            {items.map((item) => (
              <Checkbox
                key={item}
                label={t(`formal.${item}`)}
                checked={Boolean(ticked[item])}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setTicked((v) => ({ ...v, [item]: checked }));
                }}
                error={errorAt(w.errors, `checklist.${item}`)}
              />
            ))}
          </Stack>
        </Fieldset>
        {!complete && (
          <>
            <Textarea
              label={t("formal.missing")}
              description={t("formal.missingHelp")}
              autosize
              minRows={2}
              {...w.bind("missing")}
              error={errorAt(w.errors, "missing")}
            />
            <Checkbox label={t("formal.notify")} checked={notify} onChange={(e) => setNotify(e.currentTarget.checked)} />
            {notify && (
              <Group grow align="flex-start">
                <Select
                  label={t("formal.channel")}
                  data={NOTICE_CHANNELS.map((c) => ({ value: c, label: codeLabel(catalogue(locale), "notice", c) }))}
                  value={w.values.channel || "email"}
                  onChange={(v) => w.set("channel", v ?? "email")}
                  error={w.errors.fields["notification.channel"]}
                  allowDeselect={false}
                />
                <Textarea
                  label={t("formal.message")}
                  required
                  autosize
                  minRows={2}
                  {...w.bind("notification.message")}
                  error={errorAt(w.errors, "notification.message") ?? errorAt(w.errors, "notification")}
                />
              </Group>
            )}
          </>
        )}
        <Textarea label={t("step.note")} autosize minRows={1} {...w.bind("note")} />
        <Group>
          <Button type="submit" loading={w.busy}>
            {complete ? t("formal.submitComplete") : t("formal.submitIncomplete")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function IdentityForm(props: StepProps): React.JSX.Element {
  const t = useT();
  const w = useWrite(props);

  function submit(event: FormEvent) {
    event.preventDefault();
    // Only what was given: the fields left empty keep what the reporter gave before.
    const names = ["nik", "place_of_birth", "date_of_birth", "address", "occupation"];
    if (props.represented) names.push("power_of_attorney_number", "power_of_attorney_date");
    const body = Object.fromEntries(
      names.map((n) => [n, (w.values[n] ?? "").trim()]).filter(([, v]) => v !== ""),
    );
    void w.send(
      () =>
        api.POST("/api/v1/intake/reports/{report_id}/identity-completion", {
          params: path(props),
          body: body as S["IdentityCompletion"],
          headers: { "If-Match": props.etag },
        }),
      () => w.reset({}),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="identity-new">
      <Stack>
        <Title order={3} size="h4" id="identity-new">
          {t("identity.title")}
        </Title>
        <Saved when={w.saved} message={t("step.saved")} />
        <General message={w.errors.general} />
        <Group grow align="flex-start">
          <TextInput label={t("register.nik")} description={t("register.nikHelp")} inputMode="numeric" {...w.bind("nik")} />
          <TextInput label={t("identity.occupation")} {...w.bind("occupation")} />
        </Group>
        <Group grow align="flex-start">
          <TextInput label={t("identity.placeOfBirth")} {...w.bind("place_of_birth")} />
          {/* Typed, not picked: a birth date decades back is a long way by calendar. */}
          <DateField label={t("identity.dateOfBirth")} maxDate={todayIn(props.zone)} {...w.bind("date_of_birth")} />
        </Group>
        <Textarea label={t("register.address")} autosize minRows={1} {...w.bind("address")} />
        {props.represented && (
          <Group grow align="flex-start">
            <TextInput label={t("identity.poaNumber")} {...w.bind("power_of_attorney_number")} />
            <DateField label={t("identity.poaDate")} maxDate={todayIn(props.zone)} {...w.bind("power_of_attorney_date")} />
          </Group>
        )}
        <Group>
          <Button type="submit" variant="default" loading={w.busy}>
            {t("identity.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AgeExceptionForm(props: StepProps): React.JSX.Element {
  const t = useT();
  const w = useWrite(props);

  function submit(event: FormEvent) {
    event.preventDefault();
    const reason = (w.values.reason ?? "").trim();
    void w.send(() =>
      api.POST("/api/v1/intake/reports/{report_id}/age-exception", {
        params: path(props),
        body: (reason === "" ? {} : { reason }) as S["AgeException"],
        headers: { "If-Match": props.etag },
      }),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="age-new">
      <Stack>
        <Title order={3} size="h4" id="age-new">
          {t("age.title")}
        </Title>
        <Saved when={w.saved} message={t("step.saved")} />
        <General message={w.errors.general} />
        <Textarea label={t("age.reason")} description={t("age.help")} required autosize minRows={2} {...w.bind("reason")} />
        <Group>
          <Button type="submit" variant="default" loading={w.busy}>
            {t("age.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const FINDINGS = ["already_reported", "in_court", "agency_still_handling"] as const;

export function MaterialForm(props: StepProps): React.JSX.Element {
  const t = useT();
  const w = useWrite(props);
  const [within, setWithin] = useState(true);
  const [found, setFound] = useState<Record<string, boolean>>({});
  const passes = within && FINDINGS.every((f) => !found[f]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const note = (w.values.note ?? "").trim();
    const body = {
      within_authority: within,
      ...Object.fromEntries(FINDINGS.map((f) => [f, Boolean(found[f])])),
      note: note === "" ? null : note,
    };
    void w.send(() =>
      api.POST("/api/v1/intake/reports/{report_id}/material-verification", {
        params: path(props),
        body: body as S["MaterialVerification"],
        headers: { "If-Match": props.etag },
      }),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="material-new">
      <Stack>
        <Title order={3} size="h4" id="material-new">
          {t("material.title")}
        </Title>
        <Saved when={w.saved} message={t("step.saved")} />
        <General message={w.errors.general} />
        <Fieldset legend={t("material.findings")}>
          <Stack gap="xs">
            <Checkbox label={t("material.within_authority")} checked={within} onChange={(e) => setWithin(e.currentTarget.checked)} />
            {FINDINGS.map((f) => (
              <Checkbox
                key={f}
                label={t(`material.${f}`)}
                checked={Boolean(found[f])}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setFound((v) => ({ ...v, [f]: checked }));
                }}
              />
            ))}
          </Stack>
        </Fieldset>
        <Textarea label={t("step.note")} autosize minRows={1} {...w.bind("note")} />
        <Group>
          <Button type="submit" loading={w.busy} color={passes ? undefined : "red.8"}>
            {passes ? t("material.submitPass") : t("material.submitFail")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PlenaryForm(props: StepProps & { choices: PlenaryChoice[] }): React.JSX.Element {
  const t = useT();
  const w = useWrite(props);
  const decision = (w.values.decision || props.choices[0]) as PlenaryChoice;

  function submit(event: FormEvent) {
    event.preventDefault();
    const reason = (w.values.reason ?? "").trim();
    const unit = (w.values.examination_unit ?? "").trim();
    const body = {
      decision,
      reason: reason === "" ? null : reason,
      participants: lines(w.values.participants ?? ""),
      examination_unit: decision !== "reject" && unit !== "" ? unit : null,
    };
    void w.send(() =>
      api.POST("/api/v1/intake/reports/{report_id}/plenary-decision", {
        params: path(props),
        body: body as S["PlenaryDecision"],
        headers: { "If-Match": props.etag },
      }),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="plenary-new">
      <Stack>
        <Title order={3} size="h4" id="plenary-new">
          {t("plenary.title")}
        </Title>
        <Saved when={w.saved} message={t("step.saved")} />
        <General message={w.errors.general} />
        <Radio.Group
          label={t("plenary.decision")}
          value={decision}
          onChange={(v) => w.set("decision", v)}
          error={w.errors.fields.decision}
        >
          <Group mt="xs">
            {props.choices.map((c) => (
              <Radio key={c} value={c} label={t(`plenary.${c}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label={t("plenary.reason")}
          required={decision === "reject"}
          autosize
          minRows={2}
          {...w.bind("reason")}
        />
        {decision !== "reject" && <TextInput label={t("plenary.unit")} {...w.bind("examination_unit")} />}
        <Textarea
          label={t("plenary.participants")}
          description={t("plenary.participantsHelp")}
          autosize
          minRows={2}
          {...w.bind("participants")}
          error={errorAt(w.errors, "participants")}
        />
        <Group>
          <Button type="submit" loading={w.busy}>
            {t("plenary.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
