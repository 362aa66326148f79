// The head's register of where the protection officers and the head are alerted off the
// app (work email, WhatsApp/SMS), shown masked as the API returns it; and the alerts the
// gateways refused for good, so that the head mends the contact.
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { useLocale, useSay, useT } from "../../i18n/locale";
import { said, type Said } from "../../i18n/said";
import { catalogue } from "../../i18n/messages";
import { formatDateTime } from "../../lib/dates";
import { formErrors, isProblem, type FormErrors } from "../../lib/problems";
import { useCapabilities } from "../../capabilities";
import { useOfficeZone } from "../../office";
import { rbLabel } from "./data";
import { useShownErrors } from "../useFields";
import { ROWS } from "../../api/stale";

type ContactRole = components["schemas"]["ContactRole"];
// The API's roles of a contact, in its order (`ContactRole`).
const CONTACT_ROLES: ContactRole[] = ["protection_officer", "head"];
const NO_ERRORS: FormErrors = { fields: {}, general: null };

export function AlertContactsPage(): React.JSX.Element {
  const t = useT();
  const { ready, may } = useCapabilities();
  if (ready && !may("redbutton.contacts")) return <Alert color="gray">{t("rb.contacts.notForRole")}</Alert>;
  return <Contacts />;
}

function useContacts() {
  return useQuery({
    queryKey: ["red-button-contacts"],
    meta: ROWS,
    queryFn: async () => {
      const { data } = await api.GET("/api/v1/internship/red-button/contacts");
      if (!data) throw new Error("contacts");
      return data;
    },
  });
}

function useFailedDeliveries() {
  return useQuery({
    queryKey: ["red-button-deliveries", "failed"],
    queryFn: async () => {
      const { data } = await api.GET("/api/v1/internship/red-button/deliveries", {
        params: { query: { status: "failed", limit: 50 } },
      });
      if (!data) throw new Error("deliveries");
      return data;
    },
    refetchInterval: 30_000,
  });
}

function Contacts(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const labels: Record<string, string> = catalogue(locale);
  const contacts = useContacts();
  const queries = useQueryClient();
  const say = useSay();
  const [notice, setNotice] = useState<Said | null>(null); // worded when shown
  const when = (iso: string) => formatDateTime(iso, zone, locale === "id" ? "id-ID" : "en-GB");

  async function remove(username: string) {
    const { response } = await api.DELETE("/api/v1/internship/red-button/contacts/{username}", {
      params: { path: { username } },
    });
    setNotice(response.ok ? said("rb.contacts.removed", { username }) : said("rb.contacts.failed"));
    await queries.invalidateQueries({ queryKey: ["red-button-contacts"] });
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t("rb.contacts.title")}
      </Title>
      <Text>{t("rb.contacts.intro")}</Text>
      {notice && <Alert role="status">{say(notice)}</Alert>}
      {contacts.error && <Alert color="red">{String(contacts.error.message)}</Alert>}
      {contacts.data && contacts.data.length === 0 && <Alert color="gray">{t("rb.contacts.empty")}</Alert>}
      {contacts.data && contacts.data.length > 0 && (
        <Table withTableBorder striped data-testid="rb-contacts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("rb.contacts.username")}</Table.Th>
              <Table.Th scope="col">{t("rb.contacts.role")}</Table.Th>
              <Table.Th scope="col">{t("rb.contacts.email")}</Table.Th>
              <Table.Th scope="col">{t("rb.contacts.phone")}</Table.Th>
              <Table.Th scope="col">{t("rb.contacts.setBy")}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t("rb.alerts.actions")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contacts.data.map((c) => (
              <Table.Tr key={c.username}>
                <Table.Th scope="row">{c.username}</Table.Th>
                <Table.Td>{rbLabel(labels, "contacts.role", c.role)}</Table.Td>
                <Table.Td>{c.email ?? "—"}</Table.Td>
                <Table.Td>{c.phone ?? "—"}</Table.Td>
                <Table.Td>
                  {c.set_by}, {when(c.set_at)}
                </Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="default" onClick={() => void remove(c.username)}>
                    {t("rb.contacts.remove", { username: c.username })}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ContactForm onSaved={(username) => setNotice(said("rb.contacts.saved", { username }))} />
      <FailedDeliveries when={when} labels={labels} />
    </Stack>
  );
}

function ContactForm({ onSaved }: { onSaved: (username: string) => void }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels: Record<string, string> = catalogue(locale);
  const queries = useQueryClient();
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<ContactRole>("protection_officer");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [kept, setErrors] = useState<FormErrors>(NO_ERRORS);
  const errors = useShownErrors(kept); // reworded after a switch of language
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const { error, response } = await api.PUT("/api/v1/internship/red-button/contacts/{username}", {
      params: { path: { username: username.trim() } },
      body: { role, email: email.trim() || null, phone: phone.trim() || null },
    });
    setBusy(false);
    if (response.ok) {
      setErrors(NO_ERRORS);
      onSaved(username.trim());
      setUsername("");
      setEmail("");
      setPhone("");
      await queries.invalidateQueries({ queryKey: ["red-button-contacts"] });
      return;
    }
    setErrors(isProblem(error) ? formErrors(error, t("rb.contacts.failed")) : { fields: {}, general: t("rb.contacts.failed") });
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="rb-contact-form" data-testid="rb-contact-form">
      <Stack gap="sm" maw={520}>
        <Title order={2} size="h3" id="rb-contact-form">
          {t("rb.contacts.form")}
        </Title>
        {errors.general && (
          <Alert color="red" role="alert">
            {errors.general}
          </Alert>
        )}
        <TextInput label={t("rb.contacts.username")} required value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
        <Select
          label={t("rb.contacts.role")}
          data={CONTACT_ROLES.map((r) => ({ value: r, label: rbLabel(labels, "contacts.role", r) }))}
          value={role}
          onChange={(v) => v && setRole(v as ContactRole)}
          allowDeselect={false}
          error={errors.fields.role}
        />
        <TextInput label={t("rb.contacts.email")} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.fields.email} />
        <TextInput label={t("rb.contacts.phone")} type="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={errors.fields.phone} />
        <Group>
          <Button type="submit" loading={busy}>
            {t("rb.contacts.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FailedDeliveries({ when, labels }: { when: (iso: string) => string; labels: Record<string, string> }): React.JSX.Element {
  const t = useT();
  const failed = useFailedDeliveries();
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t("rb.deliveries.title")}
      </Title>
      {failed.data && failed.data.length === 0 && <Text>{t("rb.deliveries.none")}</Text>}
      {failed.data && failed.data.length > 0 && (
        <Table withTableBorder data-testid="rb-deliveries-failed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("rb.deliveries.at")}</Table.Th>
              <Table.Th scope="col">{t("rb.contacts.username")}</Table.Th>
              <Table.Th scope="col">{t("rb.deliveries.channel")}</Table.Th>
              <Table.Th scope="col">{t("rb.deliveries.reason")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {failed.data.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{when(d.created_at)}</Table.Td>
                <Table.Td>{d.username}</Table.Td>
                <Table.Td>{rbLabel(labels, "deliveries.channel", d.channel)}</Table.Td>
                <Table.Td>{d.last_error ?? "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
