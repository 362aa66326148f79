// The intern's side of the two-way messages: the receipt code is typed here and sent in
// the body (never in the address), the thread read and a message sent.
import { Alert, Button, Paper, PasswordInput, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { useLocale, useT } from "../../i18n/locale";
import { relocalize } from "../../i18n/relocalize";
import { formatDateTime } from "../../lib/dates";
import { DEFAULT_ZONE } from "../../office";
import { normaliseReceipt } from "./logic";
import { QuickExit } from "./QuickExit";

type Message = components["schemas"]["InternMessage"];

export function RedButtonMessagesPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const [typed, setTyped] = useState("");
  const [receipt, setReceipt] = useState<string | null>(null);
  const [thread, setThread] = useState<Message[] | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const when = (iso: string) => formatDateTime(iso, DEFAULT_ZONE, locale === "id" ? "id-ID" : "en-GB");

  async function load(code: string): Promise<boolean> {
    const { data } = await api.POST("/api/v1/internship/public/red-button/thread", { body: { receipt_code: code } });
    if (!data) return false;
    setThread(data);
    return true;
  }

  async function open(event: FormEvent) {
    event.preventDefault();
    const code = normaliseReceipt(typed);
    if (code === null) {
      setCodeError(t("rb.messages.codeInvalid"));
      return;
    }
    setBusy(true);
    const found = await load(code);
    setBusy(false);
    setCodeError(found ? null : t("rb.messages.notFound"));
    if (found) {
      setReceipt(code);
      setTyped("");
    }
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    if (receipt === null || text.trim() === "") return;
    setBusy(true);
    const { data } = await api.POST("/api/v1/internship/public/red-button/messages", {
      body: { receipt_code: receipt, text },
    });
    setBusy(false);
    if (data) {
      setText("");
      setNotice(t("rb.messages.sent"));
      await load(receipt);
    }
  }

  return (
    <Stack>
      <QuickExit />
      <Title order={1} size="h2">
        {t("rb.messages.title")}
      </Title>
      {receipt === null ? (
        <Paper withBorder p="lg">
          <form onSubmit={(e) => void open(e)} noValidate>
            <Stack>
              <Text>{t("rb.messages.intro")}</Text>
              <PasswordInput
                label={t("rb.messages.code")}
                required
                inputMode="numeric"
                autoComplete="off"
                value={typed}
                onChange={(e) => setTyped(e.currentTarget.value)}
                error={codeError === null ? undefined : relocalize(codeError, locale)}
              />
              <Button type="submit" loading={busy} style={{ alignSelf: "flex-start" }}>
                {t("rb.messages.open")}
              </Button>
            </Stack>
          </form>
        </Paper>
      ) : (
        <>
          {thread && thread.length === 0 ? (
            <Text>{t("rb.messages.empty")}</Text>
          ) : (
            <Table withTableBorder striped data-testid="rb-thread">
              <Table.Tbody>
                {(thread ?? []).map((m, i) => (
                  <Table.Tr key={`${m.sent_at}-${i}`}>
                    <Table.Th scope="row" style={{ whiteSpace: "nowrap" }}>
                      {t(m.author === "officer" ? "rb.messages.from.officer" : "rb.messages.from.intern")}
                      <Text size="xs" c="dimmed">
                        {when(m.sent_at)}
                      </Text>
                    </Table.Th>
                    <Table.Td style={{ whiteSpace: "pre-wrap" }}>{m.text}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Paper withBorder p="lg">
            <form onSubmit={(e) => void send(e)} noValidate>
              <Stack>
                <Textarea label={t("rb.messages.text")} required autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} />
                <Button type="submit" loading={busy} style={{ alignSelf: "flex-start" }}>
                  {t("rb.messages.send")}
                </Button>
              </Stack>
            </form>
          </Paper>
          {notice && <Alert role="status">{relocalize(notice, locale)}</Alert>}
        </>
      )}
    </Stack>
  );
}
