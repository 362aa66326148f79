// One compliance assessment: what was assessed, its score with the explanation per
// dimension, variable and indicator (what each gained and lost, what to fix), and the
// rapor to download. While it is being filled: the entry form, the spreadsheet
// template and its upload (when the API allows this reader entries), and the reviewer's
// decisions on the entries (those the API allows them on each entry).
import { Alert, Button, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useParams } from "@tanstack/react-router";
import { useState } from "react";
import { fetchFile, save } from "../../api/files";
import { AppLink } from "../../components/AppLink";
import { Fact, Section } from "../../components/Sections";
import { useT } from "../../i18n/locale";
import { decimal } from "../../lib/prevention";
import { allows } from "../../lib/preventionWrite";
import { useAssessment, useScore, type Assessment } from "./data";
import { DimensionTable } from "./DimensionTable";
import { EntriesReview } from "./EntriesReview";
import { EntryForm } from "./EntryForm";
import { TemplateFiles } from "./TemplateFiles";
import { QueryState, useWords } from "./shared";

export function AssessmentPage(): React.JSX.Element {
  const t = useT();
  const { assessmentId } = useParams({ from: "/pencegahan/penilaian/$assessmentId" });
  const assessment = useAssessment(assessmentId);
  return (
    <Stack>
      <AppLink to="/pencegahan" search={{ bagian: "penilaian" }}>
        {t("prev.a.back")}
      </AppLink>
      {assessment.data === null && <Alert color="gray">{t("prev.a.notFound")}</Alert>}
      {assessment.data === undefined && <QueryState query={assessment} />}
      {assessment.data && <AssessmentView assessment={assessment.data} />}
    </Stack>
  );
}

function AssessmentView({ assessment }: { assessment: Assessment }): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  async function rapor() {
    setBusy(true);
    setFailed(false);
    try {
      const path = `/api/v1/prevention/assessments/${assessment.id}/rapor.pdf`;
      save(await fetchFile(path, "application/pdf", `rapor-${assessment.year}-${assessment.id}.pdf`));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Title order={1} size="h2">
        {assessment.unit_name} ({assessment.year})
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 4 }} component="dl" m={0}>
        <Fact label={t("prev.a.region")}>{[assessment.regency, assessment.region].filter(Boolean).join(", ")}</Fact>
        <Fact label={t("prev.a.status")}>
          <span data-testid="assessment-status">{label("prev.a.status", assessment.status)}</span>
        </Fact>
        <Fact label={t("prev.a.scheme")}>
          {assessment.scheme_code} v{assessment.scheme_version}
        </Fact>
        <Fact label={t("prev.a.entries")}>{assessment.entries.approved ?? 0}</Fact>
      </SimpleGrid>
      {assessment.published_label && (
        <Text>
          {t("prev.score.published")}: <strong>{assessment.published_label}</strong> ({decimal(assessment.published_total, intl)})
        </Text>
      )}
      <Group>
        <Button variant="default" loading={busy} onClick={() => void rapor()}>
          {t("prev.a.rapor")}
        </Button>
      </Group>
      {failed && (
        <Alert color="red" role="alert">
          {t("prev.a.raporFailed")}
        </Alert>
      )}
      {allows(assessment, "add_entries") && (
        <>
          <EntryForm assessment={assessment} />
          <TemplateFiles assessment={assessment} />
        </>
      )}
      <EntriesReview assessment={assessment} />
      <ScoreView id={assessment.id} />
    </>
  );
}

function ScoreView({ id }: { id: string }): React.JSX.Element {
  const t = useT();
  const { intl } = useWords();
  const score = useScore(id);
  if (!score.data) return <QueryState query={score} />;
  const s = score.data;
  const follow = s.follow_up;
  return (
    <Section title={t("prev.score.title")} id="prev-score">
      <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0}>
        <Fact label={t("prev.score.total")}>
          <span data-testid="score-total" data-score={s.total}>
            {t("prev.score.of", { score: decimal(s.total, intl, s.decimals) })}
          </span>
        </Fact>
        <Fact label={t("prev.score.result")}>
          <span data-testid="score-result">{s.result ? s.result.title : "—"}</span>
        </Fact>
        {follow && (
          <Fact label={t("prev.score.followUp")}>
            {t("prev.score.followUpText", { followed: follow.followed_up, issued: follow.issued, pending: follow.pending ?? 0 })}
          </Fact>
        )}
      </SimpleGrid>
      {s.complete ? (
        <Text>✓ {t("prev.score.complete")}</Text>
      ) : (
        <Alert color="yellow" c="dark" data-testid="score-provisional">
          ⚠ {t("prev.score.provisional", { count: s.missing.length })}
        </Alert>
      )}
      <Text size="sm">{t("prev.score.method")}</Text>
      {s.dimensions.map((d) => (
        <DimensionTable key={d.code} dimension={d} decimals={s.decimals} />
      ))}
      {s.missing.length > 0 && (
        <>
          <Title order={3} size="h4">
            {t("prev.score.missing")}
          </Title>
          <Text>{s.missing.join(", ")}</Text>
        </>
      )}
    </Section>
  );
}
