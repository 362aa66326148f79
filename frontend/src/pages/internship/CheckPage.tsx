// The public check of an internship certificate or acceptance letter (where the QR on
// the document leads): the code is tried as a certificate, then as a letter.
import { Alert, Loader, Stack, Table, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue } from "../../i18n/messages";
import { formatDate, formatDateTime } from "../../lib/dates";
import { DEFAULT_ZONE } from "../../office";

type Check = components["schemas"]["DocumentCheck"];

export function InternshipCheckPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const intl = locale === "id" ? "id-ID" : "en-GB";
  const labels: Record<string, string> = catalogue(locale);
  const { code } = useParams({ from: "/magang/cek/$code" });
  const check = useQuery({
    queryKey: ["internship-check", code],
    retry: false,
    queryFn: async (): Promise<Check | null> => {
      const path = { params: { path: { code } } };
      const certificate = await api.GET("/api/v1/internship/public/certificates/{code}", path);
      if (certificate.data) return certificate.data;
      const letter = await api.GET("/api/v1/internship/public/acceptance-letters/{code}", path);
      return letter.data ?? null;
    },
  });

  const rows: [string, string][] = check.data
    ? [
        [t("mori.check.document"), labels[`mori.check.${check.data.document}`] ?? check.data.document],
        [t("mori.check.name"), check.data.name ?? "—"],
        [t("mori.check.institution"), check.data.institution],
        [t("mori.check.programme"), check.data.programme],
        [t("mori.check.unit"), check.data.unit ? (labels[`mori.unit.${check.data.unit}`] ?? check.data.unit) : "—"],
        [t("mori.check.period"), `${formatDate(check.data.period_start, DEFAULT_ZONE, intl)} – ${formatDate(check.data.period_end, DEFAULT_ZONE, intl)}`],
        [t("mori.check.office"), check.data.office_name],
        [t("mori.check.issuedAt"), formatDateTime(check.data.issued_at, DEFAULT_ZONE, intl)],
      ]
    : [];
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("mori.check.title")}
      </Title>
      {check.isPending && <Loader aria-label={t("mori.check.title")} />}
      {check.data === null && (
        <Alert color="red" role="alert" data-testid="check-not-found">
          {t("mori.check.notFound", { number: code })}
        </Alert>
      )}
      {check.data && (
        <>
          <Alert color={check.data.valid ? "green" : "red"} role="status" data-testid="check-result">
            {check.data.valid ? `✓ ${t("mori.check.valid")}` : `⚠ ${t("mori.check.invalid")}`}
          </Alert>
          <Table withTableBorder>
            <Table.Tbody>
              {rows.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th scope="row">{label}</Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
