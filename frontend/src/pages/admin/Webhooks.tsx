// The office's webhook subscriptions (integration service, the head's to manage): the
// list, a new one (its signing secret shown once), switched off or on, a new secret:
// the buttons are the actions the API allows on each (`allowed_actions`).
// The writes on one send its version (If-Match).
import { Alert, Button, Group, Stack, Table, Textarea, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { useLocale, useSay, useT } from "../../i18n/locale";
import type { Said } from "../../i18n/said";
import { codeLabel, catalogue } from "../../i18n/messages";
import { eventTypes } from "../../lib/admin";
import { formErrors, isProblem, type FormErrors } from "../../lib/problems";
import { Refused, useSubscriptions, type Subscription } from "./data";
import { SecretShown } from "./Shared";
import { useShownErrors } from "../useFields";

const NO_ERRORS: FormErrors = { fields: {}, general: null };
// The switches the API may allow on a subscription (`allowed_actions`), as buttons.
const SWITCHES = ["disable", "enable"] as const;

interface Shown {
  owner: string;
  secret: string;
}

export function WebhooksPanel(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const queries = useQueryClient();
  const subscriptions = useSubscriptions();
  const [shown, setShown] = useState<Shown | null>(null);
  const say = useSay();
  const [problem, setProblem] = useState<Said | null>(null); // worded when shown
  if (subscriptions.error instanceof Refused) return <Alert color="gray">{t("admin.webhook.headOnly")}</Alert>;

  function refused(error: unknown) {
    setProblem({ problem: error, fallback: "admin.fix" });
  }

  async function switchOne(s: Subscription, to: "enable" | "disable") {
    setProblem(null);
    const path = to === "enable" ? "/api/v1/integration/webhooks/subscriptions/{subscription_id}/enable" : "/api/v1/integration/webhooks/subscriptions/{subscription_id}/disable";
    const { error, response } = await api.POST(path, { params: { path: { subscription_id: s.id } }, headers: { "If-Match": `"${s.version}"` } });
    if (!response.ok) return refused(error);
    await queries.invalidateQueries({ queryKey: ["admin", "webhooks"] });
  }

  async function rotate(s: Subscription) {
    setProblem(null);
    const { data, error } = await api.POST("/api/v1/integration/webhooks/subscriptions/{subscription_id}/rotate-secret", {
      params: { path: { subscription_id: s.id } },
      headers: { "If-Match": `"${s.version}"` },
    });
    if (!data) return refused(error);
    setShown({ owner: data.client, secret: data.secret });
    await queries.invalidateQueries({ queryKey: ["admin", "webhooks"] });
  }

  return (
    <Stack>
      <CreateSubscription onCreated={setShown} />
      <Section title={t("admin.webhook.list")} id="webhook-list">
        {problem && <Alert color="red">{say(problem)}</Alert>}
        {subscriptions.isPending && <Alert color="gray">{t("admin.loading")}</Alert>}
        {subscriptions.error && <Alert color="red">{t("admin.failed", { name: subscriptions.error.message })}</Alert>}
        {subscriptions.data && subscriptions.data.length === 0 && <Alert color="gray">{t("admin.empty")}</Alert>}
        {subscriptions.data && subscriptions.data.length > 0 && (
          <Table withTableBorder striped data-testid="webhook-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("admin.webhook.client")}</Table.Th>
                <Table.Th scope="col">{t("admin.webhook.url")}</Table.Th>
                <Table.Th scope="col">{t("admin.webhook.events")}</Table.Th>
                <Table.Th scope="col">{t("admin.status")}</Table.Th>
                <Table.Th scope="col">{t("admin.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {subscriptions.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.client}</Table.Td>
                  <Table.Td style={{ wordBreak: "break-all" }}>{s.url}</Table.Td>
                  <Table.Td>{s.event_types.join(", ")}</Table.Td>
                  <Table.Td>
                    {codeLabel(catalogue(locale), "webhookStatus", s.status)}
                    {s.disabled_reason ? ` (${s.disabled_reason})` : ""}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {SWITCHES.filter((to) => s.allowed_actions.includes(to)).map((to) => (
                        <Button key={to} size="compact-sm" variant="default" onClick={() => void switchOne(s, to)} aria-label={`${t(`admin.${to}`)}: ${s.client}`}>
                          {t(`admin.${to}`)}
                        </Button>
                      ))}
                      {s.allowed_actions.includes("rotate_secret") && (
                        <Button size="compact-sm" variant="light" onClick={() => void rotate(s)} aria-label={`${t("admin.rotate")}: ${s.client}`}>
                          {t("admin.rotate")}
                        </Button>
                      )}
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

function CreateSubscription({ onCreated }: { onCreated: (shown: Shown) => void }) {
  const t = useT();
  const queries = useQueryClient();
  const [client, setClient] = useState("");
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState("");
  const [kept, setErrors] = useState<FormErrors>(NO_ERRORS);
  const errors = useShownErrors(kept); // reworded after a switch of language
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const { data, error } = await api.POST("/api/v1/integration/webhooks/subscriptions", {
      body: { client, url, event_types: eventTypes(events) },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    setBusy(false);
    if (data) {
      setErrors(NO_ERRORS);
      setClient("");
      setUrl("");
      setEvents("");
      onCreated({ owner: data.client, secret: data.secret });
      await queries.invalidateQueries({ queryKey: ["admin", "webhooks"] });
      return;
    }
    const found = isProblem(error) ? formErrors(error, t("admin.fix")) : { fields: {}, general: t("admin.fix") };
    setErrors({ ...found, general: found.general ?? t("admin.fix") });
  }

  return (
    <Section title={t("admin.webhook.create")} id="webhook-create">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {errors.general && <Alert color="red">{errors.general}</Alert>}
          <Group grow align="flex-start">
            <TextInput label={t("admin.webhook.client")} value={client} onChange={(e) => setClient(e.currentTarget.value)} error={errors.fields.client} required />
            <TextInput label={t("admin.webhook.url")} value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={errors.fields.url} required type="url" />
          </Group>
          <Textarea
            label={t("admin.webhook.events")}
            description={t("admin.webhook.eventsHelp")}
            value={events}
            onChange={(e) => setEvents(e.currentTarget.value)}
            error={errors.fields.event_types ?? errors.fields["event_types.0"]}
            autosize
            minRows={2}
            required
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t("admin.webhook.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
