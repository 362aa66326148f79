// The office's studies of a year and their stage, with the year's follow-up rate of the
// suggestions; each opens its page with the suggestions.
import { Stack, Table, Text } from "@mantine/core";
import { AppLink } from "../../components/AppLink";
import { useT } from "../../i18n/locale";
import { percent } from "../../lib/prevention";
import { useStudies } from "./data";
import { QueryState, useWords } from "./shared";

export function StudiesPanel({ year }: { year: number }): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  const studies = useStudies(year);
  if (!studies.data) return <QueryState query={studies} />;
  const { rate } = studies.data;
  return (
    <Stack>
      {rate && (
        <Text data-testid="follow-up-rate">
          {t("prev.st.rate", { year: String(year), rate: percent(rate.rate, intl), followed: rate.followed_up, due: rate.due, open: rate.open })}
        </Text>
      )}
      {studies.data.studies.length === 0 ? (
        <Text>{t("prev.empty")}</Text>
      ) : (
        <Table striped withTableBorder data-testid="studies">
          <caption className="visually-hidden">{t("prev.tab.kajian")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("prev.st.title")}</Table.Th>
              <Table.Th scope="col">{t("prev.st.year")}</Table.Th>
              <Table.Th scope="col">{t("prev.st.stage")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {studies.data.studies.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row" fw={400}>
                  <AppLink to="/pencegahan/kajian/$studyId" params={{ studyId: s.id }}>
                    {s.title}
                  </AppLink>
                </Table.Th>
                <Table.Td>{s.year}</Table.Td>
                <Table.Td>{label("prev.st.stage", s.stage)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
