// One agreement (MoU or PKS): its parties, term and expiry chip, its MoU or its PKS,
// the signed document to download or upload, and the steps the API offers the reader
// now (`allowed_steps`): activate, record an activity, end early, renew. Every write
// sends the version read (If-Match); a newer one opens the conflict dialog.
import { Alert, Button, FileInput, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { useState } from "react";
import { api } from "../../api/client";
import { fetchFile, save } from "../../api/files";
import { AppLink } from "../../components/AppLink";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Fact, Section } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { formatDate, formatDateTime, todayIn } from "../../lib/dates";
import { offers } from "../../lib/preventionWrite";
import { DEFAULT_ZONE, useOfficeZone } from "../../office";
import { AgreementSteps } from "./AgreementSteps";
import { ExpiryChip } from "./Chips";
import { QueryState, useWords } from "./shared";
import { useAgreement, type AgreementDetail } from "./writeData";

export function AgreementPage(): React.JSX.Element {
  const t = useT();
  const { agreementId } = useParams({ from: "/pencegahan/kerja-sama/$agreementId" });
  const found = useAgreement(agreementId);
  return (
    <Stack>
      <AppLink to="/pencegahan" search={{ bagian: "kerja-sama" }}>
        {t("prev.agw.back")}
      </AppLink>
      {found.data === null && <Alert color="gray">{t("prev.agw.notFound")}</Alert>}
      {found.data === undefined && <QueryState query={found} />}
      {found.data && <AgreementView agreement={found.data} />}
    </Stack>
  );
}

// What a write on this agreement shares: the refresh after it, and the conflict dialog.
export function useAgreementWrite(agreement: AgreementDetail) {
  const queries = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: ["prevention", "agreement", agreement.id] });
    void queries.invalidateQueries({ queryKey: ["prevention", "agreements"] });
  };
  const dialog = (
    <ConflictDialog
      of="record"
      opened={conflict}
      onClose={() => setConflict(false)}
      onReload={() => {
        setConflict(false);
        refresh();
      }}
    />
  );
  // The agreement a write answers is the current one: kept at once, so that the next
  // write sends its version even before the refresh lands (no needless conflict).
  async function kept<R extends { data?: AgreementDetail }>(call: Promise<R>): Promise<R> {
    const result = await call;
    if (result.data) queries.setQueryData(["prevention", "agreement", agreement.id], result.data);
    return result;
  }
  return { refresh, kept, onConflict: () => setConflict(true), dialog, ifMatch: { "If-Match": `"${agreement.version}"` } };
}

function AgreementView({ agreement: a }: { agreement: AgreementDetail }): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  const zone = useOfficeZone();
  return (
    <>
      <Title order={1} size="h2">
        {label("prev.ag.kind", a.kind)}: {a.title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 4 }} component="dl" m={0}>
        <Fact label={t("prev.ag.number")}>{a.number ?? "—"}</Fact>
        <Fact label={t("prev.ag.term")}>
          {formatDate(a.starts_on, DEFAULT_ZONE, intl)} – {formatDate(a.ends_on, DEFAULT_ZONE, intl)}
        </Fact>
        <Fact label={t("prev.ag.expiry")}>
          <span data-testid="agreement-status">
            <ExpiryChip status={a.status} endsOn={a.ends_on} today={todayIn(zone)} />
          </span>
        </Fact>
        <Fact label={t("prev.ag.parties")}>
          <List size="sm">
            {a.parties.map((p) => (
              <List.Item key={`${p.name}-${p.kind}`}>
                {p.name} ({label("prev.party", p.kind ?? "other")})
              </List.Item>
            ))}
          </List>
        </Fact>
      </SimpleGrid>
      <Group>
        {a.renewal > 0 && <Text>{t("prev.agw.renewal", { number: a.renewal })}</Text>}
        {a.parent_id && (
          <AppLink to="/pencegahan/kerja-sama/$agreementId" params={{ agreementId: a.parent_id }}>
            {t("prev.agw.openParent")}
          </AppLink>
        )}
        {a.renewed_by && (
          <AppLink to="/pencegahan/kerja-sama/$agreementId" params={{ agreementId: a.renewed_by }}>
            {t("prev.agw.openRenewal")}
          </AppLink>
        )}
      </Group>
      {a.pks.length > 0 && (
        <Section title={t("prev.agw.pks")} id="agreement-pks">
          <List>
            {a.pks.map((id, n) => (
              <List.Item key={id}>
                <AppLink to="/pencegahan/kerja-sama/$agreementId" params={{ agreementId: id }}>
                  PKS {n + 1}
                </AppLink>
              </List.Item>
            ))}
          </List>
        </Section>
      )}
      <DocumentSection agreement={a} zone={zone} intl={intl} />
      <AgreementSteps agreement={a} />
    </>
  );
}

