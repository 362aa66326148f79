// One application: the applicant as the reader may see them, the institution's letter,
// and the decisions the API offers this reader (`actions`): accept into a unit with a
// free place over the whole period, or decline with a reason the applicant reads; once
// accepted, the acceptance letter and the intern's account.
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Fact } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue } from "../../i18n/messages";
import { formatDateTime } from "../../lib/dates";
import { useOfficeZone } from "../../office";
import { errorAt } from "../case/write";
import { useApplication, type Application } from "./data";
import { Interview } from "./Interview";
import { DownloadButton, StatusChip, usePeriod, useUnitName } from "./shared";

const BASE = "/api/v1/internship/applications";

export function ApplicationView({ id }: { id: string }): React.JSX.Element {
  const t = useT();
  const navigate = useNavigate({ from: "/mori" });
  const application = useApplication(id);
  // Kept here: the decision's form is made again for each new version it reads.
  const [done, setDone] = useState<"accepted" | "declined" | null>(null);
  const back = (
    <Button variant="subtle" onClick={() => void navigate({ search: (s) => ({ ...s, lamaran: undefined }) })} style={{ alignSelf: "flex-start" }}>
      ← {t("mg.app.back")}
    </Button>
  );
  if (application.isLoading) return <Text>{t("mg.loading")}</Text>;
  if (!application.data)
    return (
      <Stack>
        {back}
        <Alert color="gray">{application.isError ? t("mg.loadFailed") : t("mg.app.notFound")}</Alert>
      </Stack>
    );
  return (
    <Stack>
      {back}
      {done && <Saved when message={t(done === "accepted" ? "mg.app.accepted" : "mg.app.declined")} />}
      <Details application={application.data} />
      {application.data.actions.includes("interview") && <Interview application={application.data} />}
      <Decide key={application.data.version} application={application.data} reload={() => void application.refetch()} onDecided={setDone} />
    </Stack>
  );
}

