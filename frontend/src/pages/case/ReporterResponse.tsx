// The reporter's response to the LHP (tanggapan pelapor), as the examiner records it from
// a letter, a call or a visit: the stance, the words, and the day it reached the office
// (today unless told; one after the response deadline is kept, marked late by the API).
// Shown only when the case's `allowed_actions` lists `record_response`.
import { Button, Group, Select, Stack, Textarea, Title } from "@mantine/core";
import type { FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { DateField } from "../../components/DateFields";
import { DraftNotice, useDraft } from "../../components/Draft";
import { General, Saved, useWrite } from "../../components/Write";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { middayIn, todayIn } from "../../lib/dates";
import type { WriteProps } from "./Forms";

type S = components["schemas"];
const STANCES = ["agrees", "objects", "other"] as const satisfies readonly S["Stance"][];

export function ReporterResponseForm(props: WriteProps): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const today = todayIn(props.zone);
  const w = useWrite(props, { received_on: today });
  const draft = useDraft("case-response", props.caseId, { values: w.values }, (kept) => w.reset(kept.values));
  const receivedOn = w.values.received_on ?? "";

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      stance: w.values.stance || undefined,
      text: w.values.text || undefined,
      // Today's is recorded as the moment it is entered; an earlier day as its midday.
      responded_at: receivedOn && receivedOn !== today ? middayIn(receivedOn, props.zone) : null,
    };
    void w.send(
      () =>
        api.POST("/api/v1/examination/cases/{case_id}/reporter-responses", {
          params: { path: { case_id: props.caseId } },
          body: body as S["ReporterResponseCreate"],
          headers: { "If-Match": props.etag, "Idempotency-Key": crypto.randomUUID() },
        }),
      () => {
        w.reset({ received_on: today });
        draft.saved({ values: {} });
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="response-new">
      <Stack gap="xs">
        <Title order={3} size="h4" id="response-new">
          {t("response.new")}
        </Title>
        <Saved when={w.saved} message={t("response.done")} />
        <DraftNotice draft={draft} />
        <General message={w.errors.general} />
        <Select
          label={t("response.stance")}
          required
          data={STANCES.map((k) => ({ value: k, label: codeLabel(labels, "stance", k) }))}
          value={w.values.stance || null}
          onChange={(v) => w.set("stance", v ?? "")}
          error={w.errors.fields.stance}
        />
        <Textarea label={t("response.text")} required autosize minRows={2} {...w.bind("text")} />
        <DateField
          label={t("response.receivedOn")}
          value={receivedOn}
          onChange={(e) => w.set("received_on", e.currentTarget.value)}
          maxDate={today}
          error={w.errors.fields.responded_at}
        />
        <Group>
          <Button type="submit" variant="outline" loading={w.busy}>
            {t("response.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
