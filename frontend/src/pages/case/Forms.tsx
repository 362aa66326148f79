// The examiner's main steps on a case: record an activity, issue the final report
// (LHP), mark a corrective action done, close. Each sends the version it read
// (If-Match); a newer one on the server opens the conflict dialog and keeps the form.
// The long ones (activity, LHP, closure) keep a draft when the examiner leaves the case.
import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  Select,
  Stack,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { lines, rupiah } from "../../lib/casework";
import { todayIn } from "../../lib/dates";
import { DraftNotice, useDraft } from "../../components/Draft";
import { General, Saved, useWrite } from "../../components/Write";
import { errorAt } from "./write";
import { DateField } from "../../components/DateFields";

type S = components["schemas"];
const ACTIVITY_KINDS = ["written_clarification", "oral_clarification", "field_investigation", "mediation", "conciliation", "other"] as const satisfies readonly S["ActivityKind"][];
const FINDINGS = ["maladministration_found", "no_maladministration", "examination_stopped"] as const satisfies readonly S["Finding"][];
const FORMS = ["undue_delay", "not_providing_service", "incompetence", "abuse_of_authority", "procedural_deviation", "asking_for_payment", "improper_conduct", "partiality", "discrimination", "conflict_of_interest"] as const satisfies readonly S["Maladministration"][];
const OUTCOMES = ["resolved_by_agency", "conciliation", "no_maladministration", "in_court", "withdrawn", "not_authority", "no_data", "recommendation"] as const satisfies readonly S["Outcome"][];
const ROUTES = ["oral_clarification", "written_clarification", "field_investigation", "mediation", "conciliation", "reporter_request", "advice", "other"] as const satisfies readonly S["Route"][];

export interface WriteProps {
  caseId: string;
  etag: string;
  zone: string;
  onSaved: () => void;
  onConflict: () => void;
}

