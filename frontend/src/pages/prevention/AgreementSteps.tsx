// What is done under a signed agreement, each shown only when the API offers it: the
// activities recorded (internships, clinics, seminars) and a new one, ending it early
// with a reason, renewing it as a new draft version (its own number and term).
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import type { FormEvent } from "react";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { formatDate } from "../../lib/dates";
import { offers } from "../../lib/preventionWrite";
import { DEFAULT_ZONE } from "../../office";
import { errorAt } from "../case/write";
import { useAgreementWrite } from "./AgreementPage";
import { useWords } from "./shared";
import type { AgreementDetail } from "./writeData";
import { DateField } from "../../components/DateFields";

const ACTIVITY_KINDS = ["internship", "clinic", "seminar", "other"] as const;
type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export function AgreementSteps({ agreement }: { agreement: AgreementDetail }): React.JSX.Element {
  return (
    <>
      {(agreement.activities.length > 0 || offers(agreement, "activity")) && <Activities agreement={agreement} />}
      {offers(agreement, "terminate") && <Terminate agreement={agreement} />}
      {offers(agreement, "renew") && <Renew agreement={agreement} />}
    </>
  );
}

function Activities({ agreement: a }: { agreement: AgreementDetail }): React.JSX.Element {
  const t = useT();
  const { intl } = useWords();
  const shared = useAgreementWrite(a);
  const w = useWrite({ onSaved: shared.refresh, onConflict: shared.onConflict }, { kind: "internship" });
  function submit(event: FormEvent) {
    event.preventDefault();
    const v = w.values;
    void w.send(
      () =>
        api.POST("/api/v1/prevention/agreements/{agreement_id}/activities", {
          params: { path: { agreement_id: a.id } },
          body: { kind: v.kind as ActivityKind, title: v.title ?? "", held_on: v.held_on || null, reference: v.reference?.trim() || null },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        }),
      () => w.reset({ kind: v.kind ?? "internship" }),
    );
  }
  return (
    <Section title={t("prev.agw.activities")} id="agreement-activities">
      {a.activities.length === 0 ? (
        <Text>{t("prev.agw.noActivities")}</Text>
      ) : (
        <Table striped withTableBorder data-testid="agreement-activities">
          <caption className="visually-hidden">{t("prev.agw.activities")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("prev.agw.activityTitle")}</Table.Th>
              <Table.Th scope="col">{t("prev.agw.activityKind")}</Table.Th>
              <Table.Th scope="col">{t("prev.agw.heldOn")}</Table.Th>
              <Table.Th scope="col">{t("prev.agw.reference")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.activities.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Th scope="row" fw={400}>
                  {x.title}
                </Table.Th>
                <Table.Td>{t(`prev.activity.${x.kind}`)}</Table.Td>
                <Table.Td>{x.held_on ? formatDate(x.held_on, DEFAULT_ZONE, intl) : "—"}</Table.Td>
                <Table.Td>{x.reference ?? "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {shared.dialog}
      {offers(a, "activity") && (
        <form onSubmit={submit} noValidate aria-label={t("prev.agw.addActivity")}>
          <Stack maw={760} gap="xs">
            <Saved when={w.saved} message={t("prev.agw.activityAdded")} />
            <General message={w.errors.general} />
            <Group grow align="flex-start">
              <NativeSelect
                label={t("prev.agw.activityKind")}
                data={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`prev.activity.${k}`) }))}
                {...w.bind("kind")}
                error={errorAt(w.errors, "kind")}
              />
              <TextInput label={t("prev.agw.activityTitle")} required {...w.bind("title")} error={errorAt(w.errors, "title")} />
            </Group>
            <Group grow align="flex-start">
              <DateField label={t("prev.agw.heldOn")} {...w.bind("held_on")} error={errorAt(w.errors, "held_on")} />
              <TextInput label={t("prev.agw.reference")} {...w.bind("reference")} error={errorAt(w.errors, "reference")} />
            </Group>
            <Group>
              <Button type="submit" loading={w.busy}>
                {t("prev.agw.addActivity")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}

function Terminate({ agreement: a }: { agreement: AgreementDetail }): React.JSX.Element {
  const t = useT();
  const shared = useAgreementWrite(a);
  const w = useWrite({ onSaved: shared.refresh, onConflict: shared.onConflict });
  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(() =>
      api.POST("/api/v1/prevention/agreements/{agreement_id}/termination", {
        params: { path: { agreement_id: a.id } },
        body: { reason: w.values.reason ?? "" },
        headers: shared.ifMatch,
      }),
    );
  }
  return (
    <Section title={t("prev.agw.terminateTitle")} id="agreement-terminate">
      {shared.dialog}
      <form onSubmit={submit} noValidate aria-label={t("prev.agw.terminateTitle")}>
        <Stack maw={760} gap="xs">
          <Saved when={w.saved} message={t("prev.agw.terminated")} />
          <General message={w.errors.general} />
          <TextInput label={t("prev.agw.reason")} required {...w.bind("reason")} error={errorAt(w.errors, "reason")} />
          <Group>
            <Button type="submit" color="red" loading={w.busy}>
              {t("prev.agw.terminate")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function Renew({ agreement: a }: { agreement: AgreementDetail }): React.JSX.Element {
  const t = useT();
  const navigate = useNavigate();
  const shared = useAgreementWrite(a);
  const w = useWrite({ onSaved: shared.refresh, onConflict: shared.onConflict });
  function submit(event: FormEvent) {
    event.preventDefault();
    const v = w.values;
    let made: string | null = null;
    void w.send(
      async () => {
        const result = await api.POST("/api/v1/prevention/agreements/{agreement_id}/renewal", {
          params: { path: { agreement_id: a.id } },
          body: { number: v.number?.trim() || null, starts_on: v.starts_on ?? "", ends_on: v.ends_on ?? "" },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        });
        made = result.data?.id ?? null;
        return result;
      },
      () => {
        if (made) void navigate({ to: "/pencegahan/kerja-sama/$agreementId", params: { agreementId: made } });
      },
    );
  }
  return (
    <Section title={t("prev.agw.renewTitle")} id="agreement-renew">
      <Text size="sm">{t("prev.agw.renewHint")}</Text>
      <form onSubmit={submit} noValidate aria-label={t("prev.agw.renewTitle")}>
        <Stack maw={760} gap="xs">
          <Saved when={w.saved} message={t("prev.agw.renewed")} />
          <General message={w.errors.general} />
          <Group grow align="flex-start">
            <TextInput label={t("prev.ag.number")} {...w.bind("number")} error={errorAt(w.errors, "number")} />
            <DateField label={t("prev.agw.startsOn")} required {...w.bind("starts_on")} error={errorAt(w.errors, "starts_on")} />
            <DateField label={t("prev.agw.endsOn")} required {...w.bind("ends_on")} error={errorAt(w.errors, "ends_on")} />
          </Group>
          <Group>
            <Button type="submit" loading={w.busy}>
              {t("prev.agw.renew")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
