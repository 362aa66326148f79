// Imports of an office's old records (the head's): the upload and its dry run, the
// report of the import opened (`?impor=<id>`, so a reload or a link lands on it) with
// its run, and the office's past imports with their state and counts.
import { Alert, Button, Stack, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { Section } from "../../components/Sections";
import { useLocale, useT } from "../../i18n/locale";
import { formatDateTime } from "../../lib/dates";
import { importTone } from "../../lib/integration";
import { useOfficeZone } from "../../office";
import { Refused, useImports, useWord } from "./data";
import { ImportForm } from "./ImportForm";
import { ImportReport } from "./ImportReport";
import { StateBadge } from "./StateBadge";
import { Loading, SectionTable } from "./SectionTable";

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
      <Loading pending={imports.isPending} failed={imports.isError} />
      <SectionTable
        rows={imports.data?.items}
        empty={t("int.empty")}
        testId="import-history"
        rowKey={(i) => i.id}
        rowData={(i) => ({ "data-import": i.id })}
        columns={[
          { title: t("int.imp.file"), cell: (i) => i.filename, style: { wordBreak: "break-all" } },
          { title: t("int.imp.uploadedAt"), cell: (i) => formatDateTime(i.created_at, zone, intl) },
          { title: t("int.imp.status"), cell: (i) => <StateBadge tone={importTone(i.status)}>{word("int.imp.state", i.status)}</StateBadge> },
          { title: t("int.imp.total"), cell: (i) => i.total_rows },
          { title: t("int.imp.valid"), cell: (i) => i.valid_rows },
          { title: t("int.imp.invalid"), cell: (i) => i.invalid_rows },
          { title: t("int.imp.sent"), cell: (i) => i.sent_rows },
          { title: t("int.imp.waiting"), cell: (i) => i.waiting_rows },
          {
            title: t("int.imp.open"),
            cell: (i) => (
              <Button size="compact-sm" variant="default" onClick={() => onOpen(i.id)} aria-label={t("int.imp.openOne", { name: i.filename })}>
                {t("int.imp.open")}
              </Button>
            ),
          },
        ]}
      />
    </Section>
  );
}
