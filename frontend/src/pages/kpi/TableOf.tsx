// A reporting table (a breakdown, the staff activity) as a real <table>: the API's
// columns in its order, headers from the catalogue, cells by `cellText`.
import { Table, Text } from "@mantine/core";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { cellText } from "./cells";
import type { Table as ApiTable } from "./data";

export function TableOf({ table, substances, caption }: { table: ApiTable; substances: Record<string, string>; caption: string }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const ctx = { labels, locale: locale === "id" ? "id-ID" : "en-GB", substances };
  if (table.items.length === 0) return <Text>{t("kpi.rowsEmpty")}</Text>;
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped withTableBorder>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((c, i) => (
              <Table.Th key={c} scope="col" ta={i === 0 ? undefined : "right"}>
                {codeLabel(labels, "column", c)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.items.map((row, r) => (
            <Table.Tr key={r}>
              {table.columns.map((c, i) =>
                i === 0 ? (
                  <Table.Th key={c} scope="row" fw={400}>
                    {cellText(c, row[c], ctx)}
                  </Table.Th>
                ) : (
                  <Table.Td key={c} ta={typeof row[c] === "number" ? "right" : undefined}>
                    {cellText(c, row[c], ctx)}
                  </Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
