// One study: its topic and stage, and the suggestions sent to agencies with their
// follow-up status (in words and an icon) against the due date in the office's zone.
import { Alert, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useParams } from "@tanstack/react-router";
import { AppLink } from "../../components/AppLink";
import { Fact, Section } from "../../components/Sections";
import { useT } from "../../i18n/locale";
import { formatDate, todayIn } from "../../lib/dates";
import { daysBetween } from "../../lib/prevention";
import { DEFAULT_ZONE, useOfficeZone } from "../../office";
import { SuggestionChip } from "./Chips";
import { useStudy } from "./data";
import { QueryState, useWords } from "./shared";

export function StudyPage(): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  const today = todayIn(useOfficeZone());
  const { studyId } = useParams({ from: "/pencegahan/kajian/$studyId" });
  const study = useStudy(studyId);
  const back = (
    <AppLink to="/pencegahan" search={{ bagian: "kajian" }}>
      {t("prev.st.back")}
    </AppLink>
  );
  if (study.data === null) return <Stack>{back}<Alert color="gray">{t("prev.st.notFound")}</Alert></Stack>;
  if (!study.data) return <Stack>{back}<QueryState query={study} /></Stack>;
  const s = study.data;
  return (
    <Stack>
      {back}
      <Title order={1} size="h2">
        {s.title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0}>
        <Fact label={t("prev.st.year")}>{s.year}</Fact>
        <Fact label={t("prev.st.stage")}>
          <span data-testid="study-stage">{label("prev.st.stage", s.stage)}</span>
        </Fact>
      </SimpleGrid>
      <Section title={t("prev.st.topic")} id="prev-topic">
        <Text style={{ whiteSpace: "pre-wrap" }}>{s.topic}</Text>
      </Section>
      <Section title={t("prev.st.suggestions")} id="prev-suggestions">
        {s.suggestions.length === 0 ? (
          <Text>{t("prev.st.noSuggestions")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table striped withTableBorder data-testid="suggestions">
              <caption className="visually-hidden">{t("prev.st.suggestions")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("prev.st.agency")}</Table.Th>
                  <Table.Th scope="col">{t("prev.st.text")}</Table.Th>
                  <Table.Th scope="col">{t("prev.st.due")}</Table.Th>
                  <Table.Th scope="col">{t("prev.st.status")}</Table.Th>
                  <Table.Th scope="col">{t("prev.st.evidence")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.suggestions.map((g) => (
                  <Table.Tr key={g.id} data-status={g.status}>
                    <Table.Th scope="row" fw={400}>
                      {g.agency}
                    </Table.Th>
                    <Table.Td style={{ whiteSpace: "pre-wrap" }}>{g.text}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(g.due_on, DEFAULT_ZONE, intl)}</Table.Td>
                    <Table.Td>
                      <SuggestionChip status={g.status} overdueDays={-daysBetween(today, g.due_on)} />
                    </Table.Td>
                    <Table.Td>{g.evidence ? g.evidence.filename : "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
    </Stack>
  );
}
