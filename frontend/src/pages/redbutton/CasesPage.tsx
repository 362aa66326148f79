// The protection officers' restricted area: the office's Red Button cases, newest first.
import { Alert, Loader, Stack, Table, Title } from "@mantine/core";
import { AppLink } from "../../components/AppLink";
import { useLocale, useT } from "../../i18n/locale";
import { formatDateTime } from "../../lib/dates";
import { useCapabilities } from "../../capabilities";
import { useOfficeZone } from "../../office";
import { catalogue } from "../../i18n/messages";
import { NotForRole, rbLabel, useRedButtonCases } from "./data";
import { NotForRolePage } from "./NotForRole";
import { ProtectionChip } from "./Protection";

export function ProtectionCasesPage(): React.JSX.Element {
  const { ready, may } = useCapabilities();
  if (ready && !may("redbutton.cases")) return <NotForRolePage />;
  return <CasesList />;
}

function CasesList(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const cases = useRedButtonCases();
  const now = new Date();
  const labels: Record<string, string> = catalogue(locale);
  if (cases.error instanceof NotForRole) return <NotForRolePage />;
  const when = (iso: string) => formatDateTime(iso, zone, locale === "id" ? "id-ID" : "en-GB");
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("rb.area.title")}
      </Title>
      {cases.isPending && <Loader aria-label={t("rb.area.title")} />}
      {cases.error && <Alert color="red">{String(cases.error.message)}</Alert>}
      {cases.data && cases.data.length === 0 && <Alert color="gray">{t("rb.area.empty")}</Alert>}
      {cases.data && cases.data.length > 0 && (
        <Table withTableBorder striped data-testid="rb-cases">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("rb.area.raisedAt")}</Table.Th>
              <Table.Th scope="col">{t("rb.area.severity")}</Table.Th>
              <Table.Th scope="col">{t("rb.area.mode")}</Table.Th>
              <Table.Th scope="col">{t("rb.area.status")}</Table.Th>
              <Table.Th scope="col">{t("rb.area.protection")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cases.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <AppLink to="/perlindungan/$caseId" params={{ caseId: c.id }}>
                    {when(c.raised_at)}
                  </AppLink>
                </Table.Td>
                <Table.Td>{rbLabel(labels, "severity", c.severity)}</Table.Td>
                <Table.Td>{rbLabel(labels, "mode", c.mode)}</Table.Td>
                <Table.Td>{rbLabel(labels, "status", c.status)}</Table.Td>
                <Table.Td>
                  <ProtectionChip item={c} now={now} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
