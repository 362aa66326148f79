// Who did what in the year (for performance and credit-point reports), as the API counts it.
import { Alert, Loader, Text } from "@mantine/core";
import { Section } from "../../components/Sections";
import { useLocale, useT } from "../../i18n/locale";
import { Definition } from "./Definition";
import { useStaff } from "./data";
import { TableOf } from "./TableOf";

export function Staff({ year }: { year: number }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const staff = useStaff(year);
  return (
    <Section title={t("kpi.staff")} id="kpi-staff">
      {staff.isLoading && <Loader role="status" aria-label={t("common.loading")} />}
      {staff.isError && <Alert color="red">{t("form.error")}</Alert>}
      {staff.data && (
        <>
          <Definition locale={locale} table={staff.data} />
          {staff.data.items.length === 0 ? <Text>{t("kpi.staffEmpty")}</Text> : <TableOf table={staff.data} substances={{}} caption={t("kpi.staff")} />}
        </>
      )}
    </Section>
  );
}
