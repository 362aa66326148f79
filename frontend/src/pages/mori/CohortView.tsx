// One cohort: each unit's capacity per phase and supervisor, the interns with their unit
// preferences, and the allocation helper run on confirmation; its plan and every change
// below (PlanTable). Writes carry the cohort's version (If-Match).
import { Alert, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { api } from "../../api/client";
import { ConflictDialog } from "../../components/ConflictDialog";
import { General, Saved, useWrite } from "../../components/Write";
import { useSay, useT } from "../../i18n/locale";
import { said, type Said } from "../../i18n/said";
import { errorAt } from "../case/write";
import { quotaWindow } from "../../lib/mori";
import { useApplications, useCohort, useQuotas, type Cohort } from "./data";
import { PlanTable } from "./PlanTable";
import { usePeriod, useUnitName } from "./shared";

export function CohortView({ id, canWrite }: { id: string; canWrite: boolean }): React.JSX.Element {
  const t = useT();
  const navigate = useNavigate({ from: "/mori" });
  const period = usePeriod();
  const unitName = useUnitName();
  const loaded = useCohort(id);
  const accepted = useApplications({ status: "accepted" });
  const [conflict, setConflict] = useState(false);
  const [savedUnit, setSavedUnit] = useState<string | null>(null);
  // The office's units (a cohort lists only those given places): the quotas name them all.
  const quotas = useQuotas(loaded.data ? quotaWindow([loaded.data.cohort]) : null);
  const names = new Map((accepted.data ?? []).map((a) => [a.id, a.applicant.name ?? a.id.slice(0, 8)]));
  const back = (
    <Button variant="subtle" onClick={() => void navigate({ search: (s) => ({ ...s, angkatan: undefined }) })} style={{ alignSelf: "flex-start" }}>
      ← {t("mg.tab.angkatan")}
    </Button>
  );
  if (loaded.isLoading) return <Text>{t("mg.loading")}</Text>;
  if (!loaded.data)
    return (
      <Stack>
        {back}
        <Alert color="red">{t("mg.loadFailed")}</Alert>
      </Stack>
    );
  const { cohort, plan, history } = loaded.data;
  const nameOf = (applicationId: string) => names.get(applicationId) ?? cohort.members.find((m) => m.application_id === applicationId)?.intern_username ?? applicationId.slice(0, 8);
  const reload = () => void loaded.refetch();
  const known = new Set(cohort.units.map((u) => u.unit));
  const units = [...cohort.units, ...[...new Set((quotas.data ?? []).map((q) => q.unit))].filter((u) => !known.has(u)).map((unit) => ({ unit, capacity: 0, supervisor: null }))];
  return (
    <Stack>
      {back}
      <ConflictDialog opened={conflict} of="record" onClose={() => setConflict(false)} onReload={() => { setConflict(false); reload(); }} />
      <Title order={2} size="h3">
        {cohort.name}
      </Title>
      <Text>{period(cohort.period_start, cohort.period_end)}</Text>
      <Paper withBorder p="md" component="section" aria-labelledby="cohort-units">
        <Stack gap="xs">
          <Title order={3} size="h4" id="cohort-units">
            {t("mg.cohort.units")}
          </Title>
          {savedUnit && <Saved when message={t("mg.cohort.unitSaved", { unit: savedUnit })} />}
          <Table withTableBorder data-testid="cohort-units">
            <caption className="visually-hidden">{t("mg.cohort.units")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("mg.cohort.unit")}</Table.Th>
                <Table.Th scope="col">{t("mg.cohort.capacity")}</Table.Th>
                <Table.Th scope="col">{t("mg.cohort.supervisor")}</Table.Th>
                {canWrite && <Table.Td />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {units.map((u) => (
                <UnitRow key={`${u.unit}-${cohort.version}`} cohort={cohort} unit={u} canWrite={canWrite} label={unitName(u.unit)} onConflict={() => setConflict(true)} onSaved={setSavedUnit} />
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="cohort-members">
        <Stack gap="xs">
          <Title order={3} size="h4" id="cohort-members">
            {t("mg.cohort.members")}
          </Title>
          <Table striped withTableBorder data-testid="cohort-members">
            <caption className="visually-hidden">{t("mg.cohort.members")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("mg.cohort.intern")}</Table.Th>
                <Table.Th scope="col">{t("mg.apps.period")}</Table.Th>
                <Table.Th scope="col">{t("mg.cohort.preferences")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cohort.members.map((m) => (
                <Table.Tr key={m.application_id}>
                  <Table.Th scope="row" fw={400}>
                    {nameOf(m.application_id)}
                  </Table.Th>
                  <Table.Td>{period(m.period_start, m.period_end)}</Table.Td>
                  <Table.Td>{m.preferences.length ? m.preferences.map((p, i) => `${i + 1}. ${unitName(p)}`).join(", ") : t("mg.cohort.noPreferences")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {canWrite && <Allocate cohort={cohort} onDone={reload} onConflict={() => setConflict(true)} />}
        </Stack>
      </Paper>
      <PlanTable cohort={cohort} plan={plan} history={history} nameOf={nameOf} canWrite={canWrite} onChanged={reload} onConflict={() => setConflict(true)} />
    </Stack>
  );
}

function UnitRow(props: { cohort: Cohort; unit: Cohort["units"][number]; canWrite: boolean; label: string; onConflict: () => void; onSaved: (label: string) => void }) {
  const { cohort, unit, canWrite, label, onConflict } = props;
  const t = useT();
  const queries = useQueryClient();
  const w = useWrite({ onSaved: () => props.onSaved(label), onConflict }, { capacity: String(unit.capacity), supervisor: unit.supervisor ?? "" });
  function save() {
    const supervisor = (w.values.supervisor ?? "").trim();
    void w.send(async () => {
      const answer = await api.PUT("/api/v1/internship/cohorts/{cohort_id}/units/{unit}", {
        params: { path: { cohort_id: cohort.id, unit: unit.unit } },
        headers: { "If-Match": `"${cohort.version}"` },
        body: { capacity: Number(w.values.capacity ?? "0"), supervisor: supervisor || null },
      });
      // The cohort's new version at once: the next save sends it, not the one before.
      const saved = answer.data;
      if (saved) queries.setQueryData(["mori", "cohort", cohort.id], (old: { cohort: Cohort } | undefined) => (old ? { ...old, cohort: saved } : old));
      return answer;
    });
  }
  if (!canWrite)
    return (
      <Table.Tr>
        <Table.Th scope="row" fw={400}>
          {label}
        </Table.Th>
        <Table.Td>{unit.capacity}</Table.Td>
        <Table.Td>{unit.supervisor ?? "—"}</Table.Td>
      </Table.Tr>
    );
  return (
    <Table.Tr data-unit={unit.unit}>
      <Table.Th scope="row" fw={400}>
        {label}
        <General message={w.errors.general} />
      </Table.Th>
      <Table.Td>
        <TextInput type="number" min={0} aria-label={`${t("mg.cohort.capacity")}: ${label}`} {...w.bind("capacity")} error={errorAt(w.errors, "capacity")} w={110} />
      </Table.Td>
      <Table.Td>
        <TextInput aria-label={`${t("mg.cohort.supervisor")}: ${label}`} {...w.bind("supervisor")} error={errorAt(w.errors, "supervisor")} />
      </Table.Td>
      <Table.Td>
        <Button variant="default" size="xs" loading={w.busy} onClick={save} aria-label={t("mg.cohort.saveUnit", { unit: label })}>
          {t("common.save")}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function Allocate({ cohort, onDone, onConflict }: { cohort: Cohort; onDone: () => void; onConflict: () => void }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const say = useSay();
  const [result, setResult] = useState<{ ok: boolean; said: Said } | null>(null);
  async function run() {
    setBusy(true);
    const { data, error, response } = await api.POST("/api/v1/internship/cohorts/{cohort_id}/allocation", {
      params: { path: { cohort_id: cohort.id } },
      headers: { "If-Match": `"${cohort.version}"` },
    });
    setBusy(false);
    setAsking(false);
    if (response.status === 412) return onConflict();
    setResult(data ? { ok: true, said: said("mg.cohort.allocated", { count: data.unplaced }) } : { ok: false, said: { problem: error, fallback: "mg.loadFailed" } });
    if (data) onDone();
  }
  return (
    <Stack gap="xs">
      <Text size="sm">{t("mg.cohort.allocateHelp")}</Text>
      <Group>
        <Button onClick={() => setAsking(true)} data-testid="allocate">
          {t("mg.cohort.allocate")}
        </Button>
      </Group>
      {result && (result.ok ? <Saved when message={say(result.said)} /> : <General message={say(result.said)} />)}
      <Modal opened={asking} onClose={() => setAsking(false)} title={t("mg.cohort.allocateConfirm")} centered withinPortal={false} closeButtonProps={{ "aria-label": t("common.close") }}>
        <Text mb="md">{t("mg.cohort.allocateHelp")}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setAsking(false)}>
            {t("mg.cohort.cancel")}
          </Button>
          <Button onClick={() => void run()} loading={busy} data-autofocus data-testid="allocate-confirm">
            {t("mg.cohort.allocateYes")}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
