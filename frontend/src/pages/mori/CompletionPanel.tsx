// Evaluation and completion of one intern (`?peserta=`): the supervisor's rubric, the
// evaluations so far with the final score, and the completion check, which issues the
// certificate or says in words which rule is unmet; the certificate then downloads.
import { Alert, Button, Group, Paper, Radio, Select, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { useLocale, useSay, useT } from "../../i18n/locale";
import { said, type Said } from "../../i18n/said";
import { catalogue } from "../../i18n/messages";
import { missingScores } from "../../lib/mori";
import { useMe } from "../../office";
import { Completion } from "./Completion";
import { useApplications, useEvaluations, useRubrics, type Application } from "./data";
import { usePeriod } from "./shared";

export function CompletionPanel(): React.JSX.Element {
  const t = useT();
  const navigate = useNavigate({ from: "/mori" });
  const search = useSearch({ from: "/mori" });
  const period = usePeriod();
  const accepted = useApplications({ status: "accepted" });
  const interns = accepted.data ?? [];
  const chosen = interns.find((a) => a.id === search.peserta);
  return (
    <Stack>
      {accepted.data && interns.length === 0 && <Text>{t("mg.done.none")}</Text>}
      {interns.length > 0 && (
        <Select
          label={t("mg.done.intern")}
          placeholder={t("mg.done.pick")}
          data={interns.map((a) => ({ value: a.id, label: `${a.applicant.name ?? a.id.slice(0, 8)} (${period(a.period_start, a.period_end)})` }))}
          value={chosen?.id ?? null}
          onChange={(v) => void navigate({ search: (s) => ({ ...s, peserta: v ?? undefined }) })}
          searchable
          w={{ base: "100%", sm: 600 }}
          data-testid="intern-pick"
        />
      )}
      {chosen && (
        <>
          <Evaluations key={chosen.id} application={chosen} />
          <Completion key={`done-${chosen.id}`} application={chosen} />
        </>
      )}
    </Stack>
  );
}

function Evaluations({ application }: { application: Application }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels: Record<string, string> = catalogue(locale);
  const me = useMe();
  const rubrics = useRubrics();
  const evaluations = useEvaluations(application.id);
  const criteria = rubrics.data?.intern ?? [];
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState("");
  const say = useSay();
  // Kept as what to say: the missing criteria are named in the language of the moment.
  const [result, setResult] = useState<{ ok: boolean; said: Said | { missing: string[] } } | null>(null);
  const [busy, setBusy] = useState(false);
  const name = (c: string) => labels[`mg.criterion.${c}`] ?? c;
  const shown = (kept: Said | { missing: string[] }) => ("missing" in kept ? t("mg.eval.missing", { criteria: kept.missing.map(name).join(", ") }) : say(kept));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = missingScores(criteria, scores);
    if (missing.length) return setResult({ ok: false, said: { missing } });
    setBusy(true);
    const { data, error, response } = await api.POST("/api/v1/internship/evaluations/interns/{application_id}", {
      params: { path: { application_id: application.id } },
      headers: { "Idempotency-Key": crypto.randomUUID() },
      body: { scores, ...(comment.trim() ? { comment: comment.trim() } : {}) },
    });
    setBusy(false);
    if (data) {
      setResult({ ok: true, said: said("mg.eval.saved") });
      await evaluations.refetch();
    } else setResult({ ok: false, said: response.status === 409 ? said("mg.eval.already") : { problem: error, fallback: "mg.loadFailed" } });
  }

  const items = evaluations.data?.items ?? [];
  // One evaluation per supervisor (the API refuses a second): the form goes once sent.
  const mine = items.some((e) => e.evaluator === me.data?.username);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="evaluation-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="evaluation-title">
          {t("mg.eval.title")}
        </Title>
        {evaluations.data?.final_score !== null && evaluations.data?.final_score !== undefined && <Text fw={600}>{t("mg.eval.final", { score: evaluations.data.final_score })}</Text>}
        {items.length === 0 ? (
          <Text>{t("mg.eval.none")}</Text>
        ) : (
          <Table withTableBorder data-testid="evaluations">
            <caption className="visually-hidden">{t("mg.eval.list")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("mg.eval.evaluator")}</Table.Th>
                <Table.Th scope="col">{t("mg.eval.score")}</Table.Th>
                <Table.Th scope="col">{t("mg.eval.note")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Th scope="row" fw={400}>
                    {e.evaluator}
                  </Table.Th>
                  <Table.Td>{e.score.toLocaleString(locale === "id" ? "id-ID" : "en-GB")}</Table.Td>
                  <Table.Td>{e.comment ?? "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {result?.ok && (
          <Alert color="green" role="status" data-testid="evaluation-result">
            {shown(result.said)}
          </Alert>
        )}
        {application.actions.includes("evaluate") && !mine && criteria.length > 0 && (
          <form onSubmit={(e) => void submit(e)} noValidate data-testid="rubric">
            <Stack gap="xs">
              <Text size="sm">{t("mg.eval.help")}</Text>
              {criteria.map((c) => (
                <Radio.Group key={c} name={c} label={name(c)} value={scores[c] ? String(scores[c]) : ""} onChange={(v) => setScores((s) => ({ ...s, [c]: Number(v) }))} required>
                  <Group gap="md" mt={4}>
                    {[1, 2, 3, 4, 5].map((n) => (
                      <Radio key={n} value={String(n)} label={String(n)} />
                    ))}
                  </Group>
                </Radio.Group>
              ))}
              <Textarea label={t("mg.eval.comment")} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
              {result && !result.ok && (
                <Alert color="red" role="alert">
                  {shown(result.said)}
                </Alert>
              )}
              <Button type="submit" loading={busy} style={{ alignSelf: "flex-start" }} data-testid="evaluate">
                {t("mg.eval.submit")}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
