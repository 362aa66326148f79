// The office's compliance assessments of a year: the unit, its status, the approved
// entries and the published result; each opens its page with the explained score, and
// the year's list saves as CSV. The officer opens a new one above the list.
import { Group, Stack, Table, Text } from "@mantine/core";
import { AppLink } from "../../components/AppLink";
import { CsvButton } from "../../components/CsvButton";
import { useT } from "../../i18n/locale";
import { decimal } from "../../lib/prevention";
import { NotForRole, useAssessments } from "./data";
import { OpenAssessment } from "./OpenAssessment";
import { QueryState, useWords } from "./shared";

export function AssessmentsPanel({ year }: { year: number }): React.JSX.Element {
  const assessments = useAssessments(year);
  return (
    <Stack>
      {!(assessments.error instanceof NotForRole) && <OpenAssessment year={year} />}
      <AssessmentsTable year={year} />
    </Stack>
  );
}

function AssessmentsTable({ year }: { year: number }): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  const assessments = useAssessments(year);
  if (!assessments.data) return <QueryState query={assessments} />;
  if (assessments.data.length === 0) return <Text>{t("prev.empty")}</Text>;
  return (
    <Stack gap="xs">
      <Group justify="flex-end">
        <CsvButton path="/api/v1/prevention/assessments" query={{ year }} fallback={`penilaian-kepatuhan-${year}.csv`} />
      </Group>
      <Table.ScrollContainer minWidth={700}>
        <Table striped withTableBorder data-testid="assessments">
          <caption className="visually-hidden">{t("prev.tab.penilaian")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("prev.a.unit")}</Table.Th>
              <Table.Th scope="col">{t("prev.a.region")}</Table.Th>
              <Table.Th scope="col">{t("prev.a.status")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("prev.a.entries")}
              </Table.Th>
              <Table.Th scope="col">{t("prev.a.result")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assessments.data.map((a) => (
              <Table.Tr key={a.id} data-assessment={a.id}>
                <Table.Th scope="row" fw={400}>
                  <AppLink to="/pencegahan/penilaian/$assessmentId" params={{ assessmentId: a.id }}>
                    {a.unit_name}
                  </AppLink>
                </Table.Th>
                <Table.Td>{[a.regency, a.region].filter(Boolean).join(", ")}</Table.Td>
                <Table.Td>{label("prev.a.status", a.status)}</Table.Td>
                <Table.Td ta="right">{a.entries.approved ?? 0}</Table.Td>
                <Table.Td>{a.published_label ? `${a.published_label} (${decimal(a.published_total, intl)})` : "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
