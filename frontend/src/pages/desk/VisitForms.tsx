// The service screen's two forms: the officer ends the service with its outcome, then
// hands the screen to the visitor, who scores it and signs on the touch screen. Each
// sends the version it read (If-Match); a newer one opens the conflict dialog.
import { Alert, Button, Group, Radio, Stack, Textarea, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { DraftNotice, useDraft } from "../../components/Draft";
import { Section } from "../../components/Sections";
import { SignaturePad } from "../../components/SignaturePad";
import { useT } from "../../i18n/locale";
import { written, type Written } from "../case/write";
import { useFields } from "../useFields";

interface FormProps {
  visitId: string;
  etag: string;
  onDone: () => void;
  onConflict: () => void;
}

function useWrite(props: FormProps, fields: ReturnType<typeof useFields>) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  async function send(call: () => Promise<{ response: Response; error?: unknown }>, after?: () => void) {
    setBusy(true);
    const { response, error } = await call();
    setBusy(false);
    const result: Written = written(response, error, t("form.error"), t("field.required"), t("checkIn.fix"));
    if (result.kind === "saved") {
      after?.();
      props.onDone();
    } else if (result.kind === "conflict") props.onConflict();
    else fields.setErrors(result.errors);
  }
  return { busy, send };
}

export function EndForm(props: FormProps): React.JSX.Element {
  const t = useT();
  const fields = useFields({});
  const { busy, send } = useWrite(props, fields);
  // The service's outcome and what was said are written during the visit; the officer
  // looking at the queue meanwhile finds them again. (The rating is the visitor's own,
  // given in one sitting: a half-given score is never brought back as if given.)
  const draft = useDraft("visit-end", props.visitId, fields.values, fields.reset);

  function submit(event: FormEvent) {
    event.preventDefault();
    void send(
      () =>
        api.POST("/api/v1/consultation/visits/{visit_id}/end", {
          params: { path: { visit_id: props.visitId } },
          body: { outcome: fields.values.outcome ?? "", conversation: fields.values.conversation || null },
          headers: { "If-Match": props.etag },
        }),
      () => draft.saved(fields.values),
    );
  }

  return (
    <Section title={t("visit.end")} id="visit-end">
      <form onSubmit={submit} noValidate>
        <Stack>
          <DraftNotice draft={draft} />
          {fields.errors.general && (
            <Alert color="red" role="alert">
              {fields.errors.general}
            </Alert>
          )}
          <Textarea label={t("visit.outcome")} required autosize minRows={3} {...fields.bind("outcome")} />
          <Textarea label={t("visit.conversation")} autosize minRows={3} {...fields.bind("conversation")} />
          <Group>
            <Button type="submit" loading={busy}>
              {t("visit.endSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

const SCORES = ["1", "2", "3", "4", "5"] as const;

export function RatingForm(props: FormProps): React.JSX.Element {
  const t = useT();
  const fields = useFields({});
  const { busy, send } = useWrite(props, fields);
  const [signature, setSignature] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const score = Number(fields.values.score);
    if (!score) {
      fields.setErrors({ fields: { score: t("field.required") }, general: t("checkIn.fix") });
      return;
    }
    void send(() =>
      api.POST("/api/v1/consultation/visits/{visit_id}/rating", {
        params: { path: { visit_id: props.visitId } },
        body: { score, comment: fields.values.comment || null, signature },
        headers: { "If-Match": props.etag },
      }),
    );
  }

  return (
    <Section title={t("visit.rating")} id="visit-rating">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t("visit.ratingIntro")}</Text>
          {fields.errors.general && (
            <Alert color="red" role="alert">
              {fields.errors.general}
            </Alert>
          )}
          <Radio.Group
            label={t("visit.score")}
            required
            value={fields.values.score ?? null}
            onChange={(v) => fields.set("score", v)}
            error={fields.errors.fields.score}
          >
            <Group mt="xs">
              {SCORES.map((s) => (
                <Radio key={s} value={s} label={t(`score.${s}`)} size="md" />
              ))}
            </Group>
          </Radio.Group>
          <Textarea label={t("visit.comment")} autosize minRows={2} {...fields.bind("comment")} />
          <SignaturePad
            label={t("visit.signature")}
            help={t("visit.signatureHelp")}
            clearLabel={t("visit.signatureClear")}
            onChange={setSignature}
          />
          {fields.errors.fields.signature && (
            <Text c="red.9" size="sm" role="alert">
              {fields.errors.fields.signature}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={busy}>
              {t("visit.rateSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

// A supervisor hands the visit to an officer (by username, as the desk assigns).
export function AssignForm(props: FormProps & { officer: string | null }): React.JSX.Element {
  const t = useT();
  const fields = useFields({ officer: props.officer ?? "" });
  const { busy, send } = useWrite(props, fields);

  function submit(event: FormEvent) {
    event.preventDefault();
    void send(() =>
      api.POST("/api/v1/consultation/visits/{visit_id}/assign", {
        params: { path: { visit_id: props.visitId } },
        body: { officer: (fields.values.officer ?? "").trim() },
        headers: { "If-Match": props.etag },
      }),
    );
  }

  return (
    <Section title={t("visit.assign")} id="visit-assign">
      <form onSubmit={submit} noValidate>
        <Group align="flex-end">
          <TextInput label={t("visit.assignTo")} required {...fields.bind("officer")} />
          <Button type="submit" loading={busy}>
            {t("visit.assignSubmit")}
          </Button>
        </Group>
        {fields.errors.general && (
          <Alert color="red" role="alert" mt="sm">
            {fields.errors.general}
          </Alert>
        )}
      </form>
    </Section>
  );
}
