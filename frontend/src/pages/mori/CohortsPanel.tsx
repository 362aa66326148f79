// Cohorts by period: the list (newest first, as the API gives them), a new cohort, and
// one cohort opened (`?angkatan=`) with its units, members, plan and history.
import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import type { FormEvent } from "react";
import { api } from "../../api/client";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { errorAt } from "../case/write";
import { CohortView } from "./CohortView";
import { useCohorts } from "./data";
import { usePeriod } from "./shared";
import { DateField } from "../../components/DateFields";

// `canWrite`: the caller holds `internship.review` (the cohorts' writes).
export function CohortsPanel({ canWrite }: { canWrite: boolean }): React.JSX.Element {
  const search = useSearch({ from: "/mori" });
  if (search.angkatan) return <CohortView id={search.angkatan} canWrite={canWrite} />;
  return <CohortList canWrite={canWrite} />;
}

function CohortList({ canWrite }: { canWrite: boolean }): React.JSX.Element {
  const t = useT();
  const navigate = useNavigate({ from: "/mori" });
  const period = usePeriod();
  const cohorts = useCohorts();
  return (
    <Stack>
      <Title order={2} size="h4">
        {t("mg.cohorts.title")}
      </Title>
      {cohorts.isError && <Alert color="red">{t("mg.loadFailed")}</Alert>}
      {cohorts.data && cohorts.data.length === 0 && <Text>{t("mg.cohorts.empty")}</Text>}
      {cohorts.data && cohorts.data.length > 0 && (
        <Table striped withTableBorder data-testid="cohorts">
          <caption className="visually-hidden">{t("mg.cohorts.title")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("mg.cohorts.name")}</Table.Th>
              <Table.Th scope="col">{t("mg.cohorts.period")}</Table.Th>
              <Table.Th scope="col">{t("mg.cohorts.phases")}</Table.Th>
              <Table.Th scope="col">{t("mg.cohorts.members")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cohorts.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component="button" type="button" onClick={() => void navigate({ search: (s) => ({ ...s, angkatan: c.id }) })} aria-label={t("mg.cohorts.open", { name: c.name })}>
                    {c.name}
                  </Anchor>
                </Table.Th>
                <Table.Td>{period(c.period_start, c.period_end)}</Table.Td>
                <Table.Td>{c.phases}</Table.Td>
                <Table.Td>{c.members}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canWrite && <NewCohort />}
    </Stack>
  );
}

function NewCohort(): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const navigate = useNavigate({ from: "/mori" });
  const w = useWrite({ onSaved: () => void queries.invalidateQueries({ queryKey: ["mori", "cohorts"] }), onConflict: () => undefined });
  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(async () => {
      const answer = await api.POST("/api/v1/internship/cohorts", {
        headers: { "Idempotency-Key": crypto.randomUUID() },
        body: { name: w.values.name ?? "", period_start: w.values.period_start ?? "", period_end: w.values.period_end ?? "" },
      });
      if (answer.data) void navigate({ search: (s) => ({ ...s, angkatan: answer.data.id }) });
      return answer;
    });
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-cohort">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h4" id="new-cohort">
            {t("mg.cohorts.new")}
          </Title>
          <Text size="sm">{t("mg.cohorts.newHelp")}</Text>
          <Saved when={w.saved} message={t("mg.cohorts.created")} />
          <General message={w.errors.general} />
          <Group align="flex-start">
            <TextInput label={t("mg.cohorts.name")} required {...w.bind("name")} error={errorAt(w.errors, "name")} w={280} />
            <DateField label={t("mg.cohorts.start")} required {...w.bind("period_start")} error={errorAt(w.errors, "period_start")} />
            <DateField label={t("mg.cohorts.end")} required {...w.bind("period_end")} error={errorAt(w.errors, "period_end")} />
          </Group>
          <Button type="submit" loading={w.busy} style={{ alignSelf: "flex-start" }}>
            {t("mg.cohorts.create")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
