// The office's agreements (MoU and the PKS under them), soonest end first, each with its
// expiry chip against today in the office's zone.
import { Table, Text } from "@mantine/core";
import { useT } from "../../i18n/locale";
import { formatDate } from "../../lib/dates";
import { DEFAULT_ZONE } from "../../office";
import { ExpiryChip } from "./Chips";
import { useAgreements } from "./data";
import { QueryState, useWords } from "./shared";

export function AgreementsPanel({ today }: { today: string }): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  const agreements = useAgreements();
  if (!agreements.data) return <QueryState query={agreements} />;
  if (agreements.data.length === 0) return <Text>{t("prev.empty")}</Text>;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped withTableBorder data-testid="agreements">
        <caption className="visually-hidden">{t("prev.tab.kerja-sama")}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("prev.ag.title")}</Table.Th>
            <Table.Th scope="col">{t("prev.ag.kind")}</Table.Th>
            <Table.Th scope="col">{t("prev.ag.parties")}</Table.Th>
            <Table.Th scope="col">{t("prev.ag.term")}</Table.Th>
            <Table.Th scope="col">{t("prev.ag.document")}</Table.Th>
            <Table.Th scope="col">{t("prev.ag.expiry")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agreements.data.map((a) => (
            <Table.Tr key={a.id} data-agreement={a.number ?? a.id}>
              <Table.Th scope="row" fw={400}>
                {a.title}
                {a.number && (
                  <Text size="sm" c="dimmed">
                    {a.number}
                  </Text>
                )}
              </Table.Th>
              <Table.Td>{label("prev.ag.kind", a.kind)}</Table.Td>
              <Table.Td>{a.parties.map((p) => p.name).join("; ")}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {formatDate(a.starts_on, DEFAULT_ZONE, intl)} – {formatDate(a.ends_on, DEFAULT_ZONE, intl)}
              </Table.Td>
              <Table.Td>{t(a.has_document ? "prev.ag.hasDocument" : "prev.ag.noDocument")}</Table.Td>
              <Table.Td>
                <ExpiryChip status={a.status} endsOn={a.ends_on} today={today} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
