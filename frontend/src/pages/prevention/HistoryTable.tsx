// A record's steps as the API keeps them: what was done, by whom and when (in the
// office's zone), with the note or number it came with.
import { Table } from "@mantine/core";
import { useT } from "../../i18n/locale";
import { formatDateTime } from "../../lib/dates";
import { historyOf } from "../../lib/publications";
import { useOfficeZone } from "../../office";
import { useWords } from "./shared";

export function HistoryTable({ history, caption }: { history: readonly Record<string, unknown>[]; caption: string }): React.JSX.Element {
  const t = useT();
  const zone = useOfficeZone();
  const { intl, label } = useWords();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped withTableBorder data-testid="history">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("prev.hist.step")}</Table.Th>
            <Table.Th scope="col">{t("prev.hist.by")}</Table.Th>
            <Table.Th scope="col">{t("prev.hist.at")}</Table.Th>
            <Table.Th scope="col">{t("prev.hist.note")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {historyOf(history).map((h, i) => (
            <Table.Tr key={`${h.at}-${i}`} data-step={h.step}>
              <Table.Th scope="row" fw={400}>
                {label("prev.hist", h.step)}
              </Table.Th>
              <Table.Td>{h.by}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(h.at, zone, intl)}</Table.Td>
              <Table.Td style={{ whiteSpace: "pre-wrap" }}>{[h.number, h.note].filter(Boolean).join(" · ") || "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
