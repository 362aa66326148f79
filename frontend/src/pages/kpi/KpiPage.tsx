// The KPI dashboard: the year's targets against achievements (chart and table), the
// breakdowns, staff activity, the annual report and the exports; the head edits the
// targets. The year is in the URL (`?tahun=2026`), this year in the office's zone unless
// one is named.
import { Alert, Group, Loader, Select, Stack, Title } from "@mantine/core";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { Section } from "../../components/Sections";
import { useLocale, useT } from "../../i18n/locale";
import { todayIn } from "../../lib/dates";
import { FIRST_YEAR } from "../../lib/kpi";
import { useCapabilities } from "../../capabilities";
import { useOfficeZone } from "../../office";
import { Breakdowns } from "./Breakdowns";
import { useKpis, useSubstanceNames, useTargets } from "./data";
import { CSV, Download, XLSX } from "./Download";
import { Staff } from "./Staff";
import { TargetEditor } from "./TargetEditor";
import { Targets } from "./Targets";

const route = getRouteApi("/kinerja");

export function KpiPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const { may } = useCapabilities();
  const navigate = useNavigate();
  const thisYear = Number(todayIn(zone).slice(0, 4));
  const year = route.useSearch().tahun ?? thisYear;
  const kpis = useKpis(year);
  const targets = useTargets(year);
  const substances = useSubstanceNames(locale);
  const [failed, setFailed] = useState(false);
  const editsTargets = may("kpi.targets.edit");
  const office = kpis.data?.office ?? null;
  const years = Array.from({ length: thisYear + 2 - Math.max(FIRST_YEAR, thisYear - 5) }, (_, i) => String(thisYear + 1 - i));
  const scope = office ?? "nasional";

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t("kpi.title", { year: String(year) })}
        </Title>
        <Select
          label={t("kpi.year")}
          data={years}
          value={String(year)}
          onChange={(v) => v && void navigate({ to: "/kinerja", search: { tahun: Number(v) } })}
          allowDeselect={false}
          w={140}
        />
      </Group>
      <Section title={t("kpi.downloads")} id="kpi-downloads">
        <Group>
          <Download path={`/api/v1/reporting/annual-report/${year}.pdf`} accept="application/pdf" fallback={`laporan-kinerja-${scope}-${year}.pdf`} onFailed={() => setFailed(true)}>
            {t("kpi.annualReport")}
          </Download>
          <Download path={`/api/v1/reporting/kpis?year=${year}`} accept={CSV} fallback={`kpis-${scope}-${year}.csv`} onFailed={() => setFailed(true)}>
            {t("kpi.kpiCsv")}
          </Download>
          <Download path={`/api/v1/reporting/kpis?year=${year}`} accept={XLSX} fallback={`kpis-${scope}-${year}.xlsx`} onFailed={() => setFailed(true)}>
            {t("kpi.kpiXlsx")}
          </Download>
          <Download path={`/api/v1/reporting/staff?year=${year}`} accept={CSV} fallback={`staff-${scope}-${year}.csv`} onFailed={() => setFailed(true)}>
            {t("kpi.staffCsv")}
          </Download>
        </Group>
        {failed && (
          <Alert color="red" role="alert">
            {t("kpi.downloadFailed")}
          </Alert>
        )}
      </Section>
      {kpis.isLoading && <Loader role="status" aria-label={t("common.loading")} />}
      {kpis.isError && <Alert color="red">{t("form.error")}</Alert>}
      {kpis.data && <Targets report={kpis.data} />}
      {editsTargets && office !== null && kpis.data && targets.data && (
        // A new form per year only: a switch of language keeps what was typed and the
        // errors shown (reworded); the figures typed are read in either language's way.
        <TargetEditor key={year} year={year} office={office} report={kpis.data} targets={targets.data.targets} />
      )}
      <Breakdowns year={year} substances={substances.data ?? {}} office={office} />
      <Staff year={year} />
    </Stack>
  );
}
