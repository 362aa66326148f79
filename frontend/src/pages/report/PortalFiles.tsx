// The files a complaint pulled from a portal named, and how far each got (intake fetches
// them after registering the report): waiting, stored, refused with the reason, or failed
// once the retries are spent; attempts and the next try while it waits.
import { Alert, Table } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { useLocale, useT } from "../../i18n/locale";
import { formatDateTime } from "../../lib/dates";
import { fileTone } from "../../lib/integrationTones";
import { useOfficeZone } from "../../office";
import { useWord } from "../integration/data";
import { StateBadge } from "../integration/StateBadge";

export function PortalFiles({ reportId }: { reportId: string }): React.JSX.Element {
  const t = useT();
  const word = useWord();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const files = useQuery({
    queryKey: ["report", reportId, "portal-files"],
    queryFn: async () => {
      const { data } = await api.GET("/api/v1/intake/reports/{report_id}/portal-files", { params: { path: { report_id: reportId } } });
      if (!data) throw new Error("portal files");
      return data.items;
    },
    // While a file waits, its state moves without the page doing anything.
    refetchInterval: (query) => (query.state.data?.some((f) => f.status === "waiting") ? 10_000 : false),
    retry: false,
  });
  const intl = locale === "id" ? "id-ID" : "en-GB";
  return (
    <Section title={t("int.files.title")} id="portal-files">
      {files.isPending && <Alert color="gray">{t("int.loading")}</Alert>}
      {files.isError && <Alert color="red">{t("int.failed")}</Alert>}
      {files.data && files.data.length === 0 && <Alert color="gray">{t("int.files.empty")}</Alert>}
      {files.data && files.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder striped data-testid="portal-files">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("int.files.name")}</Table.Th>
                <Table.Th scope="col">{t("int.files.status")}</Table.Th>
                <Table.Th scope="col">{t("int.files.attempts")}</Table.Th>
                <Table.Th scope="col">{t("int.files.nextTry")}</Table.Th>
                <Table.Th scope="col">{t("int.files.reason")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {files.data.map((f) => (
                <Table.Tr key={f.file_id} data-file={f.file_id} data-status={f.status}>
                  <Table.Th scope="row" fw={400} style={{ wordBreak: "break-all" }}>
                    {f.filename}
                  </Table.Th>
                  <Table.Td>
                    <StateBadge tone={fileTone(f.status)}>{word("int.files.state", f.status)}</StateBadge>
                  </Table.Td>
                  <Table.Td>{f.attempts}</Table.Td>
                  <Table.Td>{f.status === "waiting" ? formatDateTime(f.next_attempt_at, zone, intl) : "—"}</Table.Td>
                  <Table.Td>{f.error ?? "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
