// The office's complaint clinics of a year by date, each with its class gain (Hake's)
// and the mean of the participants' gains, their categories in words. The unit opens a
// new clinic above the list.
import { Group, Stack, Table, Text } from "@mantine/core";
import { AppLink } from "../../components/AppLink";
import { useT } from "../../i18n/locale";
import { formatDate } from "../../lib/dates";
import { decimal } from "../../lib/prevention";
import { useCapabilities } from "../../capabilities";
import { DEFAULT_ZONE } from "../../office";
import { GainChip } from "./Chips";
import { ClinicForm } from "./ClinicForm";
import { useClinics } from "./data";
import { QueryState, useWords } from "./shared";

export function Gain({ value, category, intl }: { value: number | null; category: string; intl: string }): React.JSX.Element {
  return (
    <Group gap="xs" wrap="nowrap">
      <span>{decimal(value, intl, 3)}</span>
      <GainChip category={category} />
    </Group>
  );
}

export function ClinicsPanel({ year }: { year: number }): React.JSX.Element {
  const { may } = useCapabilities();
  return (
    <Stack>
      {may("prevention.clinic.create") && <ClinicForm />}
      <ClinicsTable year={year} />
    </Stack>
  );
}

function ClinicsTable({ year }: { year: number }): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  const clinics = useClinics(year);
  if (!clinics.data) return <QueryState query={clinics} />;
  if (clinics.data.clinics.length === 0) return <Text>{t("prev.empty")}</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped withTableBorder data-testid="clinics">
        <caption className="visually-hidden">{t("prev.tab.klinik")}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("prev.cl.title")}</Table.Th>
            <Table.Th scope="col">{t("prev.cl.heldOn")}</Table.Th>
            <Table.Th scope="col">{t("prev.a.status")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("prev.cl.attended")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("prev.cl.tested")}
            </Table.Th>
            <Table.Th scope="col">{t("prev.cl.classGain")}</Table.Th>
            <Table.Th scope="col">{t("prev.cl.meanGain")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clinics.data.clinics.map((c) => (
            <Table.Tr key={c.clinic_id}>
              <Table.Th scope="row" fw={400}>
                <AppLink to="/pencegahan/klinik/$clinicId" params={{ clinicId: c.clinic_id }}>
                  {c.title}
                </AppLink>
              </Table.Th>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(c.held_on, DEFAULT_ZONE, intl)}</Table.Td>
              <Table.Td>{label("prev.cl.status", c.status)}</Table.Td>
              <Table.Td ta="right">
                {c.attended}/{c.participants}
              </Table.Td>
              <Table.Td ta="right">{c.tested}</Table.Td>
              <Table.Td>
                <Gain value={c.class_gain_hake.value ?? null} category={c.class_gain_hake.category} intl={intl} />
              </Table.Td>
              <Table.Td>
                <Gain value={c.mean_of_individual_gains.value ?? null} category={c.mean_of_individual_gains.category} intl={intl} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
