// The public compliance results (no login): how many service units got each published
// result in a year, as a chart and as tables (by result, by region). The year is in the
// URL (`/kepatuhan?tahun=2026`).
import { Alert, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { LazyBarChart } from "../../components/LazyCharts";
import { LazySelect } from "../../components/LazySelect";
import { Section } from "../../components/Sections";
import { useT } from "../../i18n/locale";
import { todayIn } from "../../lib/dates";
import { regionCell, resultColumns } from "../../lib/prevention";
import { DEFAULT_ZONE } from "../../office";
import { usePublicResults } from "./data";

export function ResultsPage(): React.JSX.Element {
  const t = useT();
  const navigate = useNavigate({ from: "/kepatuhan" });
  const thisYear = Number(todayIn(DEFAULT_ZONE).slice(0, 4));
  const year = useSearch({ from: "/kepatuhan" }).tahun ?? thisYear;
  const results = usePublicResults(year);
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear - i));
  const data = results.data;
  const columns = data ? resultColumns(data.by_result, data.by_region) : [];
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t("prev.pub.title", { year: String(year) })}
        </Title>
        <LazySelect
          label={t("prev.year")}
          data={years.includes(String(year)) ? years : [String(year), ...years]}
          value={String(year)}
          onChange={(v) => v && void navigate({ search: { tahun: Number(v) } })}
          allowDeselect={false}
          w={120}
        />
      </Group>
      <Text>{t("prev.pub.intro")}</Text>
      {results.isPending && <Loader role="status" aria-label={t("common.loading")} />}
      {results.isError && <Alert color="red">{t("form.error")}</Alert>}
      {data && data.published === 0 && <Alert color="gray">{t("prev.pub.none")}</Alert>}
      {data && data.published > 0 && (
        <>
          <Text fw={700} data-testid="published-count">
            {t("prev.pub.published", { count: data.published })}
          </Text>
          <Section title={t("prev.pub.byResult")} id="pub-by-result">
            {/* The chart repeats the table below for sighted readers; the table is the record. */}
            <figure style={{ margin: 0 }} aria-label={t("prev.pub.byResult")}>
              <LazyBarChart h={240} data={data.by_result} dataKey="label" series={[{ name: "count", label: t("prev.pub.count"), color: "blue.8" }]} withTooltip={false} withBarValueLabel yAxisProps={{ allowDecimals: false }} />
            </figure>
            <Table striped withTableBorder data-testid="by-result">
              <caption className="visually-hidden">{t("prev.pub.byResult")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("prev.pub.result")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("prev.pub.count")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.by_result.map((r) => (
                  <Table.Tr key={r.label}>
                    <Table.Th scope="row" fw={400}>
                      {r.label}
                    </Table.Th>
                    <Table.Td ta="right">{r.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
          <Section title={t("prev.pub.byRegion")} id="pub-by-region">
            {/* No scroll container: on a phone the columns wrap rather than hide off screen. */}
            <Table striped withTableBorder data-testid="by-region">
                <caption className="visually-hidden">{t("prev.pub.byRegion")}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("prev.pub.region")}</Table.Th>
                    {columns.map((c) => (
                      <Table.Th key={c} scope="col" ta="right">
                        {c}
                      </Table.Th>
                    ))}
                    <Table.Th scope="col" ta="right">
                      {t("prev.pub.total")}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.by_region.map((r) => (
                    <Table.Tr key={r.region} data-region={r.region}>
                      <Table.Th scope="row" fw={400}>
                        {r.region}
                      </Table.Th>
                      {columns.map((c) => (
                        <Table.Td key={c} ta="right">
                          {regionCell(r, c)}
                        </Table.Td>
                      ))}
                      <Table.Td ta="right">{r.published}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
          </Section>
        </>
      )}
    </Stack>
  );
}
