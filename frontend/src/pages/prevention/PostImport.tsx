// A sheet of posts (CSV or XLSX) imported all or none; the API names each wrong cell
// (`#/body/rows/<row>/<column>`), listed here in a table by row and column.
import { Button, FileInput, Group, Stack, Table, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { sheetProblems } from "../../lib/publications";
import { useWords } from "./shared";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function mediaType(file: File): string {
  return file.name.toLowerCase().endsWith(".csv") || file.type === "text/csv" ? "text/csv" : XLSX;
}

export function PostImport(): React.JSX.Element {
  const t = useT();
  const { label } = useWords();
  const queries = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState({ created: 0, updated: 0 });
  const w = useWrite({
    onSaved: () => {
      setFile(null);
      void queries.invalidateQueries({ queryKey: ["prevention", "posts"] });
    },
    onConflict: () => undefined,
  });

  function upload() {
    if (!file) return;
    void w.send(async () => {
      const sent = await api.POST("/api/v1/prevention/social-media/import", {
        body: file as unknown as string, // the bytes as they are, not JSON
        bodySerializer: (body: unknown) => body as BodyInit,
        headers: { "Content-Type": mediaType(file) },
      });
      if (sent.data) setResult(sent.data);
      return sent;
    });
  }

  const problems = sheetProblems(w.errors.fields);
  return (
    <Stack gap="xs" maw={760}>
      <Text size="sm">{t("prev.sm.importHint")}</Text>
      <Saved when={w.saved} message={t("prev.sm.imported", result)} />
      <General message={w.errors.general} />
      {problems.length > 0 && (
        <Table withTableBorder striped data-testid="sheet-problems">
          <caption>{t("prev.sm.problems")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("prev.sm.row")}</Table.Th>
              <Table.Th scope="col">{t("prev.sm.column")}</Table.Th>
              <Table.Th scope="col">{t("prev.sm.problem")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.map((p) => (
              <Table.Tr key={`${p.row ?? ""}-${p.column}`} data-row={p.row ?? ""} data-column={p.column}>
                <Table.Td>{p.row ?? t("prev.sm.wholeSheet")}</Table.Td>
                <Table.Td>{label("prev.sm", p.column)}</Table.Td>
                <Table.Td>{p.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FileInput label={t("prev.sm.importFile")} accept={`${XLSX},text/csv,.csv,.xlsx`} value={file} onChange={setFile} clearable clearButtonProps={{ "aria-label": t("prev.sm.clearFile") }} />
      <Group>
        <Button onClick={upload} disabled={!file} loading={w.busy}>
          {t("prev.sm.importSend")}
        </Button>
      </Group>
    </Stack>
  );
}
