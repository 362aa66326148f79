// The desk's check-in: the visitor's details and purpose, the ticket number given, and
// the slip printed at once. Objections (sanggahan) also name the tender and the day its
// winner was announced; the API decides whether one filed late is still an objection.
import { Alert, Button, Fieldset, Group, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { AppLink } from "../../components/AppLink";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { todayIn } from "../../lib/dates";
import { formErrors, isProblem } from "../../lib/problems";
import { useOfficeZone } from "../../office";
import { nested } from "../fields";
import { useFields } from "../useFields";
import { PrintButtons } from "./PrintButtons";
import { DateField } from "../../components/DateFields";

type Category = components["schemas"]["Category"];
const CATEGORIES = ["consultation", "complaint", "objection"] as const satisfies readonly Category[];
const INITIAL = { category: "consultation" };

export function CheckInPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const zone = useOfficeZone();
  const { values, set, bind, errors, setErrors, reset } = useFields(INITIAL);
  const [done, setDone] = useState<{ id: string; ticket: number } | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per visitor: a second press (or a retry after a lost answer) replays the
  // first check-in rather than giving a second ticket.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const objection = values.category === "objection";

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const body = nested(objection ? values : { ...values, tender_reference: "", announced_on: "" });
    // Always a visitor, so a missing name is refused at the name's field, not the group's.
    body.visitor ??= {};
    const { data, error } = await api.POST("/api/v1/consultation/visits", {
      body: body as components["schemas"]["VisitCreate"],
      headers: { "Idempotency-Key": key },
    });
    setBusy(false);
    if (data) {
      setDone({ id: data.id, ticket: data.ticket });
      return;
    }
    const found = isProblem(error)
      ? formErrors(error, t("form.error"), { "Field required": t("field.required") })
      : { fields: {}, general: t("form.error") };
    setErrors({ ...found, general: found.general ?? t("checkIn.fix") });
  }

  function next() {
    reset(INITIAL);
    setDone(null);
    setKey(crypto.randomUUID());
  }

  if (done) {
    return (
      <Stack>
        <Title order={1} size="h2">
          {t("checkIn.title")}
        </Title>
        <Alert color="green" role="status">
          {t("checkIn.done", { number: String(done.ticket) })}
        </Alert>
        <Text size="3rem" fw={700} data-testid="ticket">
          {done.ticket}
        </Text>
        <PrintButtons visitId={done.id} kind="slip" />
        <Group>
          <Button onClick={next}>{t("checkIn.next")}</Button>
          <AppLink to="/meja-layanan">{t("visit.back")}</AppLink>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack maw={720}>
        <Title order={1} size="h2">
          {t("checkIn.title")}
        </Title>
        <Text>{t("checkIn.intro")}</Text>
        {errors.general && (
          <Alert color="red" role="alert">
            {errors.general}
          </Alert>
        )}
        <Fieldset legend={t("checkIn.visitor")}>
          <Stack>
            <TextInput label={t("checkIn.name")} required {...bind("visitor.name")} />
            <TextInput label={t("checkIn.institution")} {...bind("visitor.institution")} />
            <TextInput label={t("checkIn.phone")} type="tel" {...bind("visitor.phone")} />
          </Stack>
        </Fieldset>
        <Select
          label={t("checkIn.category")}
          data={CATEGORIES.map((c) => ({ value: c, label: codeLabel(labels, "category", c) }))}
          value={values.category ?? null}
          onChange={(v) => set("category", v ?? "consultation")}
          error={errors.fields.category}
          allowDeselect={false}
        />
        <Textarea label={t("checkIn.description")} required autosize minRows={3} {...bind("description")} />
        {objection && (
          <Group grow align="flex-start">
            <TextInput label={t("checkIn.tender")} {...bind("tender_reference")} />
            <DateField
              label={t("checkIn.announced")}
              value={values.announced_on ?? ""}
              onChange={(e) => set("announced_on", e.currentTarget.value)}
              maxDate={todayIn(zone)}
              error={errors.fields.announced_on}
              clearable
            />
          </Group>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {t("checkIn.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
