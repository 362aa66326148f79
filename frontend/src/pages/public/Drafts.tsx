// Save and resume: the answers go to the server sealed, and the citizen gets a code and
// a PIN, shown here once; the browser keeps nothing (a shared or lost phone gives
// nothing away). Resuming asks for the two; the form then carries them, so sending the
// report deletes the draft with it.
import { Alert, Button, Code, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { useLocale, useT } from "../../i18n/locale";
import type { MessageId } from "../../i18n/messages";
import { formatDateTime } from "../../lib/dates";
import { draftAnswers } from "../../lib/publicForm";
import { DEFAULT_ZONE } from "../../office";

export interface DraftKey {
  code: string;
  pin: string;
}

export interface Resumed {
  key: DraftKey;
  office: string;
  answers: Record<string, string>;
}

interface SaveProps {
  office: string;
  values: Record<string, string>;
  draft: DraftKey | null;
  onSaved: (key: DraftKey) => void;
  hasFiles: boolean;
}

export function SaveDraft({ office, values, draft, onSaved, hasFiles }: SaveProps): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ key: DraftKey; until: string; again: boolean } | null>(null);
  const [failed, setFailed] = useState(false);

  async function save() {
    setBusy(true);
    setFailed(false);
    const body = { office, answers: draftAnswers(values) };
    let result: { key: DraftKey; until: string; again: boolean } | null = null;
    if (draft) {
      const { data } = await api.PUT("/api/v1/intake/public/drafts/{code}", {
        params: { path: { code: draft.code }, header: { "x-draft-pin": draft.pin } },
        body,
      });
      if (data) result = { key: draft, until: data.expires_at, again: true };
    } else {
      const { data } = await api.POST("/api/v1/intake/public/drafts", { body });
      if (data) result = { key: { code: data.resume_code, pin: data.pin }, until: data.expires_at, again: false };
    }
    setBusy(false);
    if (!result) {
      setFailed(true);
      return;
    }
    setSaved(result);
    onSaved(result.key);
  }

  const until = saved ? formatDateTime(saved.until, DEFAULT_ZONE, locale === "id" ? "id-ID" : "en-GB") : "";
  return (
    <Stack gap="sm">
      <Group>
        <Button variant="default" onClick={() => void save()} loading={busy}>
          {t("pf.save")}
        </Button>
      </Group>
      {failed && (
        <Alert color="red" role="alert">
          {t("pf.saveFailed")}
        </Alert>
      )}
      {saved && (
        <Paper withBorder p="md" role="status">
          <Stack gap="xs">
            <Text fw={600}>{t(saved.again ? "pf.savedAgain" : "pf.saved", { date: until })}</Text>
            <Text>{t("pf.code")}</Text>
            <Code fz="xl" data-testid="resume-code">
              {saved.key.code}
            </Code>
            <Text>{t("pf.pin")}</Text>
            <Code fz="xl" data-testid="resume-pin">
              {saved.key.pin}
            </Code>
            <Text size="sm">{t("pf.keepCode")}</Text>
            {hasFiles && <Text size="sm">{t("pf.filesNotSaved")}</Text>}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

interface ResumeProps {
  onResumed: (resumed: Resumed) => void;
  onCancel: () => void;
}

export function ResumeForm({ onResumed, onCancel }: ResumeProps): React.JSX.Element {
  const t = useT();
  const [code, setCode] = useState("");
  const [pin, setPin] = useState("");
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<MessageId | null>(null); // worded when shown

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const key = { code: code.trim(), pin: pin.trim() };
    const { data, response } = await api.GET("/api/v1/intake/public/drafts/{code}", {
      params: { path: { code: key.code }, header: { "x-draft-pin": key.pin } },
    });
    setBusy(false);
    if (data) {
      onResumed({ key, office: data.office, answers: data.answers });
      return;
    }
    setFailed(response.status === 429 ? "pf.resumeTooMany" : "pf.resumeNotFound");
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={1} size="h2">
          {t("pf.resumeTitle")}
        </Title>
        <Text>{t("pf.resumeIntro")}</Text>
        {failed && (
          <Alert color="red" role="alert">
            {t(failed)}
          </Alert>
        )}
        <TextInput label={t("pf.code")} required autoComplete="off" autoCapitalize="characters" value={code} onChange={(e) => setCode(e.currentTarget.value)} />
        <PasswordInput label={t("pf.pin")} required autoComplete="off" value={pin} onChange={(e) => setPin(e.currentTarget.value)} />
        <Group>
          <Button type="submit" loading={busy}>
            {t("pf.resume")}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t("pf.resumeCancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
