// The office's agreements (MoU and the PKS under them), soonest end first, each with its
// expiry chip against today in the office's zone and a link to its page; the unit
// drafts a new one above the list.
import { Stack, Table, Text } from "@mantine/core";
import { AppLink } from "../../components/AppLink";
import { useT } from "../../i18n/locale";
import { formatDate } from "../../lib/dates";
import { useCapabilities } from "../../capabilities";
import { DEFAULT_ZONE } from "../../office";
import { AgreementForm } from "./AgreementForm";
import { ExpiryChip } from "./Chips";
import { useAgreements, type Agreement } from "./data";
import { QueryState, useWords } from "./shared";

export function AgreementsPanel({ today }: { today: string }): React.JSX.Element {
  const t = useT();
  const agreements = useAgreements();
  const { may } = useCapabilities();
  if (!agreements.data) return <QueryState query={agreements} />;
  return (
    <Stack>
      {may("prevention.agreement.create") && <AgreementForm agreements={agreements.data} />}
      {agreements.data.length === 0 ? <Text>{t("prev.empty")}</Text> : <AgreementsTable agreements={agreements.data} today={today} />}
    </Stack>
  );
}

function AgreementsTable({ agreements, today }: { agreements: Agreement[]; today: string }): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
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
          {agreements.map((a) => (
            <Table.Tr key={a.id} data-agreement={a.number ?? a.id}>
              <Table.Th scope="row" fw={400}>
                <AppLink to="/pencegahan/kerja-sama/$agreementId" params={{ agreementId: a.id }}>
                  {a.title}
                </AppLink>
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
