// Targets against achievements: a bar per indicator with a target (its percentage, the
// 100% line marked), and the real table of every indicator below it, the chart's data
// for screen readers and for reading exact figures.
import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Progress, Stack, Table, Text } from "@mantine/core";
import { Section } from "../../components/Sections";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { chartRows, formatFigure } from "../../lib/kpi";
import { definitionIn } from "./cells";
import type { KpiReport } from "./data";

export function Targets({ report }: { report: KpiReport }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const lang = locale === "id" ? "id-ID" : "en-GB";
  const label = (code: string) => codeLabel(labels, "indicator", code);
  const bars = chartRows(report.items, label);

  return (
    <Section title={t("kpi.targets")} id="kpi-targets">
      {bars.length > 0 && (
        <figure style={{ margin: 0 }} data-testid="kpi-chart">
          <figcaption>
            <Text fw={500}>{t("kpi.chartTitle")}</Text>
            <Text size="sm" c="dimmed">
              {t("kpi.chartNote")}
            </Text>
          </figcaption>
          <BarChart
            h={Math.max(160, bars.length * 44)}
            data={bars}
            dataKey="indicator"
            orientation="vertical"
            yAxisProps={{ width: 230 }}
            series={[{ name: "percent", label: t("kpi.percent"), color: "blue.8" }]}
            referenceLines={[{ x: 100, color: "gray.7", label: "100%" }]}
            valueFormatter={(v) => formatFigure(v, "percent", lang)}
            withTooltip={false}
            withBarValueLabel
          />
        </figure>
      )}
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("kpi.indicator")}</Table.Th>
            <Table.Th scope="col">{t("kpi.unit")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("kpi.target")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("kpi.achieved")}
            </Table.Th>
            <Table.Th scope="col">{t("kpi.percent")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.items.map((item) => {
            const definition = definitionIn(locale, item);
            return (
              <Table.Tr key={item.indicator} data-indicator={item.indicator}>
                <Table.Th scope="row" fw={400}>
                  <Stack gap={0}>
                    <span>{label(item.indicator)}</span>
                    <Text size="xs" c="dimmed" lang={definition.lang} data-testid="kpi-definition">
                      {definition.text}
                    </Text>
                  </Stack>
                </Table.Th>
                <Table.Td>{codeLabel(labels, "unit", item.unit)}</Table.Td>
                <Table.Td ta="right" data-target={item.target ?? undefined} style={{ whiteSpace: "nowrap" }}>
                  {item.target === null ? t("kpi.noTarget") : formatFigure(item.target, item.unit, lang)}
                </Table.Td>
                <Table.Td ta="right" data-achieved={item.achieved ?? undefined} style={{ whiteSpace: "nowrap" }}>
                  {formatFigure(item.achieved, item.unit, lang)}
                </Table.Td>
                <Table.Td miw={140}>
                  {item.percent === null ? (
                    "—"
                  ) : (
                    <Stack gap={2}>
                      <span>{formatFigure(item.percent, "percent", lang)}</span>
                      <Progress value={Math.min(100, item.percent)} color={item.percent >= 100 ? "green.9" : "blue.8"} aria-hidden="true" />
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
