// The public check of a complaint clinic's certificate (where the QR on it leads): the
// participant's name masked as the API gives it, the clinic, the office.
import { Alert, Loader, Stack, Table, Title } from "@mantine/core";
import { useParams } from "@tanstack/react-router";
import { useT } from "../../i18n/locale";
import { formatDate } from "../../lib/dates";
import { DEFAULT_ZONE } from "../../office";
import { useCertificate } from "./data";
import { useWords } from "./shared";

export function CertificatePage(): React.JSX.Element {
  const t = useT();
  const { intl } = useWords();
  const { code } = useParams({ from: "/klinik/cek/$code" });
  const check = useCertificate(code);
  const c = check.data;
  const rows: [string, string][] = c
    ? [
        [t("prev.cert.participant"), c.participant],
        [t("prev.cert.agency"), c.agency],
        [t("prev.cert.clinic"), c.clinic],
        [t("prev.cert.heldOn"), formatDate(c.held_on, DEFAULT_ZONE, intl)],
        [t("prev.cert.place"), c.place],
        [t("prev.cert.office"), c.office],
      ]
    : [];
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("prev.cert.title")}
      </Title>
      {check.isPending && <Loader role="status" aria-label={t("common.loading")} />}
      {c === null && (
        <Alert color="red" role="alert" data-testid="certificate-not-found">
          {t("prev.cert.notFound", { number: code })}
        </Alert>
      )}
      {c && (
        <>
          <Alert color={c.valid ? "green" : "red"} role="status" data-testid="certificate-result">
            {c.valid ? `✓ ${t("prev.cert.valid")}` : `⚠ ${t("prev.cert.invalid")}`}
          </Alert>
          <Table withTableBorder>
            <Table.Tbody>
              {rows.map(([name, value]) => (
                <Table.Tr key={name}>
                  <Table.Th scope="row">{name}</Table.Th>
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
