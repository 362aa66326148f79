// The application queue: filters (status, unit, the month a period covers) in the URL and
// asked of the API, the CSV of exactly what they select,
// each application with the places its units have left over its whole period, and the
// quotas month by month. An application opens by its link (`?lamaran=`), keyboard first.
import { Alert, Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { CsvButton } from "../../components/CsvButton";
import { useT } from "../../i18n/locale";
import { APPLICATION_STATUSES, applicationFilters, monthsOf, quotaLeft, quotaWindow, type MoriSearch } from "../../lib/mori";
import { ApplicationView } from "./ApplicationView";
import { useApplications, useQuotas, type Quota } from "./data";
import { StatusChip, useMonth, usePeriod, useUnitName } from "./shared";

export function ApplicationsPanel(): React.JSX.Element {
  const search = useSearch({ from: "/mori" });
  if (search.lamaran) return <ApplicationView id={search.lamaran} />;
  return <Queue search={search} />;
}

function Queue({ search }: { search: MoriSearch }): React.JSX.Element {
  const t = useT();
  const navigate = useNavigate({ from: "/mori" });
  const unitName = useUnitName();
  const period = usePeriod();
  const filters = applicationFilters(search);
  const applications = useApplications(filters);
  const listed = applications.data ?? [];
  const window = search.periode ? { from: search.periode, to: search.periode } : quotaWindow(listed);
  const quotas = useQuotas(window);
  const units = [...new Set((quotas.data ?? []).map((q) => q.unit))];

  function filter(change: Partial<MoriSearch>) {
    void navigate({ search: (s) => ({ ...s, ...change }) });
  }

  return (
    <Stack>
      <Group align="flex-end" role="group" aria-label={t("mg.filters")}>
        <Select
          label={t("mg.filter.status")}
          data={[{ value: "", label: t("mg.filter.all") }, ...APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`mg.status.${s}`) }))]}
          value={search.status ?? ""}
          onChange={(v) => filter({ status: v || undefined })}
          allowDeselect={false}
          w={200}
        />
        <Select
          label={t("mg.filter.unit")}
          data={[{ value: "", label: t("mg.filter.all") }, ...units.map((u) => ({ value: u, label: unitName(u) }))]}
          value={search.unit ?? ""}
          onChange={(v) => filter({ unit: v || undefined })}
          allowDeselect={false}
          w={260}
        />
        <TextInput
          type="month"
          label={t("mg.filter.period")}
          description={t("mg.filter.periodHelp")}
          value={search.periode ?? ""}
          onChange={(e) => filter({ periode: e.currentTarget.value || undefined })}
          w={220}
        />
        <Button variant="subtle" onClick={() => void navigate({ search: { bagian: "lamaran" } })}>
          {t("mg.filter.clear")}
        </Button>
        <CsvButton path="/api/v1/internship/applications" query={{ ...filters }} fallback="lamaran-magang.csv" />
      </Group>
      <Title order={2} size="h4">
        {t("mg.apps.title")} <Text span c="dimmed">({t("mg.apps.count", { count: listed.length })})</Text>
      </Title>
      {applications.isError && <Alert color="red">{t("mg.loadFailed")}</Alert>}
      {applications.isLoading && <Text>{t("mg.loading")}</Text>}
      {applications.data && listed.length === 0 && <Text>{t("mg.apps.empty")}</Text>}
      {listed.length > 0 && (
        <Table striped withTableBorder data-testid="applications">
          <caption className="visually-hidden">{t("mg.apps.title")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("mg.apps.applicant")}</Table.Th>
              <Table.Th scope="col">{t("mg.apps.institution")}</Table.Th>
              <Table.Th scope="col">{t("mg.apps.period")}</Table.Th>
              <Table.Th scope="col">{t("mg.filter.status")}</Table.Th>
              <Table.Th scope="col">{t("mg.apps.left")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {listed.map((a) => {
              const name = a.applicant.name ?? "—";
              return (
                <Table.Tr key={a.id} data-status={a.status}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component="button" type="button" onClick={() => void navigate({ search: (s) => ({ ...s, lamaran: a.id }) })} aria-label={t("mg.apps.open", { name })}>
                      {name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{a.institution}</Table.Td>
                  <Table.Td>{period(a.period_start, a.period_end)}</Table.Td>
                  <Table.Td>
                    <StatusChip status={a.status} />
                  </Table.Td>
                  <Table.Td>
                    {quotas.isLoading && t("mg.loading")}
                    {quotas.data && (a.unit ? [a.unit] : a.units).map((u) => {
                      const left = quotaLeft(quotas.data, u, a.period_start, a.period_end);
                      return (
                        <div key={u} data-unit={u} data-left={left ?? ""}>
                          {left === null ? t("mg.apps.leftUnknown", { unit: unitName(u) }) : t("mg.apps.leftOf", { unit: unitName(u), count: left })}
                        </div>
                      );
                    })}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {window && <QuotaTable quotas={quotas.data ?? []} months={monthsOf(`${window.from}-01`, `${window.to}-01`)} units={units} />}
    </Stack>
  );
}

function QuotaTable({ quotas, months, units }: { quotas: Quota[]; months: string[]; units: string[] }): React.JSX.Element {
  const t = useT();
  const unitName = useUnitName();
  const monthName = useMonth();
  const set = quotas.filter((q) => q.places > 0 || q.taken > 0);
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t("mg.quota.title")}
      </Title>
      {set.length === 0 ? (
        <Text>{t("mg.quota.none")}</Text>
      ) : (
        <Table withTableBorder data-testid="quotas">
          <caption className="visually-hidden">{t("mg.quota.title")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("mg.quota.month")}</Table.Th>
              {units.map((u) => (
                <Table.Th scope="col" key={u}>
                  {unitName(u)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {months.map((m) => (
              <Table.Tr key={m}>
                <Table.Th scope="row" fw={400}>
                  {monthName(m)}
                </Table.Th>
                {units.map((u) => {
                  const q = quotas.find((row) => row.unit === u && row.month.startsWith(m));
                  return <Table.Td key={u}>{q ? t("mg.quota.cell", { free: q.free, places: q.places }) : "—"}</Table.Td>;
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
