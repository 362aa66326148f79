// The office's focal points in the agencies, as the API gives them: names in full for
// the prevention unit (each read audited there), masked for every other reader.
import { Alert, Stack, Table, Text } from "@mantine/core";
import { useT } from "../../i18n/locale";
import { formatDate } from "../../lib/dates";
import { DEFAULT_ZONE } from "../../office";
import { useFocalPoints } from "./data";
import { QueryState, useWords } from "./shared";

export function FocalPointsPanel(): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  const points = useFocalPoints();
  if (!points.data) return <QueryState query={points} />;
  const { counts } = points.data;
  // As the API answered: each row says whether it is masked for this reader.
  const masked = points.data.points.some((p) => p.masked);
  return (
    <Stack>
      {counts && <Text data-testid="focal-counts">{t("prev.fp.counts", { active: counts.active, regencies: counts.regencies })}</Text>}
      {masked && <Alert color="gray">{t("prev.fp.masked")}</Alert>}
      {points.data.points.length === 0 ? (
        <Text>{t("prev.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped withTableBorder data-testid="focal-points">
            <caption className="visually-hidden">{t("prev.tab.focal-point")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("prev.fp.name")}</Table.Th>
                <Table.Th scope="col">{t("prev.fp.role")}</Table.Th>
                <Table.Th scope="col">{t("prev.fp.agency")}</Table.Th>
                <Table.Th scope="col">{t("prev.fp.regency")}</Table.Th>
                <Table.Th scope="col">{t("prev.fp.status")}</Table.Th>
                <Table.Th scope="col">{t("prev.fp.validUntil")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.data.points.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row" fw={400}>
                    {p.name}
                  </Table.Th>
                  <Table.Td>{p.role}</Table.Td>
                  <Table.Td>{p.agency}</Table.Td>
                  <Table.Td>{p.regency}</Table.Td>
                  <Table.Td>{label("prev.fp.status", p.status)}</Table.Td>
                  <Table.Td>{p.valid_until ? formatDate(p.valid_until, DEFAULT_ZONE, intl) : "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