function DocumentSection({ agreement: a, zone, intl }: { agreement: AgreementDetail; zone: string; intl: string }): React.JSX.Element {
  const t = useT();
  const shared = useAgreementWrite(a);
  const [file, setFile] = useState<File | null>(null);
  const [failed, setFailed] = useState(false);
  const upload = useWrite({ onSaved: () => { setFile(null); shared.refresh(); }, onConflict: shared.onConflict });
  const activate = useWrite({ onSaved: shared.refresh, onConflict: shared.onConflict });

  function send() {
    if (!file) return;
    void upload.send(() =>
      shared.kept(
        api.PUT("/api/v1/prevention/agreements/{agreement_id}/document", {
          params: { path: { agreement_id: a.id }, query: { filename: file.name } },
          body: file as unknown as string, // the bytes as they are, not JSON
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { ...shared.ifMatch, "Content-Type": file.type || "application/pdf" },
        }),
      ),
    );
  }
  async function download() {
    setFailed(false);
    try {
      save(await fetchFile(`/api/v1/prevention/agreements/${a.id}/document`, "*/*", a.document?.filename ?? "dokumen.pdf"));
    } catch {
      setFailed(true);
    }
  }
  // The API's refusal to activate (no signed document, ended, MoU not in force) is about
  // the document and the term: it shows at the document's field.
  const activationProblem = activate.errors.general ?? undefined;
  return (
    <Section title={t("prev.agw.documentTitle")} id="agreement-document">
      {shared.dialog}
      {a.document ? (
        <Group>
          <Text data-testid="agreement-document">{t("prev.agw.documentOf", { name: a.document.filename, date: formatDateTime(a.document.uploaded_at, zone, intl) })}</Text>
          <Button variant="default" size="xs" onClick={() => void download()}>
            {t("prev.agw.download")}
          </Button>
        </Group>
      ) : (
        <Text>{t("prev.agw.documentNone")}</Text>
      )}
      {failed && (
        <Alert color="red" role="alert">
          {t("prev.agw.downloadFailed")}
        </Alert>
      )}
      <Saved when={upload.saved} message={t("prev.agw.uploaded")} />
      <Saved when={activate.saved} message={t("prev.agw.activated")} />
      {offers(a, "document") && (
        <Stack gap="xs" maw={520}>
          <General message={upload.errors.general} />
          <FileInput
            label={t("prev.agw.file")}
            accept="application/pdf"
            value={file}
            onChange={setFile}
            clearable
            error={upload.errors.fields.filename ?? activationProblem}
            data-testid="agreement-file"
          />
          <Group>
            <Button variant="default" onClick={send} disabled={!file} loading={upload.busy}>
              {t("prev.agw.upload")}
            </Button>
            {offers(a, "activate") && (
              <Button onClick={() => void activate.send(() => shared.kept(api.POST("/api/v1/prevention/agreements/{agreement_id}/activation", { params: { path: { agreement_id: a.id } }, headers: shared.ifMatch })))} loading={activate.busy}>
                {t("prev.agw.activate")}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Section>
  );
}
