// The tracking page: the registration number and the PIN, no sign-in. The PIN travels
// in a header (never in the address, which ends up in logs and history).
import { Alert, Button, Paper, PasswordInput, Stack, Table, TextInput, Title } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { components } from "../api/schema";
import { useLocale, useT } from "../i18n/locale";
import { catalogue, codeLabel } from "../i18n/messages";
import { formatDateTime } from "../lib/dates";
import { DEFAULT_ZONE } from "../office";
import { SurveyOffer } from "./survey/SurveyOffer";

type View = components["schemas"]["TrackingView"];

export function TrackPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const { nomor } = useSearch({ from: "/lacak" });
  const navigate = useNavigate();
  const [number, setNumber] = useState(nomor ?? "");
  const [pin, setPin] = useState("");
  const [view, setView] = useState<View | null>(null);
  // Kept as a message id, not as text: switching the language words it again.
  const [failed, setFailed] = useState<"track.tooMany" | "track.notFound" | null>(null);
  const [busy, setBusy] = useState(false);
  const labels = catalogue(locale);
  const intlLocale = locale === "id" ? "id-ID" : "en-GB";

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const { data, response } = await api.GET("/api/v1/intake/public/reports/{registration_number}", {
      params: { path: { registration_number: number.trim() }, header: { "x-tracking-pin": pin.trim() } },
    });
    setBusy(false);
    setView(data ?? null);
    setFailed(data ? null : response.status === 429 ? "track.tooMany" : "track.notFound");
    if (data) await navigate({ to: "/lacak", search: { nomor: data.registration_number }, replace: true });
  }

  // No office is known on a public page: moments in WIB, named as such.
  const when = (iso: string) => formatDateTime(iso, DEFAULT_ZONE, intlLocale);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("track.title")}
      </Title>
      <Paper withBorder p="lg">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <TextInput label={t("track.number")} required value={number} onChange={(e) => setNumber(e.currentTarget.value)} />
            <PasswordInput label={t("track.pin")} required value={pin} onChange={(e) => setPin(e.currentTarget.value)} autoComplete="off" />
            <Button type="submit" loading={busy} style={{ alignSelf: "flex-start" }}>
              {t("track.submit")}
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
        <Stack role="status">
          <Table withTableBorder>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">{t("track.number")}</Table.Th>
                <Table.Td>{view.registration_number}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t("track.status")}</Table.Th>
                <Table.Td data-testid="tracking-status">{codeLabel(labels, "status", view.status)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t("track.kind")}</Table.Th>
                <Table.Td>{codeLabel(labels, "kind", view.kind)}</Table.Td>
              </Table.Tr>
              {view.outcome && (
                <Table.Tr>
                  <Table.Th scope="row">{t("survey.track.outcome")}</Table.Th>
                  <Table.Td data-testid="tracking-outcome">{codeLabel(labels, "outcome", view.outcome.outcome)}</Table.Td>
                </Table.Tr>
              )}
              <Table.Tr>
                <Table.Th scope="row">{t("track.registeredAt")}</Table.Th>
                <Table.Td>{when(view.registered_at)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t("track.updatedAt")}</Table.Th>
                <Table.Td>{when(view.updated_at)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {view.outcome?.survey_url && <SurveyOffer surveyUrl={view.outcome.survey_url} />}
          <Title order={2} size="h3">
            {t("track.timeline")}
          </Title>
          <Table striped withTableBorder>
            <Table.Tbody>
              {view.timeline.map((step) => (
                <Table.Tr key={`${step.at}-${step.status}`}>
                  <Table.Td>{when(step.at)}</Table.Td>
                  <Table.Td>{codeLabel(labels, "status", step.status)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
