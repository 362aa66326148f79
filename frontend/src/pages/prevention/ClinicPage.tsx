// One complaint clinic: where and when, and the N-gain of each participant with its
// category in words, the class's two figures labelled apart, and how they are computed.
// Names as the API gives them (masked outside the prevention unit). Above it, the work
// on the clinic the API offers the reader (`ClinicWork`).
import { Alert, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useParams } from "@tanstack/react-router";
import { AppLink } from "../../components/AppLink";
import { Fact, Section } from "../../components/Sections";
import { useT } from "../../i18n/locale";
import { formatDate } from "../../lib/dates";
import { decimal } from "../../lib/prevention";
import { DEFAULT_ZONE } from "../../office";
import { GainChip } from "./Chips";
import { Gain } from "./ClinicsPanel";
import { ClinicWork } from "./ClinicWork";
import { useClinic } from "./data";
import { QueryState, useWords } from "./shared";

export function ClinicPage(): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  const { clinicId } = useParams({ from: "/pencegahan/klinik/$clinicId" });
  const found = useClinic(clinicId);
  const back = (
    <AppLink to="/pencegahan" search={{ bagian: "klinik" }}>
      {t("prev.cl.back")}
    </AppLink>
  );
  if (found.data === null) return <Stack>{back}<Alert color="gray">{t("prev.cl.notFound")}</Alert></Stack>;
  if (!found.data) return <Stack>{back}<QueryState query={found} /></Stack>;
  const { clinic, gains } = found.data;
  return (
    <Stack>
      {back}
      <Title order={1} size="h2">
        {clinic.title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 4 }} component="dl" m={0}>
        <Fact label={t("prev.cl.heldOn")}>{formatDate(clinic.held_on, DEFAULT_ZONE, intl)}</Fact>
        <Fact label={t("prev.cl.place")}>{clinic.place}</Fact>
        <Fact label={t("prev.a.status")}>{label("prev.cl.status", clinic.status)}</Fact>
        <Fact label={t("prev.cl.participants")}>{clinic.participants.length}</Fact>
      </SimpleGrid>
      <ClinicWork clinic={clinic} />
      <Section title={t("prev.cl.gains")} id="prev-gains">
        <Text>{t("prev.cl.maxScore", { score: gains.max_score })}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0}>
          <Fact label={t("prev.cl.classGain")}>
            <div data-testid="class-gain">
              <Gain value={gains.class_gain_hake.value ?? null} category={gains.class_gain_hake.category} intl={intl} />
            </div>
          </Fact>
          <Fact label={t("prev.cl.meanGain")}>
            <Gain value={gains.mean_of_individual_gains.value ?? null} category={gains.mean_of_individual_gains.category} intl={intl} />
          </Fact>
        </SimpleGrid>
        <Text>
          {t("prev.cl.counts", {
            high: gains.counts.high ?? 0,
            medium: gains.counts.medium ?? 0,
            low: gains.counts.low ?? 0,
            none: gains.counts.undefined ?? 0,
          })}
        </Text>
        <Table.ScrollContainer minWidth={700}>
          <Table striped withTableBorder data-testid="gains">
            <caption className="visually-hidden">{t("prev.cl.gains")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("prev.cl.name")}</Table.Th>
                <Table.Th scope="col">{t("prev.cl.agency")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("prev.cl.pre")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("prev.cl.post")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("prev.cl.nGain")}
                </Table.Th>
                <Table.Th scope="col">{t("prev.cl.category")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {gains.participants.map((p) => (
                <Table.Tr key={p.participant_id} data-category={p.category}>
                  <Table.Th scope="row" fw={400}>
                    {p.name}
                  </Table.Th>
                  <Table.Td>{p.agency}</Table.Td>
                  <Table.Td ta="right">{p.pre_score ?? "—"}</Table.Td>
                  <Table.Td ta="right">{p.post_score ?? "—"}</Table.Td>
                  <Table.Td ta="right">{decimal(p.n_gain ?? null, intl, 3)}</Table.Td>
                  <Table.Td>
                    <GainChip category={p.category} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <details>
          <summary>{t("prev.cl.convention")}</summary>
          <Text size="sm" lang="en">
            {gains.convention}
          </Text>
        </details>
      </Section>
    </Stack>
  );
}
