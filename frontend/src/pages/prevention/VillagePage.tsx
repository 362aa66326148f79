// One anti-maladministration village: each stage it reached with who and when, the
// steps the API allows now (the decision with its letter's number, the head's), the
// village instrument opened in the assessment engine (its entry screen a link away),
// and the decision letter (PDF) once decided.
import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { useState } from "react";
import { api } from "../../api/client";
import { fetchFile, save } from "../../api/files";
import { AppLink } from "../../components/AppLink";
import { Fact, Section } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { formatDate, formatDateTime } from "../../lib/dates";
import { decimal } from "../../lib/prevention";
import { allows } from "../../lib/preventionWrite";
import { isBackward, stageTrail, VILLAGE_ORDER } from "../../lib/publications";
import { DEFAULT_ZONE, useOfficeZone } from "../../office";
import { errorAt } from "../case/write";
import { HistoryTable } from "./HistoryTable";
import { useVillage, useVillageSchemes, type Stage, type Village } from "./publicationData";
import { QueryState, useWords } from "./shared";
import { VillageStageChip } from "./StageChips";
import { StepsForm } from "./StepsForm";

export function VillagePage(): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  const queries = useQueryClient();
  const { villageId } = useParams({ from: "/pencegahan/desa/$villageId" });
  const query = useVillage(villageId);
  const back = (
    <AppLink to="/pencegahan" search={{ bagian: "desa" }}>
      {t("prev.vil.back")}
    </AppLink>
  );
  if (query.data === null) return <Stack>{back}<Alert color="gray">{t("prev.vil.notFound")}</Alert></Stack>;
  if (!query.data) return <Stack>{back}<QueryState query={query} /></Stack>;
  const { village: v, etag } = query.data;
  const reload = () => void queries.invalidateQueries({ queryKey: ["prevention", "village", v.id] });
  const steps = v.allowed_steps.map((to) => {
    const backward = isBackward(v.stage, to, VILLAGE_ORDER);
    // Returning and leaving the programme are offered as the quieter buttons.
    return { to, backward: backward || to === "not_selected", label: label(backward ? "prev.vil.back" : "prev.vil.to", to) };
  });
  return (
    <Stack>
      {back}
      <Title order={1} size="h2">
        {v.name}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0}>
        <Fact label={t("prev.vil.stage")}>
          <VillageStageChip stage={v.stage} />
        </Fact>
        <Fact label={t("prev.vil.district")}>{v.district}</Fact>
        <Fact label={t("prev.vil.regency")}>{`${v.regency}, ${v.region}`}</Fact>
        <Fact label={t("prev.vil.year")}>{v.year}</Fact>
        <Fact label={t("prev.vil.nominator")}>{v.nominated_by ?? "—"}</Fact>
        <Fact label={t("prev.vil.verified")}>{v.verified_total === null ? "—" : `${decimal(v.verified_total, intl)} (${v.verified_label ?? "—"})`}</Fact>
      </SimpleGrid>
      <Section title={t("prev.vil.stages")} id="vil-stages">
        <StageTrail village={v} />
      </Section>
      <Section title={t("prev.vil.steps")} id="vil-steps">
        <StepsForm
          steps={steps}
          withDecree={v.allowed_steps.includes("decided")}
          title={t("prev.vil.steps")}
          empty={t("prev.vil.noSteps")}
          moved={t("prev.vil.moved")}
          onMoved={() => void queries.invalidateQueries({ queryKey: ["prevention"] })}
          onReload={reload}
          send={(to, note, decree) =>
            api.POST("/api/v1/prevention/villages/{village_id}/stage", {
              params: { path: { village_id: v.id } },
              body: { stage: to as Stage, note, decree_number: to === "decided" ? decree : null },
              headers: { "If-Match": etag },
            })
          }
        />
      </Section>
      <Section title={t("prev.vil.instrument")} id="vil-instrument">
        <Instrument village={v} etag={etag} />
      </Section>
      {v.stage === "decided" && (
        <Section title={t("prev.vil.decision")} id="vil-decision">
          <Decision village={v} />
        </Section>
      )}
      <Section title={t("prev.hist.title")} id="vil-history">
        <HistoryTable history={v.history} caption={t("prev.hist.title")} />
      </Section>
    </Stack>
  );
}

