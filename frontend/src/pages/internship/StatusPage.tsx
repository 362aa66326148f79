// Where an application stands, by its code (no login). The code goes in the request
// path the API defines; the page's own address never holds it.
import { Alert, Button, Paper, PasswordInput, Stack, Table, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { useLocale, useT } from "../../i18n/locale";
import type { MessageId } from "../../i18n/messages";
import { catalogue } from "../../i18n/messages";
import { formatDate, formatDateTime } from "../../lib/dates";
import { DEFAULT_ZONE } from "../../office";

type View = components["schemas"]["ApplicationStatusView"];

export function InternshipStatusPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const intl = locale === "id" ? "id-ID" : "en-GB";
  const labels: Record<string, string> = catalogue(locale);
  const [code, setCode] = useState("");
  const [view, setView] = useState<View | null>(null);
  const [failed, setFailed] = useState<MessageId | null>(null); // worded when shown
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (code.trim() === "") return;
    setBusy(true);
    const { data } = await api.GET("/api/v1/internship/public/applications/{code}", { params: { path: { code: code.trim() } } });
    setBusy(false);
    setView(data ?? null);
    setFailed(data ? null : "mori.status.notFound");
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t("mori.status.title")}
      </Title>
      <Paper withBorder p="lg">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <PasswordInput label={t("mori.status.code")} required autoComplete="off" value={code} onChange={(e) => setCode(e.currentTarget.value)} />
            <Button type="submit" loading={busy} style={{ alignSelf: "flex-start" }}>
              {t("mori.status.submit")}
            </Button>
          </Stack>
        </form>
      </Paper>
      {failed && (
        <Alert color="red" role="alert">
          {t(failed)}
        </Alert>
      )}
      {view && (
        <Table withTableBorder role="status">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">{t("mori.status.status")}</Table.Th>
              <Table.Td data-testid="application-status">{labels[`mori.status.${view.status}`] ?? view.status}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t("mori.status.submittedAt")}</Table.Th>
              <Table.Td>{formatDateTime(view.submitted_at, DEFAULT_ZONE, intl)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t("mori.status.period")}</Table.Th>
              <Table.Td>
                {formatDate(view.period_start, DEFAULT_ZONE, intl)} – {formatDate(view.period_end, DEFAULT_ZONE, intl)}
              </Table.Td>
            </Table.Tr>
            {view.unit && (
              <Table.Tr>
                <Table.Th scope="row">{t("mori.status.unit")}</Table.Th>
                <Table.Td>{labels[`mori.unit.${view.unit}`] ?? view.unit}</Table.Td>
              </Table.Tr>
            )}
            {view.reason && (
              <Table.Tr>
                <Table.Th scope="row">{t("mori.status.reason")}</Table.Th>
                <Table.Td>{view.reason}</Table.Td>
              </Table.Tr>
            )}
            {view.decided_at && (
              <Table.Tr>
                <Table.Th scope="row">{t("mori.status.decidedAt")}</Table.Th>
                <Table.Td>{formatDateTime(view.decided_at, DEFAULT_ZONE, intl)}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
