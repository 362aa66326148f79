// A year's figures broken down (substance, outcome, channel, agency type, month, public
// loss): a chart of the counts where there is one to draw, the table, its exports.
import { BarChart, LineChart } from "@mantine/charts";
import { Alert, Group, Loader, Select } from "@mantine/core";
import { useState } from "react";
import { Section } from "../../components/Sections";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { cellText } from "./cells";
import { DIMENSIONS, useBreakdown, type Dimension, type Table } from "./data";
import { Definition } from "./Definition";
import { CSV, Download, XLSX } from "./Download";
import { TableOf } from "./TableOf";

const COLORS = ["blue.8", "teal.9", "grape.8", "orange.9", "gray.8"];

function Chart({ table, ctx, title }: { table: Table; ctx: Parameters<typeof cellText>[2]; title: string }) {
  const key = table.columns[0]!;
  const data = table.items.map((row) => ({ ...row, [key]: cellText(key, row[key], ctx) }));
  if (table.items.length === 0) return null;
  if (table.columns.includes("count")) {
    return (
      <figure style={{ margin: 0 }} aria-label={title}>
        <BarChart h={260} data={data} dataKey={key} series={[{ name: "count", label: codeLabel(ctx.labels, "column", "count"), color: "blue.8" }]} withTooltip={false} withBarValueLabel />
      </figure>
    );
  }
  if (key === "month") {
    const series = table.columns.slice(1).map((c, i) => ({ name: c, label: codeLabel(ctx.labels, "column", c), color: COLORS[i % COLORS.length]! }));
    return (
      <figure style={{ margin: 0 }} aria-label={title}>
        <LineChart h={280} data={data} dataKey={key} series={series} curveType="linear" withLegend withTooltip={false} />
      </figure>
    );
  }
  return null;
}

export function Breakdowns({ year, substances, office }: { year: number; substances: Record<string, string>; office: string | null }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const [dimension, setDimension] = useState<Dimension>("substance");
  const [failed, setFailed] = useState(false);
  const breakdown = useBreakdown(dimension, year);
  const ctx = { labels, locale: locale === "id" ? "id-ID" : "en-GB", substances };
  const title = `${t("kpi.breakdowns")}: ${codeLabel(labels, "dimension", dimension)}`;
  const path = `/api/v1/reporting/breakdowns/${dimension}?year=${year}`;
  const name = `${dimension}-${office ?? "nasional"}-${year}`;

  return (
    <Section title={t("kpi.breakdowns")} id="kpi-breakdowns">
      <Group align="flex-end">
        <Select
          label={t("kpi.dimension")}
          data={DIMENSIONS.map((d) => ({ value: d, label: codeLabel(labels, "dimension", d) }))}
          value={dimension}
          onChange={(v) => v && setDimension(v as Dimension)}
          allowDeselect={false}
        />
        <Download path={path} accept={CSV} fallback={`${name}.csv`} onFailed={() => setFailed(true)}>
          {t("kpi.breakdownCsv")}
        </Download>
        <Download path={path} accept={XLSX} fallback={`${name}.xlsx`} onFailed={() => setFailed(true)}>
          {t("kpi.breakdownXlsx")}
        </Download>
      </Group>
      {failed && <Alert color="red" role="alert">{t("kpi.downloadFailed")}</Alert>}
      {breakdown.isLoading && <Loader role="status" aria-label={t("common.loading")} />}
      {breakdown.isError && <Alert color="red">{t("form.error")}</Alert>}
      {breakdown.data && (
        <>
          <Definition locale={locale} table={breakdown.data} />
          <Chart table={breakdown.data} ctx={ctx} title={title} />
          <TableOf table={breakdown.data} substances={substances} caption={title} />
        </>
      )}
    </Section>
  );
}
