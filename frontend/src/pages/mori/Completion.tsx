// The completion check: the API counts attendance and the logbook from the intern's own
// records; the days before those records began may be stated with a reason. Refused,
// each unmet rule is said in words; issued, the certificate downloads.
import { Alert, Button, Checkbox, Group, List, Paper, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { useLocale, useSay, useT } from "../../i18n/locale";
import { said, type Said } from "../../i18n/said";
import { unmetRules, type Unmet } from "../../lib/mori";
import type { Application, Certificate } from "./data";
import { DownloadButton, useDay } from "./shared";

export function Completion({ application }: { application: Application }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const day = useDay();
  const [stating, setStating] = useState(false);
  const [stated, setStated] = useState({ days_present: "", logbook_approved: "", reason: "" });
  const [busy, setBusy] = useState(false);
  const [unmet, setUnmet] = useState<Unmet[]>([]);
  const say = useSay();
  const [failure, setFailure] = useState<Said | null>(null);
  const [certificate, setCertificate] = useState<Certificate | null>(null);
  const canComplete = application.actions.includes("complete");
  // The value read now: the event is gone by the time React runs an updater.
  const stateField = (field: keyof typeof stated, value: string) => setStated((s) => ({ ...s, [field]: value }));
  const number = (n: number) => n.toLocaleString(locale === "id" ? "id-ID" : "en-GB");

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setUnmet([]);
    setFailure(null);
    const body = stating
      ? { before_records: { days_present: Number(stated.days_present || "0"), logbook_approved: Number(stated.logbook_approved || "0"), reason: stated.reason } }
      : {};
    const { data, error } = await api.POST("/api/v1/internship/applications/{application_id}/completion", {
      params: { path: { application_id: application.id } },
      headers: { "Idempotency-Key": crypto.randomUUID() },
      body,
    });
    setBusy(false);
    if (data) return setCertificate(data);
    const rules = unmetRules(error);
    if (rules.length) return setUnmet(rules);
    const slug = (error as { type?: string } | undefined)?.type?.split("/").pop();
    setFailure(slug === "certificate-already-issued" ? said("mg.done.already") : said("mg.done.failed", { reason: { problem: error, fallback: "form.error" } }));
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="completion-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="completion-title">
          {t("mg.done.title")}
        </Title>
        {!canComplete && <Text>{t("mg.done.notAllowed")}</Text>}
        {canComplete && !certificate && (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack gap="xs">
              <Text size="sm">{t("mg.done.help")}</Text>
              <Checkbox label={t("mg.done.stateBefore")} checked={stating} onChange={(e) => setStating(e.currentTarget.checked)} />
              {stating && (
                <Stack gap="xs" pl="lg">
                  <Group>
                    <TextInput type="number" min={0} label={t("mg.done.statedPresent")} value={stated.days_present} onChange={(e) => stateField("days_present", e.currentTarget.value)} w={240} />
                    <TextInput type="number" min={0} label={t("mg.done.statedLogbook")} value={stated.logbook_approved} onChange={(e) => stateField("logbook_approved", e.currentTarget.value)} w={280} />
                  </Group>
                  <Textarea label={t("mg.done.statedReason")} autosize minRows={2} value={stated.reason} onChange={(e) => stateField("reason", e.currentTarget.value)} />
                </Stack>
              )}
              <Button type="submit" loading={busy} style={{ alignSelf: "flex-start" }} data-testid="complete">
                {t("mg.done.check")}
              </Button>
            </Stack>
          </form>
        )}
        {unmet.length > 0 && (
          <Alert color="orange" role="alert" data-testid="unmet">
            <Text fw={600}>{t("mg.done.unmet")}</Text>
            <List>
              {unmet.map((u, i) => (
                <List.Item key={i} data-rule={u.rule}>
                  {t(`mg.done.rule.${u.rule}`, { ...u.values, ...(u.rule === "period" ? { end: day(u.values.end!), today: day(u.values.today!) } : {}) })}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {failure && (
          <Alert color="red" role="alert">
            {say(failure)}
          </Alert>
        )}
        {certificate && (
          <Alert color="green" role="status" data-testid="certificate">
            <Stack gap="xs">
              <Text fw={600}>{t("mg.done.issued", { code: certificate.verification_code })}</Text>
              <Text size="sm">
                {t("mg.done.recap", {
                  working: certificate.working_days,
                  present: certificate.days_present,
                  attendance: number(certificate.attendance_percent),
                  logbook: certificate.logbook_approved,
                  logbookPercent: number(certificate.logbook_percent),
                  score: certificate.evaluation_score,
                })}
              </Text>
              <DownloadButton path={`/api/v1/internship/certificates/${certificate.id}/certificate.pdf`} accept="application/pdf" fallback="sertifikat-magang.pdf" label="mg.done.download" testId="certificate-pdf" />
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