function Details({ application: a }: { application: Application }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels: Record<string, string> = catalogue(locale);
  const zone = useOfficeZone();
  const unitName = useUnitName();
  const period = usePeriod();
  const intl = locale === "id" ? "id-ID" : "en-GB";
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="application-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="application-title">
            {t("mg.app.title", { name: a.applicant.name ?? "—" })}
          </Title>
          <StatusChip status={a.status} />
        </Group>
        {a.applicant.disclosure !== "full" && <Alert color="gray">{t("mg.app.masked")}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl">
          <Fact label={t("mg.app.email")}>{a.applicant.email ?? "—"}</Fact>
          <Fact label={t("mg.app.phone")}>{a.applicant.phone ?? "—"}</Fact>
          <Fact label={t("mg.app.study")}>{a.applicant.study ?? "—"}</Fact>
          <Fact label={t("mg.apps.institution")}>{a.institution}</Fact>
          <Fact label={t("mg.app.kind")}>{labels[`mori.kind.${a.institution_kind}`] ?? a.institution_kind}</Fact>
          <Fact label={t("mg.app.programme")}>{a.programme}</Fact>
          <Fact label={t("mg.apps.period")}>{period(a.period_start, a.period_end)}</Fact>
          <Fact label={t("mg.apps.units")}>{a.units.map(unitName).join(", ")}</Fact>
          <Fact label={t("mg.app.submittedAt")}>{formatDateTime(a.submitted_at, zone, intl)}</Fact>
          {a.unit && <Fact label={t("mg.app.unit")}>{unitName(a.unit)}</Fact>}
          {a.reason && <Fact label={t("mg.app.reason")}>{a.reason}</Fact>}
          {a.decided_by && <Fact label={t("mg.app.decidedBy")}>{`${a.decided_by}, ${a.decided_at ? formatDateTime(a.decided_at, zone, intl) : ""}`}</Fact>}
        </SimpleGrid>
        <Group>
          {a.actions.includes("read_letter") && <DownloadButton path={`${BASE}/${a.id}/letter`} accept="*/*" fallback="surat-pengantar" label="mg.app.letter" testId="institution-letter" />}
          {a.actions.includes("print_acceptance_letter") && (
            <DownloadButton path={`${BASE}/${a.id}/acceptance-letter.pdf`} accept="application/pdf" fallback="surat-penerimaan.pdf" label="mg.app.acceptanceLetter" testId="acceptance-letter" />
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function Decide({ application: a, reload, onDecided }: { application: Application; reload: () => void; onDecided: (done: "accepted" | "declined") => void }): React.JSX.Element | null {
  const t = useT();
  const unitName = useUnitName();
  const queries = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const events = {
    onSaved: () => void queries.invalidateQueries({ queryKey: ["mori"] }),
    onConflict: () => setConflict(true),
  };
  const accept = useWrite(events, { unit: a.units[0] ?? "" });
  const decline = useWrite(events);
  const canDecide = a.actions.includes("accept") || a.actions.includes("decline");
  const ifMatch = { "If-Match": `"${a.version}"` };

  function onAccept(event: FormEvent) {
    event.preventDefault();
    void accept.send(
      () => api.POST("/api/v1/internship/applications/{application_id}/acceptance", { params: { path: { application_id: a.id } }, headers: ifMatch, body: { unit: accept.values.unit ?? "" } }),
      () => onDecided("accepted"),
    );
  }
  function onDecline(event: FormEvent) {
    event.preventDefault();
    void decline.send(
      () => api.POST("/api/v1/internship/applications/{application_id}/decline", { params: { path: { application_id: a.id } }, headers: ifMatch, body: { reason: decline.values.reason ?? "" } }),
      () => onDecided("declined"),
    );
  }

  return (
    <>
      <ConflictDialog opened={conflict} of="record" onClose={() => setConflict(false)} onReload={() => { setConflict(false); reload(); }} />
      {canDecide && (
        <Paper withBorder p="md" component="section" aria-labelledby="decide-title">
          <Stack>
            <Title order={2} size="h3" id="decide-title">
              {t("mg.app.review")}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {a.actions.includes("accept") && (
                <form onSubmit={onAccept} noValidate>
                  <Stack>
                    <General message={accept.errors.general} />
                    <Select
                      label={t("mg.app.acceptUnit")}
                      data={a.units.map((u) => ({ value: u, label: unitName(u) }))}
                      value={accept.values.unit ?? ""}
                      onChange={(v) => accept.set("unit", v ?? "")}
                      error={errorAt(accept.errors, "unit")}
                      allowDeselect={false}
                      required
                    />
                    <Button type="submit" loading={accept.busy} style={{ alignSelf: "flex-start" }} data-testid="accept">
                      {t("mg.app.accept")}
                    </Button>
                  </Stack>
                </form>
              )}
              {a.actions.includes("decline") && (
                <form onSubmit={onDecline} noValidate>
                  <Stack>
                    <General message={decline.errors.general} />
                    <Textarea label={t("mg.app.declineReason")} required autosize minRows={2} {...decline.bind("reason")} error={errorAt(decline.errors, "reason")} />
                    <Button type="submit" color="red" variant="outline" loading={decline.busy} style={{ alignSelf: "flex-start" }}>
                      {t("mg.app.decline")}
                    </Button>
                  </Stack>
                </form>
              )}
            </SimpleGrid>
          </Stack>
        </Paper>
      )}
      {a.actions.includes("link_account") && <LinkAccount application={a} />}
    </>
  );
}

function LinkAccount({ application: a }: { application: Application }): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const w = useWrite({ onSaved: () => void queries.invalidateQueries({ queryKey: ["mori"] }), onConflict: () => undefined });
  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(() =>
      api.PUT("/api/v1/internship/applications/{application_id}/intern-account", {
        params: { path: { application_id: a.id } },
        headers: { "If-Match": `"${a.version}"` },
        body: { username: (w.values.username ?? "").trim() },
      }),
    );
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="account-title">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="account-title">
            {t("mg.app.account")}
          </Title>
          <Saved when={w.saved} message={t("mg.app.accountLinked")} />
          <General message={w.errors.general} />
          <Group align="flex-end">
            <TextInput label={t("mg.app.accountUser")} {...w.bind("username")} error={errorAt(w.errors, "username")} w={280} />
            <Button type="submit" variant="default" loading={w.busy}>
              {t("mg.app.accountLink")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
