// An enumerator's entry typed in: who answered (the respondent type, its code in the
// field notes), when and where, and per indicator the answer on the scheme's scale with
// what was seen as evidence. Only the indicators answered are sent; the API's problem
// about an answer shows at its indicator. Sent once (Idempotency-Key); the reviewer
// then approves, returns or holds it.
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, type FormEvent } from "react";
import { api } from "../../api/client";
import { DateTimeField } from "../../components/DateFields";
import { Section } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { nowInstant } from "../../lib/dateFields";
import { answerError, answersFrom, questionsFor, scaleChoices } from "../../lib/preventionEntry";
import { useOfficeZone } from "../../office";
import { errorAt } from "../case/write";
import type { Assessment } from "./data";
import { useScheme, type RespondentType } from "./entryData";
import { QueryState } from "./shared";

const NOOP = () => undefined;

export function EntryForm({ assessment }: { assessment: Assessment }): React.JSX.Element {
  const t = useT();
  const scheme = useScheme(assessment.scheme_id);
  return (
    <Section title={t("prev.entry.title")} id="prev-entry">
      {scheme.data ? <EntryFields assessment={assessment} definition={scheme.data.definition} /> : <QueryState query={scheme} />}
    </Section>
  );
}

type Definition = NonNullable<ReturnType<typeof useScheme>["data"]>["definition"];

function EntryFields({ assessment, definition }: { assessment: Assessment; definition: Definition }): React.JSX.Element {
  const t = useT();
  const zone = useOfficeZone();
  const queries = useQueryClient();
  const sent = useRef<string[]>([]); // the indicator of each answer last sent
  const first = definition.respondents[0]?.type ?? "";
  const w = useWrite(
    {
      onSaved: () => {
        void queries.invalidateQueries({ queryKey: ["prevention", "entries", assessment.id] });
        void queries.invalidateQueries({ queryKey: ["prevention", "assessment", assessment.id] });
      },
      onConflict: NOOP,
    },
    { respondent_type: first, taken_at: nowInstant(zone) },
  );
  const respondent = definition.respondents.find((r) => r.type === w.values.respondent_type) ?? definition.respondents[0];
  const questions = respondent ? questionsFor(definition, respondent.type) : [];

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!respondent) return;
    const { answers, codes } = answersFrom(questions, w.values);
    if (answers.length === 0) {
      w.setErrors({ fields: {}, general: t("prev.entry.noAnswer") });
      return;
    }
    // The field keeps the instant with the office's offset, or nothing while incomplete.
    const takenAt = w.values.taken_at ?? "";
    if (!takenAt) {
      w.setErrors({ fields: { taken_at: t("field.required") }, general: null });
      return;
    }
    sent.current = codes;
    const kept = { respondent_type: respondent.type, taken_at: w.values.taken_at ?? "", place: w.values.place ?? "" };
    void w.send(
      () =>
        api.POST("/api/v1/prevention/assessments/{assessment_id}/entries", {
          params: { path: { assessment_id: assessment.id } },
          body: {
            respondent_type: respondent.type as RespondentType,
            respondent_ref: w.values.respondent_ref?.trim() || null,
            method: respondent.method,
            taken_at: takenAt,
            place: w.values.place ?? "",
            photos: [], // photographs come with the spreadsheet's rows
            answers,
          },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        }),
      () => w.reset(kept), // the next respondent at the same place
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("prev.entry.title")}>
      <Stack>
        <Saved when={w.saved} message={t("prev.entry.saved")} />
        <General message={w.errors.general} />
        <Group grow align="flex-start">
          <NativeSelect
            label={t("prev.entry.respondent")}
            data={definition.respondents.map((r) => ({ value: r.type, label: r.label }))}
            {...w.bind("respondent_type")}
            error={errorAt(w.errors, "respondent_type")}
          />
          <TextInput label={t("prev.entry.ref")} description={t("prev.entry.refHint")} {...w.bind("respondent_ref")} error={errorAt(w.errors, "respondent_ref")} />
        </Group>
        <Group grow align="flex-start">
          <DateTimeField label={t("prev.entry.takenAt")} required zone={zone} {...w.bind("taken_at")} error={errorAt(w.errors, "taken_at")} />
          <TextInput label={t("prev.entry.place")} required {...w.bind("place")} error={errorAt(w.errors, "place")} />
        </Group>
        <Text size="sm">{t("prev.entry.answersHint")}</Text>
        <Table.ScrollContainer minWidth={700}>
          <Table withTableBorder data-testid="entry-answers">
            <caption className="visually-hidden">{t("prev.entry.answers")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("prev.entry.indicator")}</Table.Th>
                <Table.Th scope="col">{t("prev.entry.value")}</Table.Th>
                <Table.Th scope="col">{t("prev.entry.note")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {questions.map((q) => (
                <Table.Tr key={q.code} data-question={q.code}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm">
                      <strong>{q.code}</strong> {q.text}
                    </Text>
                    {q.evidence && (
                      <Text size="xs" c="dimmed">
                        {t("prev.entry.evidence")}: {q.evidence}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td miw={140}>
                    <NativeSelect
                      aria-label={`${t("prev.entry.value")} ${q.code}`}
                      data={[{ value: "", label: "—" }, ...scaleChoices(q.scale)]}
                      {...w.bind(`value.${q.code}`)}
                      error={answerError(w.errors.fields, sent.current, q.code, "value")}
                    />
                  </Table.Td>
                  <Table.Td miw={220}>
                    <TextInput
                      aria-label={`${t("prev.entry.note")} ${q.code}`}
                      {...w.bind(`note.${q.code}`)}
                      error={answerError(w.errors.fields, sent.current, q.code, "note")}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group>
          <Button type="submit" loading={w.busy}>
            {t("prev.entry.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
