// The Sahabat Ombudsman member's own screen: a report for a citizen they accompany, on
// the `community` channel as the intake API takes it from a `community_member` (an LM,
// the member taken from their account, never asked), errors at their fields; and the
// reports they brought, the only ones the API lists for them.
import { Alert, Button, Group, Select, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue } from "../../i18n/messages";
import { formatDate, todayIn } from "../../lib/dates";
import { useMe, useOfficeZone } from "../../office";
import { nested } from "../fields";
import { nikErrors, ReporterFields, reportErrors } from "../ReporterFields";
import { useFields } from "../useFields";
import { DateField } from "../../components/DateFields";

const START = { channel: "community", kind: "LM" };

function useOwnReports() {
  return useQuery({
    queryKey: ["sahabat", "reports"],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/intake/reports", { params: { query: { limit: 100 } } });
      if (error) throw new Error("reports");
      return (data as components["schemas"]["Page_ReportPublic_"]).items;
    },
  });
}

function OwnReports(): React.JSX.Element {
  const t = useT();
  const zone = useOfficeZone();
  const { locale } = useLocale();
  const labels: Record<string, string> = catalogue(locale);
  const reports = useOwnReports();
  if (reports.isPending) return <Text>{t("common.loading")}</Text>;
  if (reports.isError) return <Alert color="red">{t("form.error")}</Alert>;
  if (reports.data.length === 0) return <Text>{t("sahabat.none")}</Text>;
  return (
    <Table striped withTableBorder data-testid="own-reports">
      <caption className="visually-hidden">{t("sahabat.mine")}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t("sahabat.number")}</Table.Th>
          <Table.Th scope="col">{t("sahabat.date")}</Table.Th>
          <Table.Th scope="col">{t("sahabat.summary")}</Table.Th>
          <Table.Th scope="col">{t("sahabat.status")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {reports.data.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Th scope="row" fw={400}>{r.registration_number}</Table.Th>
            <Table.Td>{formatDate(r.received_at, zone, locale === "id" ? "id-ID" : "en-GB")}</Table.Td>
            <Table.Td>{r.summary}</Table.Td>
            <Table.Td>{labels[`status.${r.status}`] ?? r.status}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function MemberPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const client = useQueryClient();
  const form = useFields(START);
  const { values, set, bind, errors, setErrors, reset } = form;
  const [confidential, setConfidential] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const office = useMe().data?.office ?? "";
  // The staff's catalogue is for staff: a member reads what the public form offers for
  // their office (the national catalogue and the office's own).
  const substances = useQuery({
    queryKey: ["public-substances", office],
    enabled: office !== "",
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/intake/public/substances", { params: { query: { office } } });
      if (error) throw new Error("substances");
      return data;
    },
    staleTime: 3600_000,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const refused = nikErrors(form, t);
    if (refused) return setErrors(refused);
    setBusy(true);
    const fields = nested(values);
    const body = { ...fields, reporter: { ...(fields.reporter as object), confidential } };
    const { data, error } = await api.POST("/api/v1/intake/reports", {
      body: body as components["schemas"]["ReportCreate"],
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    setBusy(false);
    if (data) {
      reset(START);
      setConfidential(false);
      setDone(data.registration_number);
      await client.invalidateQueries({ queryKey: ["sahabat", "reports"] });
      return;
    }
    setErrors(reportErrors(error, t));
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t("sahabat.title")}
      </Title>
      <Text>{t("sahabat.intro")}</Text>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t("sahabat.file")}>
        <Stack>
          {done && (
            <Alert color="green" role="status">
              {t("sahabat.filed", { number: done })}
            </Alert>
          )}
          {errors.general && (
            <Alert color="red" role="alert">
              {errors.general}
            </Alert>
          )}
          <ReporterFields fields={form} confidential={confidential} onConfidential={setConfidential} />
          <TextInput label={t("register.agency")} {...bind("reported_agency.name")} />
          <Select
            label={t("register.substance")}
            data={(substances.data ?? []).map((s) => ({ value: s.code, label: locale === "id" ? s.name_id : s.name_en }))}
            value={values.substance ?? null}
            onChange={(v) => set("substance", v ?? "")}
            error={errors.fields.substance}
            searchable
            clearable
            required
          />
          <TextInput label={t("register.summary")} required {...bind("summary")} />
          <Textarea label={t("register.chronology")} required autosize minRows={4} {...bind("chronology")} />
          <DateField
            label={t("register.eventDate")}
            value={values.event_date ?? ""}
            onChange={(e) => set("event_date", e.currentTarget.value)}
            maxDate={todayIn(zone)}
            error={errors.fields.event_date}
            clearable
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t("sahabat.file")}
            </Button>
          </Group>
        </Stack>
      </form>
      <Title order={2} size="h3">
        {t("sahabat.mine")}
      </Title>
      <OwnReports />
    </Stack>
  );
}
