// A cohort's placement plan: each intern's unit in each phase, which of their choices it
// is, the unit's supervisor and who placed it; the coordinator changes one with a reason
// (within the unit's places), and every change is listed with who made it and when.
import { Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { General, Saved, useWrite } from "../../components/Write";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue } from "../../i18n/messages";
import { formatDateTime } from "../../lib/dates";
import { useOfficeZone } from "../../office";
import { errorAt } from "../case/write";
import type { Change, Cohort, Plan } from "./data";
import { usePeriod, useUnitName } from "./shared";

type Placement = Plan["placements"][number];

export function PlanTable(props: { cohort: Cohort; plan: Plan; history: Change[]; nameOf: (id: string) => string; canWrite: boolean; onChanged: () => void; onConflict: () => void }): React.JSX.Element {
  const { cohort, plan, history, nameOf, canWrite } = props;
  const t = useT();
  const { locale } = useLocale();
  const labels: Record<string, string> = catalogue(locale);
  const zone = useOfficeZone();
  const intl = locale === "id" ? "id-ID" : "en-GB";
  const unitName = useUnitName();
  const period = usePeriod();
  const [editing, setEditing] = useState<Placement | null>(null);
  const [changed, setChanged] = useState(false);
  const ordered = [...plan.placements].sort((a, b) => nameOf(a.application_id).localeCompare(nameOf(b.application_id)) || a.phase - b.phase);
  return (
    <>
      <Paper withBorder p="md" component="section" aria-labelledby="plan-title">
        <Stack gap="xs">
          <Title order={3} size="h4" id="plan-title">
            {t("mg.plan.title")}
          </Title>
          <Saved when={changed} message={t("mg.plan.adjusted")} />
          {ordered.length === 0 ? (
            <Text>{t("mg.plan.empty")}</Text>
          ) : (
            <Table striped withTableBorder data-testid="plan">
              <caption className="visually-hidden">{t("mg.plan.title")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("mg.cohort.intern")}</Table.Th>
                  <Table.Th scope="col">{t("mg.plan.phase")}</Table.Th>
                  <Table.Th scope="col">{t("mg.plan.dates")}</Table.Th>
                  <Table.Th scope="col">{t("mg.plan.unit")}</Table.Th>
                  <Table.Th scope="col">{t("mg.plan.rank")}</Table.Th>
                  <Table.Th scope="col">{t("mg.cohort.supervisor")}</Table.Th>
                  <Table.Th scope="col">{t("mg.plan.source")}</Table.Th>
                  {canWrite && <Table.Td />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ordered.map((p) => (
                  <Table.Tr key={`${p.application_id}-${p.phase}`} data-unit={p.unit ?? ""}>
                    <Table.Th scope="row" fw={400}>
                      {nameOf(p.application_id)}
                    </Table.Th>
                    <Table.Td>{p.phase + 1}</Table.Td>
                    <Table.Td>{period(p.starts_on, p.ends_on)}</Table.Td>
                    <Table.Td>{p.unit ? unitName(p.unit) : t("mg.plan.noUnit")}</Table.Td>
                    <Table.Td>{p.rank === null || p.rank === undefined ? t("mg.plan.unranked") : t("mg.plan.rankOf", { rank: p.rank + 1 })}</Table.Td>
                    <Table.Td>{p.supervisor ?? "—"}</Table.Td>
                    <Table.Td>{labels[`mg.plan.source.${p.source}`] ?? p.source}</Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Button variant="subtle" size="compact-sm" onClick={() => { setChanged(false); setEditing(p); }} aria-label={t("mg.plan.adjustTitle", { name: nameOf(p.application_id), phase: p.phase + 1 })}>
                          {t("mg.plan.adjust")}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {editing && (
            <Adjust
              key={`${editing.application_id}-${editing.phase}`}
              cohort={cohort}
              placement={editing}
              name={nameOf(editing.application_id)}
              onDone={() => { setEditing(null); setChanged(true); props.onChanged(); }}
              onCancel={() => setEditing(null)}
              onConflict={props.onConflict}
            />
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="history-title">
        <Stack gap="xs">
          <Title order={3} size="h4" id="history-title">
            {t("mg.history.title")}
          </Title>
          {history.length === 0 ? (
            <Text>{t("mg.history.empty")}</Text>
          ) : (
            <Table withTableBorder data-testid="history">
              <caption className="visually-hidden">{t("mg.history.title")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("mg.history.when")}</Table.Th>
                  <Table.Th scope="col">{t("mg.cohort.intern")}</Table.Th>
                  <Table.Th scope="col">{t("mg.plan.phase")}</Table.Th>
                  <Table.Th scope="col">{t("mg.history.change")}</Table.Th>
                  <Table.Th scope="col">{t("mg.plan.reason")}</Table.Th>
                  <Table.Th scope="col">{t("mg.history.by")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.map((h, i) => (
                  <Table.Tr key={i} data-source={h.source}>
                    <Table.Th scope="row" fw={400}>
                      {formatDateTime(h.changed_at, zone, intl)}
                    </Table.Th>
                    <Table.Td>{nameOf(h.application_id)}</Table.Td>
                    <Table.Td>{h.phase + 1}</Table.Td>
                    <Table.Td>{t("mg.history.from", { from: h.from_unit ? unitName(h.from_unit) : t("mg.plan.noUnit"), to: h.to_unit ? unitName(h.to_unit) : t("mg.plan.noUnit") })}</Table.Td>
                    <Table.Td>{h.reason ?? labels[`mg.plan.source.${h.source}`] ?? h.source}</Table.Td>
                    <Table.Td>{h.changed_by}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
    </>
  );
}

function Adjust(props: { cohort: Cohort; placement: Placement; name: string; onDone: () => void; onCancel: () => void; onConflict: () => void }): React.JSX.Element {
  const { cohort, placement } = props;
  const t = useT();
  const unitName = useUnitName();
  const w = useWrite({ onSaved: props.onDone, onConflict: props.onConflict }, { unit: placement.unit ?? "" });
  const options = [{ value: "", label: t("mg.plan.noUnit") }, ...cohort.units.map((u) => ({ value: u.unit, label: unitName(u.unit) }))];
  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(() =>
      api.PUT("/api/v1/internship/cohorts/{cohort_id}/placements/{application_id}/{phase}", {
        params: { path: { cohort_id: cohort.id, application_id: placement.application_id, phase: placement.phase } },
        headers: { "If-Match": `"${cohort.version}"` },
        body: { unit: w.values.unit || null, reason: w.values.reason ?? "" },
      }),
    );
  }
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="adjust-title" bg="gray.0">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={4} size="h5" id="adjust-title">
            {t("mg.plan.adjustTitle", { name: props.name, phase: placement.phase + 1 })}
          </Title>
          <General message={w.errors.general} />
          <Group align="flex-start">
            <Select label={t("mg.plan.newUnit")} data={options} value={w.values.unit ?? ""} onChange={(v) => w.set("unit", v ?? "")} allowDeselect={false} error={errorAt(w.errors, "unit")} w={260} />
            <TextInput label={t("mg.plan.reason")} required {...w.bind("reason")} error={errorAt(w.errors, "reason")} style={{ flex: 1 }} />
          </Group>
          <Group>
            <Button type="submit" loading={w.busy} data-testid="adjust-confirm">
              {t("mg.plan.confirm")}
            </Button>
            <Button variant="default" onClick={props.onCancel}>
              {t("mg.cohort.cancel")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