export function ActivityForm(props: WriteProps): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  // Today to start with, kept in the form: a day being retyped is not put back to today.
  const w = useWrite(props, { held_on: todayIn(props.zone) });
  const [awaiting, setAwaiting] = useState(false);
  const draft = useDraft("case-activity", props.caseId, { values: w.values, awaiting }, (kept) => {
    w.reset(kept.values);
    setAwaiting(kept.awaiting);
  });
  const heldOn = w.values.held_on ?? "";

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      kind: (w.values.kind || "written_clarification") as S["ActivityKind"],
      held_on: heldOn,
      summary: w.values.summary ?? "",
      await_response: awaiting,
      response_due: awaiting && w.values.response_due ? w.values.response_due : null,
    };
    void w.send(
      () =>
        api.POST("/api/v1/examination/cases/{case_id}/activities", {
          params: { path: { case_id: props.caseId } },
          // An empty summary is the API's to refuse: its message lands at the field.
          body: (body.summary === "" ? { ...body, summary: undefined } : body) as S["ActivityCreate"],
          headers: { "If-Match": props.etag, "Idempotency-Key": crypto.randomUUID() },
        }),
      () => {
        w.reset({ kind: body.kind, held_on: todayIn(props.zone) });
        setAwaiting(false);
        draft.saved({ values: { kind: body.kind }, awaiting: false });
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="activity-new">
      <Stack>
        <Title order={3} size="h4" id="activity-new">
          {t("activity.new")}
        </Title>
        <Saved when={w.saved} message={t("activity.done")} />
        <DraftNotice draft={draft} />
        <General message={w.errors.general} />
        <Group grow align="flex-start">
          <Select
            label={t("activity.kind")}
            data={ACTIVITY_KINDS.map((k) => ({ value: k, label: codeLabel(catalogue(locale), "activityKind", k) }))}
            value={w.values.kind || "written_clarification"}
            onChange={(v) => w.set("kind", v ?? "")}
            error={w.errors.fields.kind}
            allowDeselect={false}
          />
          <DateField
            label={t("activity.heldOn")}
            value={heldOn}
            onChange={(e) => w.set("held_on", e.currentTarget.value)}
            maxDate={todayIn(props.zone)}
            error={w.errors.fields.held_on}
          />
        </Group>
        <Textarea label={t("activity.summary")} required autosize minRows={3} {...w.bind("summary")} />
        <Checkbox label={t("activity.await")} checked={awaiting} onChange={(e) => setAwaiting(e.currentTarget.checked)} />
        {awaiting && (
          <DateField
            label={t("activity.responseDue")}
            value={w.values.response_due ?? ""}
            onChange={(e) => w.set("response_due", e.currentTarget.value)}
            error={w.errors.fields.response_due}
            clearable
          />
        )}
        <Group>
          <Button type="submit" loading={w.busy}>
            {t("activity.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ConclusionForm(props: WriteProps): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const w = useWrite(props);
  const [forms, setForms] = useState<string[]>([]);
  const draft = useDraft("case-lhp", props.caseId, { values: w.values, forms }, (kept) => {
    w.reset(kept.values);
    setForms(kept.forms);
  });
  const finding = w.values.finding ?? "";
  const found = finding === "maladministration_found";

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      finding: finding === "" ? undefined : finding,
      summary: w.values.summary || undefined,
      forms: found ? forms : [],
      corrective_actions: found ? lines(w.values.corrective_actions ?? "") : [],
      recommendation: found && w.values.recommendation ? w.values.recommendation : null,
    };
    void w.send(
      () =>
        api.POST("/api/v1/examination/cases/{case_id}/conclusion", {
          params: { path: { case_id: props.caseId } },
          body: body as S["ConclusionCreate"],
          headers: { "If-Match": props.etag },
        }),
      () => draft.saved({ values: w.values, forms }),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="lhp-new">
      <Stack>
        <Title order={3} size="h4" id="lhp-new">
          {t("lhp.new")}
        </Title>
        <DraftNotice draft={draft} />
        <General message={w.errors.general} />
        <Select
          label={t("lhp.finding")}
          required
          data={FINDINGS.map((f) => ({ value: f, label: codeLabel(labels, "finding", f) }))}
          value={finding || null}
          onChange={(v) => w.set("finding", v ?? "")}
          error={w.errors.fields.finding}
        />
        {found && (
          <MultiSelect
            label={t("lhp.forms")}
            data={FORMS.map((f) => ({ value: f, label: codeLabel(labels, "mal", f) }))}
            value={forms}
            onChange={setForms}
            error={errorAt(w.errors, "forms")}
            searchable
          />
        )}
        <Textarea label={t("lhp.summary")} required autosize minRows={3} {...w.bind("summary")} />
        {found && (
          <>
            <Textarea
              label={t("lhp.actions")}
              autosize
              minRows={2}
              {...w.bind("corrective_actions")}
              error={errorAt(w.errors, "corrective_actions")}
            />
            <Textarea label={t("lhp.recommendation")} autosize minRows={2} {...w.bind("recommendation")} />
          </>
        )}
        <Group>
          <Button type="submit" loading={w.busy}>
            {t("lhp.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ActionDoneForm(props: WriteProps & { index: number }): React.JSX.Element {
  const t = useT();
  const w = useWrite(props, { done_on: todayIn(props.zone) });
  const doneOn = w.values.done_on ?? "";

  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(() =>
      api.POST("/api/v1/examination/cases/{case_id}/corrective-actions/{index}", {
        params: { path: { case_id: props.caseId, index: props.index } },
        body: { done_on: doneOn, note: "" },
        headers: { "If-Match": props.etag },
      }),
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <DateField
          label={t("lhp.doneOn")}
          size="xs"
          value={doneOn}
          onChange={(e) => w.set("done_on", e.currentTarget.value)}
          maxDate={todayIn(props.zone)}
          error={w.errors.fields.done_on ?? w.errors.general}
        />
        <Button type="submit" size="xs" loading={w.busy} aria-label={t("lhp.markDoneOf", { number: props.index + 1 })}>
          {t("lhp.markDone")}
        </Button>
      </Group>
    </form>
  );
}

export function ClosureForm(props: WriteProps): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const w = useWrite(props);
  const [withLoss, setWithLoss] = useState(false);
  const draft = useDraft("case-closure", props.caseId, { values: w.values, withLoss }, (kept) => {
    w.reset(kept.values);
    setWithLoss(kept.withLoss);
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    let publicLoss: Record<string, unknown> | null = null;
    if (withLoss) {
      const amount = rupiah(w.values["public_loss.amount_idr"] ?? "");
      if (amount === null) {
        w.setErrors({ fields: { "public_loss.amount_idr": t("closure.amountInvalid") }, general: t("register.fix") });
        return;
      }
      const people = w.values["public_loss.people_affected"] ?? "";
      publicLoss = {
        kind: w.values["public_loss.kind"] || "prevented",
        amount_idr: amount,
        people_affected: people === "" ? 0 : Number(people),
        description: w.values["public_loss.description"] || undefined,
      };
    }
    const body = {
      outcome: w.values.outcome || undefined,
      route: w.values.route || undefined,
      note: w.values.note ?? "",
      public_loss: publicLoss,
    };
    void w.send(
      () =>
        api.POST("/api/v1/examination/cases/{case_id}/closure", {
          params: { path: { case_id: props.caseId } },
          body: body as S["ClosureCreate"],
          headers: { "If-Match": props.etag },
        }),
      () => draft.saved({ values: w.values, withLoss }),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="closure-new">
      <Stack>
        <Title order={3} size="h4" id="closure-new">
          {t("closure.new")}
        </Title>
        <DraftNotice draft={draft} />
        <General message={w.errors.general} />
        <Group grow align="flex-start">
          <Select
            label={t("closure.outcome")}
            required
            data={OUTCOMES.map((o) => ({ value: o, label: codeLabel(labels, "outcome", o) }))}
            value={w.values.outcome || null}
            onChange={(v) => w.set("outcome", v ?? "")}
            error={w.errors.fields.outcome}
          />
          <Select
            label={t("closure.route")}
            required
            data={ROUTES.map((r) => ({ value: r, label: codeLabel(labels, "route", r) }))}
            value={w.values.route || null}
            onChange={(v) => w.set("route", v ?? "")}
            error={w.errors.fields.route}
          />
        </Group>
        <Textarea label={t("closure.note")} autosize minRows={2} {...w.bind("note")} />
        <Checkbox label={t("closure.withLoss")} checked={withLoss} onChange={(e) => setWithLoss(e.currentTarget.checked)} />
        {withLoss && (
          <Fieldset legend={t("closure.loss")}>
            <Stack>
              <Group grow align="flex-start">
                <Select
                  label={t("closure.lossKind")}
                  data={(["prevented", "recovered"] as const).map((k) => ({ value: k, label: codeLabel(labels, "lossKind", k) }))}
                  value={w.values["public_loss.kind"] || "prevented"}
                  onChange={(v) => w.set("public_loss.kind", v ?? "")}
                  allowDeselect={false}
                />
                <TextInput label={t("closure.amount")} inputMode="numeric" required {...w.bind("public_loss.amount_idr")} />
                <TextInput label={t("closure.people")} inputMode="numeric" {...w.bind("public_loss.people_affected")} />
              </Group>
              <Textarea label={t("closure.lossDescription")} required autosize minRows={2} {...w.bind("public_loss.description")} />
            </Stack>
          </Fieldset>
        )}
        <Group>
          <Button type="submit" loading={w.busy}>
            {t("closure.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// Waiting for the reporter or the agency pauses the SLA clock; back to "open" resumes it.
// The choices are the API's (`allowed_moves`): the moves this caller may make now.
export function StatusForm(props: WriteProps & { moves: readonly S["StatusChange"]["status"][] }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const w = useWrite(props);
  const choices = props.moves;
  const target = w.values.status && choices.includes(w.values.status as S["StatusChange"]["status"]) ? w.values.status : choices[0]!;

  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(
      () =>
        api.POST("/api/v1/examination/cases/{case_id}/status", {
          params: { path: { case_id: props.caseId } },
          body: { status: target as S["StatusChange"]["status"], note: w.values.note ?? "" },
          headers: { "If-Match": props.etag },
        }),
      () => w.reset({}),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="status-new">
      <Stack gap="xs">
        <Title order={3} size="h4" id="status-new">
          {t("status.new")}
        </Title>
        <General message={w.errors.general} />
        <Group grow align="flex-end">
          <Select
            label={t("status.to")}
            data={choices.map((m) => ({ value: m, label: codeLabel(catalogue(locale), "caseStatus", m) }))}
            value={target}
            onChange={(v) => w.set("status", v ?? "")}
            error={w.errors.fields.status}
            allowDeselect={false}
          />
          <TextInput label={t("status.note")} {...w.bind("note")} />
        </Group>
        <Group>
          <Button type="submit" variant="outline" loading={w.busy}>
            {t("status.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
