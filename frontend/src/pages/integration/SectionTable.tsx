// The tables of the integration screens' sections (the portal sync's, the imports'):
// one markup for them all — a scrolling, bordered, striped table named by its test id,
// a header row of column titles, and rows whose first cell names the row (a row
// header, for screen readers) — so a change to how these tables read lands on every
// one. What a cell shows is each section's own (`columns`).
import { Alert, Table } from "@mantine/core";
import type { CSSProperties, ReactNode } from "react";
import { useT } from "../../i18n/locale";

export type Column<T> = {
  title: string;
  cell: (row: T) => ReactNode;
  // The row header's (first column's) look: regular weight unless said.
  weight?: number;
  style?: CSSProperties;
};

export function Loading({ pending, failed }: { pending: boolean; failed: boolean }) {
  const t = useT();
  if (pending) return <Alert color="gray">{t("int.loading")}</Alert>;
  if (failed) return <Alert color="red">{t("int.failed")}</Alert>;
  return null;
}

export function SectionTable<T>({
  rows,
  columns,
  rowKey,
  rowData,
  testId,
  caption,
  empty,
  minWidth = 760,
}: {
  rows: T[] | undefined; // undefined while the section's query has no answer
  columns: [Column<T>, ...Column<T>[]];
  rowKey: (row: T) => string;
  rowData?: (row: T) => Record<`data-${string}`, string>;
  testId: string;
  caption?: string;
  empty?: string; // said when there are no rows; nothing is shown when not given
  minWidth?: number;
}): React.JSX.Element | null {
  if (!rows) return null;
  if (rows.length === 0) return empty ? <Alert color="gray">{empty}</Alert> : null;
  const [first, ...rest] = columns;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table withTableBorder striped captionSide={caption ? "top" : undefined} data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.title} scope="col">
                {c.title}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} {...rowData?.(row)}>
              <Table.Th scope="row" fw={first.weight ?? 400} style={first.style}>
                {first.cell(row)}
              </Table.Th>
              {rest.map((c) => (
                <Table.Td key={c.title}>{c.cell(row)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