function StageTrail({ village }: { village: Village }): React.JSX.Element {
  const t = useT();
  const zone = useOfficeZone();
  const { intl } = useWords();
  return (
    <Table withTableBorder data-testid="stages">
      <caption className="visually-hidden">{t("prev.vil.stages")}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t("prev.vil.stage")}</Table.Th>
          <Table.Th scope="col">{t("prev.hist.by")}</Table.Th>
          <Table.Th scope="col">{t("prev.hist.at")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {stageTrail(village.history).map((s) => (
          <Table.Tr key={s.to} data-stage={s.to}>
            <Table.Th scope="row" fw={400}>
              <VillageStageChip stage={s.to ?? ""} />
            </Table.Th>
            <Table.Td>{s.by}</Table.Td>
            <Table.Td>{formatDateTime(s.at, zone, intl)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Instrument({ village, etag }: { village: Village; etag: string }): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const schemes = useVillageSchemes();
  const w = useWrite({ onSaved: () => void queries.invalidateQueries({ queryKey: ["prevention", "village", village.id] }), onConflict: () => void queries.invalidateQueries({ queryKey: ["prevention", "village", village.id] }) });
  const schemeId = w.values.scheme_id || schemes.data?.[0]?.id || "";
  if (village.assessment_id) {
    return (
      <Group>
        <AppLink to="/pencegahan/penilaian/$assessmentId" params={{ assessmentId: village.assessment_id }} data-testid="village-instrument">
          {t("prev.vil.toInstrument")}
        </AppLink>
      </Group>
    );
  }
  // Opened once, while mentored, by those the API allows (`allowed_actions`).
  if (!allows(village, "open_instrument")) return <Text>{t("prev.vil.instrumentHint")}</Text>;
  return (
    <Stack gap="xs" maw={640}>
      <Text size="sm">{t("prev.vil.instrumentHint")}</Text>
      <Saved when={w.saved} message={t("prev.vil.instrumentOpened")} />
      <General message={w.errors.general} />
      <NativeSelect
        label={t("prev.vil.scheme")}
        data={(schemes.data ?? []).map((s) => ({ value: s.id, label: `${s.title} (${s.code} v${s.version})` }))}
        {...w.bind("scheme_id")}
        value={schemeId}
        error={errorAt(w.errors, "scheme_id")}
      />
      <Group>
        <Button
          disabled={!schemeId}
          loading={w.busy}
          onClick={() =>
            void w.send(() =>
              api.POST("/api/v1/prevention/villages/{village_id}/assessment", {
                params: { path: { village_id: village.id } },
                body: { scheme_id: schemeId },
                headers: { "If-Match": etag },
              }),
            )
          }
        >
          {t("prev.vil.openInstrument")}
        </Button>
      </Group>
    </Stack>
  );
}

function Decision({ village }: { village: Village }): React.JSX.Element {
  const t = useT();
  const { intl } = useWords();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function letter() {
    setBusy(true);
    setFailed(false);
    try {
      save(await fetchFile(`/api/v1/prevention/villages/${village.id}/decision.pdf`, "application/pdf", `keputusan-desa-${village.year}.pdf`));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0}>
        <Fact label={t("prev.vil.decreeNumber")}>
          <span data-testid="decree-number">{village.decree_number ?? "—"}</span>
        </Fact>
        <Fact label={t("prev.vil.decidedOn")}>{village.decided_on ? formatDate(village.decided_on, DEFAULT_ZONE, intl) : "—"}</Fact>
        <Fact label={t("prev.vil.decidedBy")}>{village.decided_by ?? "—"}</Fact>
      </SimpleGrid>
      {failed && (
        <Alert color="red" role="alert">
          {t("prev.vil.letterFailed")}
        </Alert>
      )}
      <Group>
        <Button variant="default" loading={busy} onClick={() => void letter()}>
          {t("prev.vil.letter")}
        </Button>
      </Group>
    </Stack>
  );
}
