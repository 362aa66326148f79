// Imports of an office's old records (the head's): the upload and its dry run, the
// report of the import opened (`?impor=<id>`, so a reload or a link lands on it) with
// its run, and the office's past imports with their state and counts.
import { Alert, Button, Stack, Table, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { Section } from "../../components/Sections";
import { useLocale, useT } from "../../i18n/locale";
import { formatDateTime } from "../../lib/dates";
import { importTone } from "../../lib/integration";
import { useOfficeZone } from "../../office";
import { Refused, useImports, useWord } from "./data";
import { ImportForm } from "./ImportForm";
import { ImportReport, StateBadge } from "./ImportReport";

export function ImportsPage(): React.JSX.Element {
  const t = useT();
  const search = useSearch({ from: "/integrasi/impor" });
  const navigate = useNavigate({ from: "/integrasi/impor" });
  const imports = useImports();
  const queries = useQueryClient();
  const open = (id: string) => {
    void queries.invalidateQueries({ queryKey: ["integration", "imports"] });
    void navigate({ search: { impor: id } });
  };
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("int.imp.title")}
      </Title>
      {imports.error instanceof Refused ? (
        <Alert color="gray" data-testid="not-for-role">
          {t("int.headOnly")}
        </Alert>
      ) : (
        <>
          <ImportForm onChecked={open} />
          {search.impor && <ImportReport key={search.impor} id={search.impor} />}
          <ImportHistory onOpen={open} />
        </>
      )}
    </Stack>
  );
}

function ImportHistory({ onOpen }: { onOpen: (id: string) => void }) {
  const t = useT();
  const word = useWord();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const imports = useImports();
  const intl = locale === "id" ? "id-ID" : "en-GB";
  return (
    <Section title={t("int.imp.history")} id="import-history">
      {imports.isPending && <Alert color="gray">{t("int.loading")}</Alert>}
      {imports.error && <Alert color="red">{t("int.failed")}</Alert>}
      {imports.data && imports.data.items.length === 0 && <Alert color="gray">{t("int.empty")}</Alert>}
      {imports.data && imports.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder striped data-testid="import-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("int.imp.file")}</Table.Th>
                <Table.Th scope="col">{t("int.imp.uploadedAt")}</Table.Th>
                <Table.Th scope="col">{t("int.imp.status")}</Table.Th>
                <Table.Th scope="col">{t("int.imp.total")}</Table.Th>
                <Table.Th scope="col">{t("int.imp.valid")}</Table.Th>
                <Table.Th scope="col">{t("int.imp.invalid")}</Table.Th>
                <Table.Th scope="col">{t("int.imp.sent")}</Table.Th>
                <Table.Th scope="col">{t("int.imp.waiting")}</Table.Th>
                <Table.Th scope="col">{t("int.imp.open")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imports.data.items.map((i) => (
                <Table.Tr key={i.id} data-import={i.id}>
                  <Table.Th scope="row" fw={400} style={{ wordBreak: "break-all" }}>
                    {i.filename}
                  </Table.Th>
                  <Table.Td>{formatDateTime(i.created_at, zone, intl)}</Table.Td>
                  <Table.Td>
                    <StateBadge tone={importTone(i.status)}>{word("int.imp.state", i.status)}</StateBadge>
                  </Table.Td>
                  <Table.Td>{i.total_rows}</Table.Td>
                  <Table.Td>{i.valid_rows}</Table.Td>
                  <Table.Td>{i.invalid_rows}</Table.Td>
                  <Table.Td>{i.sent_rows}</Table.Td>
                  <Table.Td>{i.waiting_rows}</Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="default" onClick={() => onOpen(i.id)} aria-label={t("int.imp.openOne", { name: i.filename })}>
                      {t("int.imp.open")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
