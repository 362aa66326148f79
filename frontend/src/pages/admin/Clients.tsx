// API clients (other systems that call APIK): registered with an office and roles, the
// secret shown once; switched off (its tokens refused at once) or on; a new secret.
import { Alert, Button, Group, NativeSelect, Stack, Table, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { useSay, useT } from "../../i18n/locale";
import type { Said } from "../../i18n/said";
import { formErrors, isProblem, type FormErrors } from "../../lib/problems";
import { useClients, useOffices, type Client } from "./data";
import { RoleChecks, SecretShown, useRoleWords } from "./Shared";
import { useShownErrors } from "../useFields";

const NO_ERRORS: FormErrors = { fields: {}, general: null };

interface Shown {
  owner: string;
  secret: string;
}

export function ClientsPanel({ national, actorOffice }: { national: boolean; actorOffice: string }): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const clients = useClients();
  const words = useRoleWords();
  const [shown, setShown] = useState<Shown | null>(null);
  const say = useSay();
  const [problem, setProblem] = useState<Said | null>(null); // worded when shown

  function refused(error: unknown) {
    setProblem({ problem: error, fallback: "admin.fix" });
  }

  async function switchClient(client: Client) {
    setProblem(null);
    const { error, response } = await api.PATCH("/api/v1/auth/clients/{client_id}", {
      params: { path: { client_id: client.id } },
      body: { disabled: !client.disabled },
    });
    if (!response.ok) return refused(error);
    await queries.invalidateQueries({ queryKey: ["admin", "clients"] });
  }

  async function rotate(client: Client) {
    setProblem(null);
    const { data, error } = await api.POST("/api/v1/auth/clients/{client_id}/secret", { params: { path: { client_id: client.id } } });
    if (!data) return refused(error);
    setShown({ owner: data.name, secret: data.client_secret });
  }

  return (
    <Stack>
      <CreateClient national={national} actorOffice={actorOffice} onCreated={setShown} />
      <Section title={t("admin.client.list")} id="client-list">
        {problem && <Alert color="red">{say(problem)}</Alert>}
        {clients.isPending && <Alert color="gray">{t("admin.loading")}</Alert>}
        {clients.error && <Alert color="red">{t("admin.failed", { name: clients.error.message })}</Alert>}
        {clients.data && clients.data.length === 0 && <Alert color="gray">{t("admin.empty")}</Alert>}
        {clients.data && clients.data.length > 0 && (
          <Table withTableBorder striped data-testid="client-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("admin.client.name")}</Table.Th>
                <Table.Th scope="col">{t("admin.client.id")}</Table.Th>
                <Table.Th scope="col">{t("admin.office")}</Table.Th>
                <Table.Th scope="col">{t("admin.roles")}</Table.Th>
                <Table.Th scope="col">{t("admin.status")}</Table.Th>
                <Table.Th scope="col">{t("admin.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clients.data.map((c) => (
                <Table.Tr key={c.id} data-client={c.name}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>
                    <code>{c.id}</code>
                  </Table.Td>
                  <Table.Td>{c.office}</Table.Td>
                  <Table.Td>{words(c.roles)}</Table.Td>
                  <Table.Td>{c.disabled ? t("admin.disabled") : t("admin.active")}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button size="compact-sm" variant="default" onClick={() => void switchClient(c)} aria-label={`${t(c.disabled ? "admin.enable" : "admin.disable")}: ${c.name}`}>
                        {t(c.disabled ? "admin.enable" : "admin.disable")}
                      </Button>
                      <Button size="compact-sm" variant="light" onClick={() => void rotate(c)} aria-label={`${t("admin.rotate")}: ${c.name}`}>
                        {t("admin.rotate")}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <SecretShown owner={shown?.owner ?? ""} secret={shown?.secret ?? null} onClose={() => setShown(null)} />
    </Stack>
  );
}

function CreateClient({ national, actorOffice, onCreated }: { national: boolean; actorOffice: string; onCreated: (shown: Shown) => void }) {
  const t = useT();
  const queries = useQueryClient();
  const offices = useOffices();
  const [name, setName] = useState("");
  const [office, setOffice] = useState(actorOffice);
  const [roles, setRoles] = useState<string[]>([]);
  const [kept, setErrors] = useState<FormErrors>(NO_ERRORS);
  const errors = useShownErrors(kept); // reworded after a switch of language
  const [busy, setBusy] = useState(false);
  const choices = national ? (offices.data ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` })) : [{ value: actorOffice, label: actorOffice }];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    // Not idempotent on purpose (the API would have to keep the secret to replay it).
    const { data, error } = await api.POST("/api/v1/auth/clients", { body: { name, office, roles: roles as never[] } });
    setBusy(false);
    if (data) {
      setErrors(NO_ERRORS);
      setName("");
      setRoles([]);
      onCreated({ owner: data.name, secret: data.client_secret });
      await queries.invalidateQueries({ queryKey: ["admin", "clients"] });
      return;
    }
    const found = isProblem(error) ? formErrors(error, t("admin.fix")) : { fields: {}, general: t("admin.fix") };
    setErrors({ ...found, general: found.general ?? t("admin.fix") });
  }

  return (
    <Section title={t("admin.client.create")} id="client-create">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {errors.general && <Alert color="red">{errors.general}</Alert>}
          <Group grow align="flex-start">
            <TextInput label={t("admin.client.name")} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.fields.name} required />
            <NativeSelect label={t("admin.office")} value={office} onChange={(e) => setOffice(e.currentTarget.value)} data={choices} error={errors.fields.office} />
          </Group>
          <RoleChecks legend={t("admin.roles")} value={roles} onChange={setRoles} />
          {errors.fields.roles && <Alert color="red">{errors.fields.roles}</Alert>}
          <Group>
            <Button type="submit" loading={busy}>
              {t("admin.client.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
