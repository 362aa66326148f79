// One import's report: its counts, every bad row's cell and the API's reason in a table,
// the columns it used, and the run (with the version read, `If-Match`). A run sent twice
// changes nothing at the API (each row goes once); the button also waits for the answer.
import { Alert, Button, Group, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { api } from "../../api/client";
import { AppLink } from "../../components/AppLink";
import { Fact, Section } from "../../components/Sections";
import { useLocale, useSay, useT } from "../../i18n/locale";
import { formatDateTime } from "../../lib/dates";
import { IMPORT_FIELDS, importTone, rowReason } from "../../lib/integration";
import { said, type Said } from "../../i18n/said";
import { useOfficeZone } from "../../office";
import { useImport, useWord } from "./data";
import { StateBadge } from "./StateBadge";

// The form's order (a field this version does not know last).
function fieldOrder(field: string): number {
  const i = (IMPORT_FIELDS as readonly string[]).indexOf(field);
  return i < 0 ? IMPORT_FIELDS.length : i;
}

export function ImportReport({ id }: { id: string }): React.JSX.Element {
  const t = useT();
  const word = useWord();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const queries = useQueryClient();
  const one = useImport(id);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false); // a double click runs it once (the API would too)
  const say = useSay();
  const [problem, setProblem] = useState<Said | null>(null);
  const intl = locale === "id" ? "id-ID" : "en-GB";

  if (one.isPending) return <Alert color="gray">{t("int.loading")}</Alert>;
  if (!one.data) return <Alert color="red">{t("int.failed")}</Alert>;
  const { report: r, etag } = one.data;

  async function run() {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setProblem(null);
    try {
      const { error, response } = await api.POST("/api/v1/integration/imports/{import_id}/run", {
        params: { path: { import_id: id } },
        headers: etag ? { "If-Match": etag } : {},
      });
      if (!response.ok) {
        if (response.status === 412) setProblem(said("int.imp.changed"));
        else if (response.status === 409) setProblem(said("int.imp.notConfigured"));
        else setProblem({ problem: error, fallback: "form.error" });
      }
    } catch {
      setProblem(said("form.error"));
    } finally {
      inFlight.current = false;
      setBusy(false);
      await queries.invalidateQueries({ queryKey: ["integration"] });
    }
  }

  return (
    <Section title={t("int.imp.report", { name: r.filename })} id="import-report">
      <Group>
        <Text size="sm" c="dimmed">
          {t("int.imp.status")}
        </Text>
        <span data-testid="import-status" data-status={r.status}>
          <StateBadge tone={importTone(r.status)}>{word("int.imp.state", r.status)}</StateBadge>
        </span>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 5 }} component="dl" m={0}>
        <Fact label={t("int.imp.total")}>{r.total_rows}</Fact>
        <Fact label={t("int.imp.valid")}>{r.valid_rows}</Fact>
        <Fact label={t("int.imp.invalid")}>{r.invalid_rows}</Fact>
        <Fact label={t("int.imp.sent")}>{r.sent_rows}</Fact>
        <Fact label={t("int.imp.uploadedAt")}>{formatDateTime(r.created_at, zone, intl)}</Fact>
      </SimpleGrid>

      {r.errors.length === 0 ? (
        <Alert color="green" data-testid="import-no-errors">
          {t("int.imp.noErrors")}
        </Alert>
      ) : (
        <Table withTableBorder striped captionSide="top" data-testid="import-errors">
          <caption>{t("int.imp.errors")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("int.imp.row")}</Table.Th>
              <Table.Th scope="col">{t("int.imp.column")}</Table.Th>
              <Table.Th scope="col">{t("int.imp.reason")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.errors.map((e, i) => (
              <Table.Tr key={`${e.row}-${e.column}-${i}`} data-row={e.row} data-column={e.column}>
                <Table.Th scope="row">{e.row}</Table.Th>
                <Table.Td>{e.column}</Table.Td>
                <Table.Td>{say(rowReason(e))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Table withTableBorder captionSide="top" data-testid="import-mapping-used">
        <caption>{t("int.imp.mappingUsed")}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("int.imp.fieldHeader")}</Table.Th>
            <Table.Th scope="col">{t("int.imp.sheetHeader")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Object.entries(r.mapping)
            .sort(([a], [b]) => fieldOrder(a) - fieldOrder(b))
            .map(([field, header]) => (
            <Table.Tr key={field}>
              <Table.Th scope="row" fw={400}>
                {word("int.imp.field", field)}
              </Table.Th>
              <Table.Td>{header}</Table.Td>
            </Table.Tr>
          ))}
          {Object.entries(r.outcomes).map(([text, code]) => (
            <Table.Tr key={`outcome-${text}`}>
              <Table.Th scope="row" fw={400}>
                {t("int.imp.field.status")}: {text}
              </Table.Th>
              <Table.Td>{code === "closed" || code === "open" ? word("int.imp.outcome", code) : word("outcome", code)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      {problem && (
        <Alert color="red" role="alert">
          {say(problem)}
        </Alert>
      )}
      {r.status === "checked" && r.valid_rows > 0 && (
        <Stack gap="xs">
          <Text size="sm">{t("int.imp.runHelp")}</Text>
          <Group>
            <Button onClick={() => void run()} loading={busy} data-testid="import-run">
              {t("int.imp.run", { count: r.valid_rows })}
            </Button>
          </Group>
        </Stack>
      )}
      {r.status === "running" && (
        <Alert color="blue" role="status">
          {t("int.imp.running", { count: r.sent_rows, total: r.valid_rows })}
        </Alert>
      )}
      {r.status === "done" && (
        <>
          <Alert color="green" role="status" data-testid="import-done">
            {t("int.imp.done", { count: r.sent_rows })}
          </Alert>
          <AppLink to="/verifikasi" search={{ status: "imported" }}>
            {t("int.imp.seeReports")}
          </AppLink>
        </>
      )}
    </Section>
  );
}
