// Offices: every office with its zone, and a new one opened (a national admin's task:
// the API refuses the others, and the form says so beforehand).
import { Alert, Button, Group, NativeSelect, Stack, Table, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { ZONES } from "../../lib/admin";
import { formErrors, isProblem, type FormErrors } from "../../lib/problems";
import { useOffices, type Office } from "./data";
import { EditOffice } from "./OfficeEdit";
import { useShownErrors } from "../useFields";

const NO_ERRORS: FormErrors = { fields: {}, general: null };

export function OfficesPanel({ national }: { national: boolean }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const offices = useOffices();
  const [editing, setEditing] = useState<Office | null>(null);
  // The office as last read: after a save the list is read again, and the next save
  // sends the new version.
  const current = (editing && offices.data?.find((o) => o.code === editing.code)) ?? editing;
  return (
    <Stack>
      {!national ? (
        <Alert color="gray">{t("admin.office.nationalOnly")}</Alert>
      ) : current ? (
        <EditOffice key={current.code} office={current} onDone={() => setEditing(null)} />
      ) : (
        <CreateOffice />
      )}
      <Section title={t("admin.office.list")} id="office-list">
        {offices.isPending && <Alert color="gray">{t("admin.loading")}</Alert>}
        {offices.error && <Alert color="red">{t("admin.failed", { name: offices.error.message })}</Alert>}
        {offices.data && (
          <Table withTableBorder striped data-testid="office-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("admin.office.code")}</Table.Th>
                <Table.Th scope="col">{t("admin.office.name")}</Table.Th>
                <Table.Th scope="col">{t("admin.office.zone")}</Table.Th>
                {national && (
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t("roster.actions")}</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {offices.data.map((o) => (
                <Table.Tr key={o.code} data-office={o.code}>
                  <Table.Td>{o.code}</Table.Td>
                  <Table.Td>{o.name}</Table.Td>
                  <Table.Td>{codeLabel(catalogue(locale), "zone", o.timezone)}</Table.Td>
                  {national && (
                    <Table.Td>
                      <Button size="xs" variant="light" onClick={() => setEditing(o)} aria-label={t("roster.editOne", { name: o.code })}>
                        {t("roster.edit")}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Stack>
  );
}

function CreateOffice(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const queries = useQueryClient();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [zone, setZone] = useState<(typeof ZONES)[number]>("Asia/Jakarta");
  const [kept, setErrors] = useState<FormErrors>(NO_ERRORS);
  const errors = useShownErrors(kept); // reworded after a switch of language
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setBusy(true);
    const { error, response } = await api.POST("/api/v1/auth/offices", {
      body: { code: code.trim().toUpperCase(), name, timezone: zone, observes_cuti_bersama: true },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    setBusy(false);
    if (response.ok) {
      setErrors(NO_ERRORS);
      setDone(name);
      setCode("");
      setName("");
      await queries.invalidateQueries({ queryKey: ["admin", "offices"] });
      return;
    }
    const found = isProblem(error) ? formErrors(error, t("admin.fix")) : { fields: {}, general: t("admin.fix") };
    setErrors({ ...found, general: found.general ?? t("admin.fix") });
  }

  return (
    <Section title={t("admin.office.create")} id="office-create">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {errors.general && <Alert color="red">{errors.general}</Alert>}
          {done && <Alert color="green" role="status">{t("admin.office.created", { name: done })}</Alert>}
          <Group grow align="flex-start">
            <TextInput label={t("admin.office.code")} value={code} onChange={(e) => setCode(e.currentTarget.value)} error={errors.fields.code} required />
            <TextInput label={t("admin.office.name")} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.fields.name} required />
            <NativeSelect
              label={t("admin.office.zone")}
              value={zone}
              onChange={(e) => setZone(e.currentTarget.value as (typeof ZONES)[number])}
              data={ZONES.map((z) => ({ value: z, label: codeLabel(catalogue(locale), "zone", z) }))}
              error={errors.fields.timezone}
            />
          </Group>
          <Group>
            <Button type="submit" loading={busy}>
              {t("admin.office.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
